use std::sync::Arc;

use leptos::prelude::*;
use shared::api::ServiceDetail;

use crate::browser::format_instant;
use crate::model::clock::Shown;
use crate::model::services::{FactValue, express_facts};

/// An ECS Express service's facts: identity, URL, its configuration (image, size, scaling,
/// roles); the rows come from [`express_facts`].
#[component]
pub fn ExpressFacts(detail: Signal<Arc<ServiceDetail>>) -> impl IntoView {
    let rows = move || {
        let facts = detail.with(|d| express_facts(d, |at| format_instant(at, Shown::DateTime)));
        facts
            .into_iter()
            .map(|(label, value)| {
                let value = match value {
                    FactValue::Text(text) => view! { <dd>{text}</dd> }.into_any(),
                    FactValue::Code(text) => view! { <dd class="mono">{text}</dd> }.into_any(),
                    FactValue::Link(url) => {
                        let href = url.clone();
                        view! { <dd><a href=href target="_blank" rel="noopener noreferrer">{url}</a></dd> }
                            .into_any()
                    }
                };
                view! { <dt>{label}</dt>{value} }
            })
            .collect_view()
    };
    view! { <dl class="service-facts express-facts">{rows}</dl> }
}

/// The tracing setup read from the configuration: the exporter's endpoint, what stands in the way
/// (the localhost trap, a missing role), and the `OTEL_*` variables as they are.
#[component]
pub fn ExpressTracing(detail: Signal<Arc<ServiceDetail>>) -> impl IntoView {
    let setup = move || detail.with(|d| d.service.express.as_ref().and_then(|e| e.setup.clone()));
    let endpoint = move || {
        let endpoint = setup().and_then(|s| s.endpoint);
        let endpoint = endpoint.unwrap_or_else(|| "none in the environment".to_owned());
        let by = if setup().is_some_and(|s| s.set_by_runtrace) {
            " (set by runtrace)"
        } else {
            ""
        };
        format!("Traces endpoint: {endpoint}{by}")
    };
    let warnings = move || {
        setup()
            .map(|s| s.warnings)
            .unwrap_or_default()
            .into_iter()
            .map(|warning| view! { <li>{warning}</li> })
            .collect_view()
    };
    let variables = move || {
        detail.with(|d| {
            d.express
                .as_ref()
                .and_then(|e| e.configuration.as_ref())
                .map(|c| c.otel_environment.clone())
                .unwrap_or_default()
        })
    };
    let rows = move || {
        variables()
            .into_iter()
            .map(|var| view! { <tr><th scope="row" class="mono">{var.name}</th><td class="mono">{var.value}</td></tr> })
            .collect_view()
    };
    view! {
        <section class="express-tracing">
            <p class="mono">{endpoint}</p>
            <ul class="tracing-warnings" role="list">{warnings}</ul>
            {move || variables().is_empty().then(|| view! { <p class="muted">"No OTEL_* variables in the configuration."</p> })}
            <table class="operations-table otel-variables" hidden=move || variables().is_empty()>
                <caption>"OpenTelemetry variables"</caption>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
