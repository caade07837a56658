use std::sync::Arc;

use leptos::prelude::*;
use serde::Serialize;
use shared::trace::{Cause, Exception, Span, SpanKind, Trace};

use super::{CopyButton, JsonTree, RawDocument};
use crate::api::TraceSource;
use crate::browser::format_epoch_local;
use crate::model::traces::format_seconds;

/// Everything recorded about one span, section by section, each with a copy button.
#[component]
pub fn SpanDetails(
    /// The trace, assembled.
    trace: Arc<Trace>,
    /// Where it came from, to fetch the span's raw document on demand.
    source: TraceSource,
    /// The span shown (index into the trace's spans).
    span: usize,
) -> impl IntoView {
    let Some(item) = trace.spans.get(span).cloned() else {
        return view! { <p class="muted">"This span is no longer in the trace."</p> }.into_any();
    };
    let parent = item
        .parent
        .and_then(|p| trace.spans.get(p))
        .map(|p| format!("{} ({})", p.name, p.id));
    let time = |at: Option<f64>| at.map(format_epoch_local).unwrap_or_else(|| "—".to_owned());
    let duration = match (item.start_time, item.end_time) {
        (Some(start), Some(end)) => format_seconds(end - start),
        _ if item.in_progress => "in progress".to_owned(),
        _ => "—".to_owned(),
    };
    let overview = vec![
        ("Name", item.name.clone()),
        ("Id", item.id.clone()),
        ("Kind", kind_name(item.kind).to_owned()),
        ("Parent", parent.unwrap_or_else(|| "— (root)".to_owned())),
        ("Start", time(item.start_time)),
        ("End", time(item.end_time)),
        ("Duration", duration),
        ("Origin", item.origin.clone().unwrap_or_default()),
        ("Namespace", item.namespace.clone().unwrap_or_default()),
        ("Status", status_text(&item)),
    ];
    let document = item.document;
    let exceptions = exceptions(&item);
    view! {
        <aside class="span-details" aria-label="Span details">
            <h2>{item.name.clone()}</h2>
            <Section title="Overview" copy=as_text(&overview)>
                <Fields fields=overview />
            </Section>
            {item.http.clone().map(|http| {
                let request = http.request.clone().unwrap_or_default();
                let response = http.response.clone().unwrap_or_default();
                view! {
                    <Section title="HTTP" copy=json(&http)>
                        <Fields fields=vec![
                            ("Method", request.method.unwrap_or_default()),
                            ("URL", request.url.unwrap_or_default()),
                            ("Status", response.status.map(|s| s.to_string()).unwrap_or_default()),
                            ("Content length", response.content_length.map(|n| n.to_string()).unwrap_or_default()),
                            ("Client IP", request.client_ip.unwrap_or_default()),
                            ("User agent", request.user_agent.unwrap_or_default()),
                        ] />
                    </Section>
                }
            })}
            {item.aws.clone().map(|aws| {
                let retries = aws.other.get("retries").map(|v| v.to_string()).unwrap_or_default();
                view! {
                    <Section title="AWS" copy=json(&aws)>
                        <Fields fields=vec![
                            ("Operation", aws.operation.clone().unwrap_or_default()),
                            ("Table", aws.table_name.clone().unwrap_or_default()),
                            ("Queue", aws.queue_url.clone().unwrap_or_default()),
                            ("Region", aws.region.clone().unwrap_or_default()),
                            ("Request id", aws.request_id.clone().unwrap_or_default()),
                            ("Retries", retries),
                            ("Account", aws.account_id.clone().unwrap_or_default()),
                        ] />
                    </Section>
                }
            })}
            {item.sql.clone().map(|sql| view! {
                <Section title="SQL" copy=json(&sql)>
                    <Fields fields=vec![
                        ("Query", sql.sanitized_query.clone().unwrap_or_default()),
                        ("Database", sql.database_type.clone().unwrap_or_default()),
                        ("Version", sql.database_version.clone().unwrap_or_default()),
                        ("URL", sql.url.clone().unwrap_or_default()),
                        ("User", sql.user.clone().unwrap_or_default()),
                    ] />
                </Section>
            })}
            {(!item.annotations.is_empty()).then(move || {
                let fields: Vec<(String, String)> = item.annotations.iter().map(|(k, v)| (k.clone(), v.to_string())).collect();
                view! {
                    <Section title="Annotations" copy=json(&item.annotations)>
                        <dl class="fields">
                            {fields.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                        </dl>
                    </Section>
                }
            })}
            {item.metadata.clone().map(|metadata| view! {
                <Section title="Metadata" copy=json(&metadata)>
                    <JsonTree value=metadata />
                </Section>
            })}
            {(!exceptions.is_empty()).then(move || view! {
                <Section title="Exceptions" copy=json(&exceptions)>
                    {exceptions.iter().map(exception_view).collect::<Vec<_>>()}
                </Section>
            })}
            <RawDocument source index=document />
        </aside>
    }
    .into_any()
}

#[component]
fn Section(title: &'static str, copy: String, children: Children) -> impl IntoView {
    view! {
        <section class="detail-section">
            <header>
                <h3>{title}</h3>
                <CopyButton label=title text=copy />
            </header>
            {children()}
        </section>
    }
}

/// A definition list of the fields that have a value.
#[component]
fn Fields(fields: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl class="fields">
            {fields
                .into_iter()
                .filter(|(_, value)| !value.is_empty())
                .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
                .collect_view()}
        </dl>
    }
}

fn exception_view(exception: &Exception) -> impl IntoView + use<> {
    let heading = format!(
        "{}: {}",
        exception
            .exception_type
            .clone()
            .unwrap_or_else(|| "Exception".to_owned()),
        exception.message.clone().unwrap_or_default()
    );
    let stack: Vec<String> = exception
        .stack
        .iter()
        .map(|frame| {
            let place = [frame.path.clone(), frame.line.map(|l| l.to_string())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(":");
            format!("at {} ({place})", frame.label.clone().unwrap_or_default())
        })
        .collect();
    view! {
        <div class="exception">
            <strong>{heading}</strong>
            {exception.remote.unwrap_or(false).then_some(" (remote)")}
            <pre class="stack">{stack.join("\n")}</pre>
        </div>
    }
}

fn exceptions(span: &Span) -> Vec<Exception> {
    match &span.cause {
        Some(Cause::Details(details)) => details.exceptions.clone(),
        Some(Cause::ExceptionId(id)) => vec![Exception {
            message: Some(format!(
                "see exception {id} recorded elsewhere in the trace"
            )),
            ..Exception::default()
        }],
        _ => Vec::new(),
    }
}

fn status_text(span: &Span) -> String {
    let flags = [
        (span.fault, "fault"),
        (span.error, "error"),
        (span.throttle, "throttle"),
        (span.in_progress, "in progress"),
        (span.orphan, "orphan"),
    ];
    let set: Vec<&str> = flags
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| name)
        .collect();
    if set.is_empty() {
        "ok".to_owned()
    } else {
        set.join(", ")
    }
}

fn kind_name(kind: SpanKind) -> &'static str {
    match kind {
        SpanKind::Segment => "segment",
        SpanKind::Subsegment => "subsegment",
        SpanKind::Inferred => "inferred segment",
    }
}

fn as_text(fields: &[(&str, String)]) -> String {
    fields
        .iter()
        .map(|(name, value)| format!("{name}: {value}\n"))
        .collect()
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}
