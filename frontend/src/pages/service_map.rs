//! `/map`: a placeholder until the view lands.

use leptos::prelude::*;

use crate::components::PagePlaceholder;

#[component]
pub fn ServiceMap() -> impl IntoView {
    view! { <PagePlaceholder title={"Service map".to_owned()} summary="The X-Ray service map for the chosen window, with each node's latency and error rates." /> }
}
