use leptos::prelude::*;
use shared::api::Config;

use super::{BoundaryPanel, ServerStatus};
use crate::browser::{show_times_in_utc, times_in_utc, zone_label};
use crate::server_config::use_server_config;

/// The status line at the bottom: which server this is and whether it answers (a failure shows
/// here with a retry rather than breaking the page), and the one place that names the time zone
/// every time on the page is in, with the switch to UTC and back.
#[component]
pub fn StatusFooter() -> impl IntoView {
    let config = use_server_config();
    let retry = Callback::new(move |()| config.refetch());
    let utc = times_in_utc();

    view! {
        <footer class="status-bar" aria-label="Server status">
            <Transition fallback=|| view! { <span class="muted">"Connecting to the server…"</span> }>
                <ErrorBoundary fallback=move |errors| view! { <BoundaryPanel errors on_retry=retry /> }>
                    {move || Suspend::new(async move {
                        config.wait().await.map(|config| view! { <ServerStatus config=Config::clone(&config) /> })
                    })}
                </ErrorBoundary>
            </Transition>
            <span class="zone" data-zone=zone_label()>
                {format!("Times in {} ", zone_label())}
                <button type="button" class="link-button" on:click=move |_| show_times_in_utc(!utc)>
                    {if utc { "show local time" } else { "show UTC" }}
                </button>
            </span>
        </footer>
    }
}
