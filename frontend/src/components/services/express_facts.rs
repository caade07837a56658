use std::sync::Arc;

use leptos::prelude::*;
use shared::api::{ExpressConfiguration, ServiceDetail};

use crate::browser::format_instant;
use crate::model::clock::Shown;
use crate::model::services::{cpu_memory, scaling_text};

/// An ECS Express service's facts: identity, URL, its configuration (image, size, scaling,
/// roles), and its tracing setup with the `OTEL_*` variables it reads and what stands in the way.
#[component]
pub fn ExpressFacts(detail: Signal<Arc<ServiceDetail>>) -> impl IntoView {
    let fact = move |read: fn(&ServiceDetail) -> Option<String>| {
        move || {
            detail
                .with(|detail| read(detail))
                .unwrap_or_else(|| "—".to_owned())
        }
    };
    let config = |read: fn(&ExpressConfiguration) -> Option<String>| {
        fact_of(detail, move |d| {
            d.express
                .as_ref()
                .and_then(|e| e.configuration.as_ref())
                .and_then(read)
        })
    };
    let url = move || detail.with(|d| d.service.express.as_ref().and_then(|e| e.url.clone()));
    view! {
        <dl class="service-facts express-facts">
            <dt>"ARN"</dt>
            <dd class="mono">{fact(|d| Some(d.service.arn.clone()))}</dd>
            <dt>"URL"</dt>
            <dd>
                {move || match url() {
                    Some(url) => { let href = url.clone(); view! { <a href=href target="_blank" rel="noopener noreferrer">{url}</a> }.into_any() }
                    None => "—".into_any(),
                }}
            </dd>
            <dt>"Region, cluster"</dt>
            <dd>{fact(|d| Some(format!("{}, {}", d.service.region, d.service.express.as_ref()?.cluster)))}</dd>
            <dt>"Status"</dt>
            <dd>{fact(|d| {
                let express = d.service.express.as_ref()?;
                Some(match &express.status_reason {
                    Some(reason) => format!("{}: {reason}", express.status),
                    None => express.status.to_string(),
                })
            })}</dd>
            <dt>"Created"</dt>
            <dd>{fact(|d| Some(format_instant(d.service.created_at, Shown::DateTime)))}</dd>
            <dt>"Updated"</dt>
            <dd>{fact(|d| Some(format_instant(d.service.updated_at, Shown::DateTime)))}</dd>
            <dt>"Image"</dt>
            <dd class="mono">{config(|c| c.image.clone())}</dd>
            <dt>"CPU, memory"</dt>
            <dd>{config(|c| cpu_memory(c.cpu.as_deref(), c.memory.as_deref()))}</dd>
            <dt>"Port, health check"</dt>
            <dd>{config(|c| {
                let port = c.container_port.map_or("—".to_owned(), |p| p.to_string());
                Some(format!("{port}, {}", c.health_check_path.as_deref().unwrap_or("—")))
            })}</dd>
            <dt>"Scaling"</dt>
            <dd>{config(|c| c.scaling.as_ref().map(scaling_text))}</dd>
            <dt>"Task role"</dt>
            <dd class="mono">{config(|c| c.task_role_arn.clone())}</dd>
            <dt>"Execution role"</dt>
            <dd class="mono">{config(|c| c.execution_role_arn.clone())}</dd>
            <dt>"Infrastructure role"</dt>
            <dd class="mono">{fact(|d| d.express.as_ref()?.infrastructure_role_arn.clone())}</dd>
            <dt>"Task definition"</dt>
            <dd class="mono">{config(|c| {
                let arn = c.task_definition_arn.clone()?;
                Some(if c.own_task_definition { format!("{arn} (its own)") } else { arn })
            })}</dd>
            <dt>"Secrets"</dt>
            <dd class="mono">{config(|c| (!c.secret_names.is_empty()).then(|| c.secret_names.join(", ")))}</dd>
        </dl>
    }
}

fn fact_of(
    detail: Signal<Arc<ServiceDetail>>,
    read: impl Fn(&ServiceDetail) -> Option<String> + Send + Sync + 'static,
) -> impl Fn() -> String + Send + Sync + 'static {
    move || {
        detail
            .with(|detail| read(detail))
            .unwrap_or_else(|| "—".to_owned())
    }
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
