//! The service page's links into the other views: App Runner's node and traces by the service's
//! name; an Express service's by the node X-Ray's map has for it (its `service.name`, an ECS
//! type), or, when the map has none, a plain sentence saying so.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{ServiceDetail, ServiceKind};

use crate::model::services::{ServiceRef, node_filter};
use crate::url_state::use_view_links;

#[component]
pub fn ServiceLinks(
    service: ServiceRef,
    /// The service as last read; an Express service's links wait for it.
    detail: RwSignal<Option<Arc<ServiceDetail>>>,
) -> impl IntoView {
    // Links into other views keep the time range and region and add their own parameter.
    let links = use_view_links();
    let link = move |path: &'static str, key: &'static str, value: String, text: &'static str| {
        let href = move || links.href(path, vec![(key.to_owned(), value.clone())]);
        view! { <A href=href>{text}</A> }
    };
    if service.kind == ServiceKind::AppRunner {
        let name = service.name.clone();
        return view! {
            <nav class="service-links" aria-label="This service elsewhere">
                {link("/map", "node", name.clone(), "Its part of the service map")}
                {link("/traces", "filter", format!("service(\"{name}\")"), "Its traces")}
            </nav>
        }
        .into_any();
    }
    let node = Memo::new(move |_| {
        detail.with(|d| {
            let express = d.as_ref()?.service.express.as_ref()?;
            Some(express.spans.as_ref().and_then(|s| s.node.clone()))
        })
    });
    (move || match node.get() {
        // Not read yet.
        None => ().into_any(),
        Some(Some(node)) => view! {
            <nav class="service-links" aria-label="This service elsewhere">
                {link("/map", "node", node.name.clone(), "Its node in the service map")}
                {link("/traces", "filter", node_filter(&node), "Its traces")}
            </nav>
        }
        .into_any(),
        Some(None) => {
            let window = detail.with(|d| {
                d.as_ref()
                    .and_then(|d| d.service.express.as_ref()?.spans.as_ref())
                    .map(|s| s.window_seconds / 60)
            });
            let text = match window {
                Some(minutes) => format!(
                    "No node of this name in the service map of the last {minutes} min, so no \
                     traces to link to."
                ),
                None => "X-Ray could not be asked whether the service map has a node of this \
                         name."
                    .to_owned(),
            };
            view! { <p class="service-links no-node muted">{text}</p> }.into_any()
        }
    })
    .into_any()
}
