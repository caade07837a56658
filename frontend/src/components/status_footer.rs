use leptos::prelude::*;
use shared::api::Config;

use super::{BoundaryPanel, ServerStatus};
use crate::server_config::use_server_config;

/// The status line at the bottom: which server this is and whether it answers. A failure shows
/// here with a retry rather than breaking the page.
#[component]
pub fn StatusFooter() -> impl IntoView {
    let config = use_server_config();
    let retry = Callback::new(move |()| config.refetch());

    view! {
        <footer class="status-bar" aria-label="Server status">
            <Transition fallback=|| view! { <span class="muted">"Connecting to the server…"</span> }>
                <ErrorBoundary fallback=move |errors| view! { <BoundaryPanel errors on_retry=retry /> }>
                    {move || Suspend::new(async move {
                        config.wait().await.map(|config| view! { <ServerStatus config=Config::clone(&config) /> })
                    })}
                </ErrorBoundary>
            </Transition>
        </footer>
    }
}
