//! Where the release build cuts the module: each view is a split point, so its code (and what
//! only it uses) is fetched when its route first opens instead of with the shell.
//!
//! The release build (`cargo xtask dist`) compiles with `--cfg runtrace_split` and splits the
//! module with `wasm_split_cli_support` (xtask/src/split.rs). Every other build (`trunk serve`,
//! the browser tests) links the views in directly: an unsplit module with split points in it
//! would import loaders no one provides. Both builds give the router the same
//! `fn() -> ViewLoad`, so nothing else knows which one it runs in.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A view's code loading (instantly when it is linked in), then the view.
pub type ViewLoad = Pin<Box<dyn Future<Output = Result<AnyView, ChunkError>>>>;

/// The browser could not fetch or instantiate a view's code: the network went away, or the server
/// was updated and no longer has the chunks this page's shell was built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// `split_view!(chunk, Component)` defines a module `chunk` whose `load()` renders `Component`
/// from the chunk named `chunk` in the split build, and whose `preload()` only fetches that code.
macro_rules! split_view {
    ($chunk:ident, $component:path) => {
        pub mod $chunk {
            use leptos::prelude::*;
            #[cfg(runtrace_split)]
            use leptos::wasm_split::wasm_split;

            use super::{ChunkError, ViewLoad};

            /// The view, once its code is loaded.
            pub fn load() -> ViewLoad {
                Box::pin(view())
            }

            /// Fetches and instantiates the view's code without building the view, so that
            /// opening it later waits for nothing; a load already on its way is shared.
            pub async fn preload() -> Result<(), ChunkError> {
                #[cfg(runtrace_split)]
                fetch().await?;
                Ok(())
            }

            #[cfg(runtrace_split)]
            #[wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch))]
            fn view() -> Result<AnyView, ChunkError> {
                Ok($component().into_any())
            }

            #[cfg(not(runtrace_split))]
            async fn view() -> Result<AnyView, ChunkError> {
                Ok($component().into_any())
            }
        }
    };
}

split_view!(services, crate::pages::Services);
split_view!(service_detail, crate::pages::ServiceDetail);
split_view!(map, crate::pages::ServiceMap);
split_view!(traces, crate::pages::Traces);
split_view!(trace_detail, crate::pages::TraceDetail);
split_view!(kiosk, crate::pages::Kiosk);

/// [`warm`]s a view's code the first time `ready` holds (tracked, like an effect): a page warms
/// the view it leads to once it shows something that leads there.
pub fn warm_when<F>(ready: impl Fn() -> bool + 'static, preload: fn() -> F)
where
    F: Future<Output = Result<(), ChunkError>> + 'static,
{
    Effect::new(move |warmed: Option<bool>| {
        // Once warmed, `ready` is no longer read, so the effect never runs again.
        warmed.unwrap_or(false) || {
            let now = ready();
            if now {
                warm(preload);
            }
            now
        }
    });
}

/// Fetches a view's code once the browser is idle: the view a page leads to (a trace from the
/// search results, a service from the list) then opens without waiting for its code. A failure
/// is left for the view's own load to show, with its retry, if the user does open it.
fn warm<F>(preload: fn() -> F)
where
    F: Future<Output = Result<(), ChunkError>> + 'static,
{
    let start = move || leptos::task::spawn_local(async move { _ = preload().await });
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(start);
    if window
        .request_idle_callback(callback.unchecked_ref())
        .is_err()
    {
        // No idle callbacks (Safari before 18): right away, the fetch is asynchronous anyway.
        start();
    }
}

/// The trace page's map of the trace: its canvas and layout (shared with the map view) are
/// fetched when the section first opens, not with the trace's page.
pub mod trace_map {
    use leptos::prelude::*;

    use super::ChunkError;
    use crate::components::traces::{MapOfTrace, map_of_trace};

    /// What builds the map, once its code is loaded.
    pub type BuildMap = fn(MapOfTrace) -> AnyView;

    #[cfg(runtrace_split)]
    #[leptos::wasm_split::wasm_split(trace_map, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn code() -> Result<BuildMap, ChunkError> {
        Ok(map_of_trace)
    }

    #[cfg(not(runtrace_split))]
    pub async fn code() -> Result<BuildMap, ChunkError> {
        Ok(map_of_trace)
    }
}
