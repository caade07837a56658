//! The trace views' components in a real browser: the filter box underlines a parse error where
//! it is, and the timeline keeps a bounded number of rows in the DOM for a 100,000-span trace.
#![cfg(target_arch = "wasm32")]

mod common;

use std::sync::Arc;

use common::{count, find, fire, host, text};
use frontend::components::traces::{FilterBox, Timeline};
use leptos::mount::mount_to;
use leptos::prelude::*;
use shared::trace::{Span, Trace};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_filter_box_underlines_the_error_position() {
    let host = host();
    let applied = RwSignal::new(String::new());
    let _app = mount_to(host.clone(), move || {
        view! { <FilterBox applied on_apply=Callback::new(move |text| applied.set(text)) /> }
    });
    leptos::task::tick().await;
    let input: HtmlInputElement = find(&host, "#filter-expression").unchecked_into();
    let check = |typed: &'static str, marked: Option<&'static str>| {
        let input = input.clone();
        let host = host.clone();
        async move {
            input.set_value(typed);
            fire(&input, "input");
            leptos::task::tick().await;
            assert_eq!(
                text(&host, ".filter-error-mark").as_deref(),
                marked,
                "{typed:?}"
            );
            let invalid = input.get_attribute("aria-invalid");
            assert_eq!(
                invalid.as_deref(),
                Some(if marked.is_some() { "true" } else { "false" }),
                "{typed:?}"
            );
        }
    };
    check("responsetime > fast", Some("fast")).await;
    check("http.status = 500 AND", Some(" ")).await;
    check("http.status = 500", None).await;
    check("", None).await;
}

/// One root with `n - 1` children, one millisecond apart.
fn wide_trace(n: usize) -> Trace {
    let mut spans = vec![Span {
        id: "root".into(),
        name: "root".into(),
        start_time: Some(0.0),
        end_time: Some(n as f64 / 1000.0),
        children: (1..n).collect(),
        ..Span::default()
    }];
    spans.extend((1..n).map(|i| Span {
        id: format!("s{i}"),
        name: format!("call-{i}"),
        parent: Some(0),
        start_time: Some(i as f64 / 1000.0),
        end_time: Some((i + 1) as f64 / 1000.0),
        ..Span::default()
    }));
    Trace {
        start: 0.0,
        end: n as f64 / 1000.0,
        spans,
        roots: vec![0],
        ..Trace::default()
    }
}

#[wasm_bindgen_test]
async fn the_timeline_keeps_few_rows_in_the_dom_for_100k_spans() {
    let host = host();
    let trace = Arc::new(wide_trace(100_000));
    let selected = RwSignal::new(None);
    let _app = mount_to(
        host.clone(),
        move || view! { <Timeline trace=trace.clone() selected /> },
    );
    leptos::task::tick().await;
    let rows = count(&host, ".tl-row");
    assert!(
        (10..=100).contains(&rows),
        "{rows} rows in the DOM at the top"
    );
    assert_eq!(text(&host, ".tl-row .tl-name").as_deref(), Some("root"));

    let scroller: HtmlElement = find(&host, ".tl-scroll").unchecked_into();
    // No stylesheet in the test page: give the list the height the app's CSS gives it.
    scroller
        .set_attribute("style", "height:480px;overflow-y:auto")
        .expect("styled");
    scroller.set_scroll_top(24 * 50_000);
    fire(&scroller, "scroll");
    leptos::task::tick().await;
    let rows = count(&host, ".tl-row");
    assert!((10..=100).contains(&rows), "{rows} rows in the DOM mid-way");
    let first = text(&host, ".tl-row .tl-name").unwrap_or_default();
    assert_ne!(first, "root", "scrolling did not move the rendered window");
    assert!(first.starts_with("call-4999"), "mid-way starts at {first}");
}
