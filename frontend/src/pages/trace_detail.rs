//! `/traces/:id`: a placeholder until the view lands.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::PagePlaceholder;

#[component]
pub fn TraceDetail() -> impl IntoView {
    let params = use_params_map();
    let title = Signal::derive(move || {
        format!("Trace {}", params.with(|p| p.get("id").unwrap_or_default()))
    });
    view! { <PagePlaceholder title summary="One trace as a timeline of its segments and subsegments." /> }
}
