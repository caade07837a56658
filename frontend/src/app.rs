//! The whole app: the shell (top bar, notices, status line) around the routed page.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::browser::{page_embed_state, reload};
use crate::components::{BoundaryPanel, QueryNotice, StatusFooter, TopBar};
use crate::pages::{
    HomeRedirect, Kiosk, NotFound, ServiceDetail, ServiceMap, Services, TraceDetail, Traces,
};
use crate::server_config::provide_server_config;

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
                {if embedded {
                    view! { <crate::components::embed::EmbedChrome /> }.into_any()
                } else {
                    view! { <TopBar /> }.into_any()
                }}
                <QueryNotice />
                <main id="content" class="content">
                    <ErrorBoundary fallback=move |errors| view! { <BoundaryPanel errors on_retry=reload_page /> }>
                        <Routes fallback=|| view! { <NotFound /> }>
                            <Route path=path!("/") view=HomeRedirect />
                            <Route path=path!("/services") view=Services />
                            <Route path=path!("/services/:name") view=ServiceDetail />
                            <Route path=path!("/map") view=ServiceMap />
                            <Route path=path!("/traces") view=Traces />
                            <Route path=path!("/traces/:id") view=TraceDetail />
                            <Route path=path!("/kiosk") view=Kiosk />
                        </Routes>
                    </ErrorBoundary>
                </main>
                <StatusFooter />
            </div>
        </Router>
    }
}
