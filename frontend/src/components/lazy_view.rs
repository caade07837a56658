use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos::task::spawn_local;

use crate::browser::reload;
use crate::components::ErrorPanel;
use crate::pages::split::{ChunkError, ViewLoad};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Loading,
    Failed,
    Ready,
}

/// A route's view, rendered once its code is loaded (see `pages::split`). Loading is quiet (most
/// loads take one round trip); a load that fails says why, with a retry that fetches again and a
/// reload for when the server has moved on to a newer build.
///
/// Not a `<Suspense>`: a suspense boundary counts every resource read beneath it, so each poll of
/// a page's data would put the loading note back and rebuild the page (the kiosk lost its boards
/// every rotation). Here only the load itself is awaited; the view's own data is its business.
#[component]
pub fn LazyView(
    /// Loads the view's code and builds the view (`pages::split`).
    load: fn() -> ViewLoad,
) -> impl IntoView {
    // Each attempt is a component of its own, so a retry disposes all the last one left behind.
    let attempt = RwSignal::new(0_u32);
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
    move || {
        attempt.track();
        view! { <Attempt load retry /> }
    }
}

#[component]
fn Attempt(load: fn() -> ViewLoad, retry: Callback<()>) -> impl IntoView {
    let stage = RwSignal::new(Stage::Loading);
    let built = StoredValue::new_local(None::<AnyView>);
    // Untracked and under this attempt's owner: the view is built while the load is polled.
    spawn_local(ScopedFuture::new_untracked(async move {
        let loaded = load().await;
        // The route may have been left while the code was on its way.
        if stage.is_disposed() {
            return;
        }
        match loaded {
            Ok(view) => {
                built.set_value(Some(view));
                stage.set(Stage::Ready);
            }
            Err(ChunkError) => stage.set(Stage::Failed),
        }
    }));
    move || match stage.get() {
        Stage::Loading => {
            view! { <p class="muted view-loading" aria-busy="true">"Loading the view…"</p> }
                .into_any()
        }
        Stage::Failed => failed(retry).into_any(),
        Stage::Ready => built
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| ().into_any()),
    }
}

fn failed(retry: Callback<()>) -> impl IntoView {
    let lines = vec![
        "The browser could not fetch this view's code: the network may be down, or runtrace was \
         updated since this page was opened."
            .to_owned(),
        "Retry fetches it again; if it still fails, reload the page to start the new version."
            .to_owned(),
    ];
    view! {
        <ErrorPanel title="This view could not be loaded" lines on_retry=retry />
        <p><button type="button" on:click=|_| reload()>"Reload the page"</button></p>
    }
}
