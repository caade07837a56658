use leptos::prelude::*;

use crate::server_config::use_server_config;
use crate::url_state::use_view_query;

/// A view that is not built yet: its heading, what it will show, and the time range and region it
/// would show them for, so the wiring from the URL is visible.
#[component]
pub fn PagePlaceholder(
    /// The page heading.
    #[prop(into)]
    title: Signal<String>,
    /// One sentence on what the page will show.
    #[prop(into)]
    summary: String,
) -> impl IntoView {
    let view_query = use_view_query();
    let config = use_server_config();
    let range = move || view_query.with(|query| query.view.range.describe());
    let region = move || {
        let chosen = view_query.with(|query| query.view.region.clone());
        chosen
            .or_else(|| config.loaded().map(|config| config.default_region))
            .unwrap_or_else(|| "the default region".to_owned())
    };

    view! {
        <section class="page">
            <h1>{title}</h1>
            <p>{summary}</p>
            <p class="view-state">
                "Showing " <strong class="view-range">{range}</strong> " in "
                <strong class="view-region">{region}</strong> "."
            </p>
        </section>
    }
}
