//! `LazyView`, the route wrapper that renders a view once its code is loaded: the view is built
//! once and stays reactive inside (a signal its body reads must not rebuild it), and a load that
//! fails shows why, with a retry that loads again.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::Cell;

use common::{click, exists, find, host, settle};
use frontend::components::LazyView;
use frontend::pages::split::{ChunkError, ViewLoad};
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static BUILDS: Cell<u32> = const { Cell::new(0) };
    static LOADS: Cell<u32> = const { Cell::new(0) };
    static LABEL: RwSignal<String> = RwSignal::new("first".to_owned());
    static POLL: RwSignal<u32> = RwSignal::new(0);
}

/// A view whose body reads a signal, as pages do with their URL state, and whose data is a
/// resource that reloads, as a polled page's does; it counts its builds.
#[component]
fn Counting() -> impl IntoView {
    BUILDS.with(|b| b.set(b.get() + 1));
    let label = LABEL.with(|l| *l);
    let poll = POLL.with(|p| *p);
    let data = LocalResource::new(move || {
        let n = poll.get();
        async move {
            settle(1).await;
            n
        }
    });
    let at_build = label.get();
    view! {
        <p class="counting" data-at-build=at_build>{move || label.get()}</p>
        <p class="data">{move || data.get().map(|n| n.to_string())}</p>
    }
}

/// Built after an await, as a split view is once its chunk has arrived.
fn counting() -> ViewLoad {
    Box::pin(async {
        settle(1).await;
        Ok(Counting().into_any())
    })
}

/// What the view built on retry finds in its context: the app's, as a page needs the router's.
#[derive(Clone)]
struct AppContext(&'static str);

/// Fails the first load, as a chunk fetch does with the network gone, then succeeds.
fn flaky() -> ViewLoad {
    let load = LOADS.with(|l| {
        l.set(l.get() + 1);
        l.get()
    });
    Box::pin(async move {
        match load {
            1 => Err(ChunkError),
            _ => {
                let context = use_context::<AppContext>().map_or("no context", |c| c.0);
                Ok(view! { <p class="loaded">{context}</p> }.into_any())
            }
        }
    })
}

#[wasm_bindgen_test]
async fn the_view_is_built_once_and_stays_reactive() {
    let host = host();
    let _app = mount_to(host.clone(), || view! { <LazyView load=counting /> });
    settle(30).await;
    assert_eq!(
        find(&host, ".counting").text_content().as_deref(),
        Some("first")
    );

    LABEL.with(|l| l.set("second".to_owned()));
    settle(30).await;
    let shown = find(&host, ".counting");
    assert_eq!(shown.text_content().as_deref(), Some("second"));
    assert_eq!(
        shown.get_attribute("data-at-build").as_deref(),
        Some("first")
    );
    assert_eq!(
        BUILDS.with(Cell::get),
        1,
        "the view was rebuilt when a signal it read changed"
    );

    // Its data reloads (a poll): the view shows the new data, and is neither rebuilt nor replaced
    // by the loading note meanwhile.
    let before = find(&host, ".counting");
    POLL.with(|p| p.set(1));
    leptos::task::tick().await;
    assert!(
        !exists(&host, ".view-loading"),
        "the view gave way to the loading note while its data reloaded"
    );
    settle(30).await;
    assert_eq!(find(&host, ".data").text_content().as_deref(), Some("1"));
    assert!(
        before.is_connected(),
        "the view was replaced when its data reloaded"
    );
    assert_eq!(
        BUILDS.with(Cell::get),
        1,
        "the view was rebuilt when its data reloaded"
    );
}

#[wasm_bindgen_test]
async fn a_failed_load_says_so_and_retry_loads_again() {
    let host = host();
    let _app = mount_to(host.clone(), || {
        provide_context(AppContext("the app's context"));
        view! { <LazyView load=flaky /> }
    });
    settle(10).await;
    let panel = find(&host, ".error-panel")
        .text_content()
        .unwrap_or_default();
    assert!(panel.contains("This view could not be loaded"), "{panel}");
    assert!(!exists(&host, ".loaded"));

    click(&host, ".error-panel button");
    settle(10).await;
    assert_eq!(
        find(&host, ".loaded").text_content().as_deref(),
        Some("the app's context"),
        "the view loaded on Retry is not in the app's context"
    );
    assert!(!exists(&host, ".error-panel"));
    assert_eq!(LOADS.with(Cell::get), 2);
}
