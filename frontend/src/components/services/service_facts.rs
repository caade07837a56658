use std::sync::Arc;

use leptos::prelude::*;
use shared::api::ServiceDetail;

use crate::model::services::format_epoch;

/// A service's facts as a description list: identity, URL, times, role and observability.
#[component]
pub fn ServiceFacts(detail: Signal<Arc<ServiceDetail>>) -> impl IntoView {
    let fact = move |read: fn(&ServiceDetail) -> Option<String>| {
        move || {
            detail
                .with(|detail| read(detail))
                .unwrap_or_else(|| "—".to_owned())
        }
    };
    let url = move || detail.with(|detail| detail.service.url.clone());
    view! {
        <dl class="service-facts">
            <dt>"ARN"</dt>
            <dd class="mono">{fact(|d| Some(d.service.arn.clone()))}</dd>
            <dt>"URL"</dt>
            <dd>
                {move || match url() {
                    Some(url) => {
                        let link = format!("https://{url}");
                        view! { <a href=link target="_blank" rel="noopener noreferrer">{url}</a> }.into_any()
                    }
                    None => "—".into_any(),
                }}
            </dd>
            <dt>"Region"</dt>
            <dd>{fact(|d| Some(d.service.region.clone()))}</dd>
            <dt>"Created"</dt>
            <dd>{fact(|d| Some(format_epoch(d.service.created_at)))}</dd>
            <dt>"Updated"</dt>
            <dd>{fact(|d| Some(format_epoch(d.service.updated_at)))}</dd>
            <dt>"Instance role"</dt>
            <dd class="mono">{fact(|d| d.instance_role_arn.clone())}</dd>
            <dt>"Observability configuration"</dt>
            <dd class="mono">{fact(|d| d.observability.as_ref().map(|o| o.name.clone().unwrap_or_else(|| o.arn.clone())))}</dd>
            <dt>"Revision"</dt>
            <dd>
                {fact(|d| {
                    let observability = d.observability.as_ref()?;
                    let revision = observability.revision.map_or("?".to_owned(), |r| r.to_string());
                    let latest = match observability.latest {
                        Some(true) => " (latest)",
                        Some(false) => " (not the latest)",
                        None => "",
                    };
                    let status = observability.status.as_ref().map_or(String::new(), |s| format!(", {s}"));
                    Some(format!("{revision}{latest}{status}"))
                })}
            </dd>
            <dt>"Trace vendor"</dt>
            <dd>{fact(|d| d.observability.as_ref().and_then(|o| o.vendor.clone()))}</dd>
        </dl>
    }
}
