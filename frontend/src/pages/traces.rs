//! `/traces`: a placeholder until the view lands.

use leptos::prelude::*;

use crate::components::PagePlaceholder;

#[component]
pub fn Traces() -> impl IntoView {
    view! { <PagePlaceholder title={"Traces".to_owned()} summary="Trace search by HTTP status, method, URL, response time or a raw X-Ray filter expression." /> }
}
