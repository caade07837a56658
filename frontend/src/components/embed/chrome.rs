use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::browser::{apply_theme, initial_theme, page_embed_state};
use crate::model::embed::{REFUSED_MESSAGE, with_persisted, without_persisted};
use crate::server_config::use_server_config;
use crate::url_state::{History, path_with_query, use_query_writer};

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
        let kept = location.query.with(|query| without_persisted(query));
        path_with_query(&location.pathname.get(), kept)
    };
    let config = use_server_config();
    let refused = move || {
        matches!(
            config.answer(),
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
    let writer = use_query_writer();
    Effect::new(move |_| {
        let rewritten = writer
            .query
            .with(|query| with_persisted(query, page_embed_state()));
        if let Some(pairs) = rewritten {
            writer.go(pairs, History::Replace);
        }
    });
}
