//! The service page's links into the other views ([`service_links`]), or the sentence saying
//! why there are none.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::ServiceDetail;

use crate::model::services::{ServiceRef, service_links};
use crate::url_state::use_view_links;

#[component]
pub fn ServiceLinks(
    service: ServiceRef,
    /// The service as last read; an Express service's links wait for it.
    detail: RwSignal<Option<Arc<ServiceDetail>>>,
) -> impl IntoView {
    // Links into other views keep the time range and region and add their own parameter.
    let links = use_view_links();
    move || match detail.with(|d| service_links(&service, d.as_deref())) {
        Ok(found) => {
            let items = found
                .into_iter()
                .map(|(path, key, value, text)| {
                    let href = move || links.href(path, vec![(key.to_owned(), value.clone())]);
                    view! { <A href=href>{text}</A> }
                })
                .collect_view();
            view! { <nav class="service-links" aria-label="This service elsewhere">{items}</nav> }
                .into_any()
        }
        Err(why) => view! { <p class="service-links no-node muted">{why}</p> }.into_any(),
    }
}
