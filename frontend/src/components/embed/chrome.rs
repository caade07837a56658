use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::params::ParamsMap;

use super::page_embed_state;
use crate::browser::{apply_theme, initial_theme};
use crate::model::embed::{REFUSED_MESSAGE, with_persisted, without_persisted};
use crate::server_config::use_server_config;

/// What an embedded page shows instead of the top bar: an "open in runtrace" link and, when the
/// backend refuses the link, a notice saying so. It also applies the host's theme and puts the
/// embedding back into the address whenever an in-app navigation lost it.
#[component]
pub fn EmbedChrome() -> impl IntoView {
    let state = page_embed_state();
    // The host's choice wins and is not remembered: it belongs to the portal, not the person.
    apply_theme(state.theme.unwrap_or_else(initial_theme));
    keep_embedding_in_the_address();

    let location = use_location();
    let open_href = move || {
        let kept: ParamsMap = location
            .query
            .with(|query| without_persisted(query))
            .into_iter()
            .collect();
        format!("{}{}", location.pathname.get(), kept.to_query_string())
    };
    let config = use_server_config();
    let refused = move || {
        matches!(
            config.0.get(),
            Some(Err(crate::api::ApiFailure::Rejected { status: 401, .. }))
        )
    };

    view! {
        <div class="embed-bar">
            <Show when=refused>
                <p class="embed-refused" role="alert">{REFUSED_MESSAGE}</p>
            </Show>
            <a class="embed-open" href=open_href target="_blank" rel="noopener">
                "open in runtrace ↗"
            </a>
        </div>
    }
}

/// Re-adds `embed`, `embed_token` and `theme` (replacing the history entry) when a link that
/// was built without them was followed.
fn keep_embedding_in_the_address() {
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        let rewritten = location
            .query
            .with(|query| with_persisted(query, page_embed_state()));
        if let Some(pairs) = rewritten {
            let query: ParamsMap = pairs.into_iter().collect();
            let path = location.pathname.get_untracked();
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&format!("{path}{}", query.to_query_string()), options);
        }
    });
}
