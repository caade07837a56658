//! `/services`: a placeholder until the view lands.

use leptos::prelude::*;

use crate::components::PagePlaceholder;

#[component]
pub fn Services() -> impl IntoView {
    view! { <PagePlaceholder title={"Services".to_owned()} summary="Every App Runner service in the configured regions, with its status and tracing state." /> }
}
