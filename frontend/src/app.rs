//! The whole app: the shell (top bar, notices, status line) around the routed page.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::browser::{page_embed_state, reload};
use crate::components::{BoundaryPanel, LazyView, QueryNotice, StatusFooter, TopBar};
use crate::pages::{HomeRedirect, NotFound, split};
use crate::server_config::provide_server_config;

/// The skip link moves the keyboard focus past the top bar, not only the scroll position (and
/// leaves the router out of it: `#content` is no route).
fn skip_to_content(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("content"));
    if let Some(main) =
        main.and_then(|m| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(m).ok())
    {
        let _ = main.focus();
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_server_config();
    // A page that fails outside its own boundaries has no data to refetch: start over.
    let reload_page = Callback::new(|()| reload());
    // Embedded in a portal: no top bar or navigation, compact spacing (static/embed.css).
    let embedded = page_embed_state().embedded;

    view! {
        <Router>
            <div class="shell" class:embedded=embedded>
                <a class="skip-link" href="#content" on:click=skip_to_content>"Skip to the main content"</a>
                {if embedded {
                    view! { <crate::components::embed::EmbedChrome /> }.into_any()
                } else {
                    view! { <TopBar /> }.into_any()
                }}
                <QueryNotice />
                <main id="content" class="content" tabindex="-1">
                    <ErrorBoundary fallback=move |errors| view! { <BoundaryPanel errors on_retry=reload_page /> }>
                        <Routes fallback=|| view! { <NotFound /> }>
                            <Route path=path!("/") view=HomeRedirect />
                            <Route path=path!("/services") view=|| view! { <LazyView load=split::services::load /> } />
                            <Route path=path!("/services/:name") view=|| view! { <LazyView load=split::service_detail::load /> } />
                            <Route path=path!("/map") view=|| view! { <LazyView load=split::map::load /> } />
                            <Route path=path!("/traces") view=|| view! { <LazyView load=split::traces::load /> } />
                            <Route path=path!("/traces/:id") view=|| view! { <LazyView load=split::trace_detail::load /> } />
                            <Route path=path!("/kiosk") view=|| view! { <LazyView load=split::kiosk::load /> } />
                        </Routes>
                    </ErrorBoundary>
                </main>
                <StatusFooter />
            </div>
        </Router>
    }
}
