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

/// `split_view!(load_fn, chunk, Component)` defines `load_fn() -> ViewLoad`, rendering
/// `Component` from the chunk named `chunk` in the split build.
macro_rules! split_view {
    ($load:ident, $chunk:ident, $component:path) => {
        pub fn $load() -> ViewLoad {
            #[cfg(runtrace_split)]
            #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn view() -> Result<AnyView, ChunkError> {
                Ok($component().into_any())
            }
            #[cfg(not(runtrace_split))]
            async fn view() -> Result<AnyView, ChunkError> {
                Ok($component().into_any())
            }
            Box::pin(view())
        }
    };
}

split_view!(services, services, super::Services);
split_view!(service_detail, service_detail, super::ServiceDetail);
split_view!(map, map, super::ServiceMap);
split_view!(traces, traces, super::Traces);
split_view!(trace_detail, trace_detail, super::TraceDetail);
split_view!(kiosk, kiosk, super::Kiosk);
