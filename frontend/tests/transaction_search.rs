//! Transaction Search's widgets in a real browser: the indexed-sample note appears only where
//! spans go to CloudWatch Logs, and the source switch is offered there (disabled, saying why,
//! elsewhere when a link asks for all spans) and reports the choice.
#![cfg(target_arch = "wasm32")]

mod common;

use std::sync::Arc;

use common::{click, count, exists, host, text};
use frontend::components::IndexedSample;
use frontend::components::traces::SourceSwitch;
use leptos::mount::mount_to;
use leptos::prelude::*;
use shared::api::{TraceSource, TransactionSearch};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn mode(destination: &str, share: f64) -> Option<Arc<TransactionSearch>> {
    Some(Arc::new(TransactionSearch {
        region: "us-east-1".into(),
        destination: destination.into(),
        status: "ACTIVE".into(),
        indexing_percent: Some(share),
        all_spans: destination == "CloudWatchLogs",
    }))
}

#[wasm_bindgen_test]
async fn the_note_shows_only_the_indexed_share() {
    let host = host();
    let shown = RwSignal::new(mode("CloudWatchLogs", 1.0));
    let _app = mount_to(host.clone(), move || view! { <IndexedSample mode=shown /> });
    leptos::task::tick().await;
    assert_eq!(
        text(&host, ".indexed-sample").as_deref(),
        Some("Indexed sample: 1 % of spans")
    );
    shown.set(mode("XRay", 100.0));
    leptos::task::tick().await;
    assert!(!exists(&host, ".indexed-sample"), "X-Ray keeps every trace");
    shown.set(None);
    leptos::task::tick().await;
    assert!(!exists(&host, ".indexed-sample"), "nothing while loading");
}

#[wasm_bindgen_test]
async fn the_switch_is_offered_where_every_span_is_kept() {
    let host = host();
    let shown = RwSignal::new(mode("CloudWatchLogs", 1.0));
    let source = RwSignal::new(TraceSource::Indexed);
    let on_change = Callback::new(move |chosen| source.set(chosen));
    let _app = mount_to(host.clone(), move || {
        view! { <SourceSwitch mode=shown source on_change /> }
    });
    leptos::task::tick().await;
    assert_eq!(count(&host, ".source-switch button"), 2);
    assert_eq!(count(&host, ".source-switch button[disabled]"), 0);
    click(&host, "button[data-source='spans']");
    leptos::task::tick().await;
    assert_eq!(source.get_untracked(), TraceSource::Spans);
    assert!(exists(
        &host,
        "button[data-source='spans'][aria-pressed='true']"
    ));

    // A region where X-Ray keeps every trace: a link that asks for all spans hears why not.
    shown.set(mode("XRay", 100.0));
    leptos::task::tick().await;
    assert!(exists(&host, "button[data-source='spans'][disabled]"));
    let note = text(&host, ".source-note").unwrap_or_default();
    assert!(note.contains("not in effect in us-east-1"), "{note}");
    click(&host, "button[data-source='indexed']");
    leptos::task::tick().await;
    assert_eq!(source.get_untracked(), TraceSource::Indexed);
    assert!(!exists(&host, ".source-switch"), "nothing to switch there");
}
