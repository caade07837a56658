use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::browser::reload;
use crate::components::ErrorPanel;
use crate::pages::split::{ChunkError, ViewLoad};

/// A route's view, rendered once its code is loaded (see `pages::split`). Loading is quiet (most
/// loads take one round trip); a load that fails says why, with a retry that fetches again and a
/// reload for when the server has moved on to a newer build.
#[component]
pub fn LazyView(
    /// Loads the view's code and builds the view (`pages::split`).
    load: fn() -> ViewLoad,
) -> impl IntoView {
    let attempt = RwSignal::new(0_u32);
    let view = move || {
        attempt.track();
        // The browser is single-threaded; `Suspend` asks for `Send` because servers render too.
        let loaded = SendWrapper::new(load());
        Suspend::new(async move {
            match loaded.await {
                Ok(view) => view,
                Err(ChunkError) => failed(attempt).into_any(),
            }
        })
    };
    view! {
        <Suspense fallback=|| view! { <p class="muted view-loading" aria-busy="true">"Loading the view…"</p> }>
            {view}
        </Suspense>
    }
}

fn failed(attempt: RwSignal<u32>) -> impl IntoView {
    let lines = vec![
        "The browser could not fetch this view's code: the network may be down, or runtrace was \
         updated since this page was opened."
            .to_owned(),
        "Retry fetches it again; if it still fails, reload the page to start the new version."
            .to_owned(),
    ];
    view! {
        <ErrorPanel
            title="This view could not be loaded"
            lines
            on_retry=Callback::new(move |()| attempt.update(|n| *n += 1))
        />
        <p><button type="button" on:click=|_| reload()>"Reload the page"</button></p>
    }
}
