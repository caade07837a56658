//! `/services/:name`: a placeholder until the view lands.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::PagePlaceholder;

#[component]
pub fn ServiceDetail() -> impl IntoView {
    let params = use_params_map();
    let title = Signal::derive(move || {
        format!(
            "Service {}",
            params.with(|p| p.get("name").unwrap_or_default())
        )
    });
    view! { <PagePlaceholder title summary="The service's facts, its observability configuration and its recent operations." /> }
}
