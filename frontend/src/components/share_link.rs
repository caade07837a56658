use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::traces::CopyButton;
use crate::browser::now_seconds;
use crate::model::pinned_query;
use crate::url_state::path_with_query;

/// "Copy link": the page as it is (a relative window moves with the clock), and the page pinned
/// to the minutes on screen now, so a colleague who opens it later sees the same traces. Both are
/// worked out when the menu opens.
#[component]
pub fn ShareLink() -> impl IntoView {
    let open = RwSignal::new(false);
    let location = use_location();
    let menu = move || {
        open.get().then(|| {
            let origin = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            let path = location.pathname.get_untracked();
            let (here, pinned) = location.query.with_untracked(|query| {
                let pinned = pinned_query(query, now_seconds().floor() as i64);
                let here: Vec<(String, String)> = query
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                (here, pinned)
            });
            let here = format!("{origin}{}", path_with_query(&path, here));
            let pinned = format!("{origin}{}", path_with_query(&path, pinned));
            view! {
                <div class="share-menu">
                    <p>"This view" <code class="share-here">{here.clone()}</code> <CopyButton label="link" text=here /></p>
                    <p>"These minutes" <code class="share-pinned">{pinned.clone()}</code> <CopyButton label="link to these minutes" text=pinned /></p>
                </div>
            }
        })
    };
    view! {
        <details class="share" on:toggle=move |event| {
            let details: web_sys::HtmlDetailsElement = event_target(&event);
            open.set(details.open());
        }>
            <summary>"Copy link"</summary>
            {menu}
        </details>
    }
}
