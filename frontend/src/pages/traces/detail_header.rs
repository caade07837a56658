use std::sync::Arc;

use leptos::prelude::*;
use shared::api::{Trace, TraceDetail};

use crate::api::{self, ApiFailure, TraceSource};
use crate::browser::download_text;
use crate::components::traces::CopyButton;
use crate::model::traces::format_seconds;
use crate::model::words::count;
use crate::url_state::use_traces_href;

/// The trace's identity and health: the request it answered (root service, method, URL, status),
/// id, length, span count, whether it is partial and why, the way back to the results, and the
/// export actions.
#[component]
pub fn DetailHeader(
    /// The trace's facts (its `trace` may be empty: the spans come as `trace`).
    detail: Arc<TraceDetail>,
    /// The assembled spans.
    trace: Arc<Trace>,
    /// Where it came from, for the export.
    source: TraceSource,
) -> impl IntoView {
    let duration = format_seconds(detail.duration.unwrap_or_else(|| trace.duration()));
    let spans = trace.spans.len();
    let services = trace
        .spans
        .iter()
        .filter(|s| s.kind != shared::trace::SpanKind::Subsegment)
        .count();
    let in_progress = trace.spans.iter().any(|s| s.in_progress);
    let root = trace.roots.first().and_then(|&root| trace.spans.get(root));
    let request = root.map(|root| {
        let http = root.http.clone().unwrap_or_default();
        let request = http.request.unwrap_or_default();
        let status = root.http_status().map(|s| s.to_string());
        let failed = root.fault || root.error || root.throttle;
        view! {
            <p class="trace-request">
                <strong>{root.name.clone()}</strong>
                " "{request.method}" "
                <span class="mono">{request.url}</span>" "
                <span class="trace-status" class:failed=failed>{status}</span>
            </p>
        }
    });
    let deep_link = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let export = Action::new_local(move |source: &TraceSource| {
        let source = source.clone();
        async move {
            let text = api::trace_export(&source).await?;
            download_text(&format!("{}.json", source.id), &text);
            Ok::<(), ApiFailure>(())
        }
    });
    let download = move |_| {
        export.dispatch(source.clone());
    };
    let export_failure = move || {
        export.value().get().and_then(Result::err).map(|failure| {
            view! { <p class="error-text" role="alert">{format!("The download failed: {failure}")}</p> }
        })
    };
    view! {
        <header class="trace-header">
            <a class="back-link" href=use_traces_href()>"← Results"</a>
            <h1>"Trace " <span class="mono">{detail.id.clone()}</span></h1>
            {request}
            <p class="trace-facts">
                {format!("{duration} · {} · {}", count(spans, "span"), count(services, "segment"))}
                {detail.partial.then(|| view! { <span class="flag flag-partial">"partial"</span> })}
            </p>
            <div class="trace-actions">
                <button type="button" id="download-trace" on:click=download disabled=move || export.pending().get()>
                    {move || if export.pending().get() { "Preparing the download…" } else { "Download X-Ray JSON" }}
                </button>
                <CopyButton label="deep link" text=deep_link />
            </div>
            {export_failure}
            {in_progress.then(|| view! {
                <p class="notice" role="status">"Some segments are still in progress; the trace is fetched again until it stops changing."</p>
            })}
            {detail.retrieved.then(|| view! {
                <p class="notice retrieved-note" role="status">"X-Ray had not indexed this trace: it was read from all spans (CloudWatch Transaction Search)."</p>
            })}
            {detail.limit_exceeded.then(|| view! {
                <p class="notice" role="status">"X-Ray stopped storing segments for this trace: it hit the trace size limit."</p>
            })}
            {(!detail.problems.is_empty()).then(|| view! {
                <div class="notice" role="status">
                    <p>"Shown is what could be read. These parts of the trace could not be used:"</p>
                    <ul>
                        {detail.problems.iter().map(|p| view! { <li><span class="mono">{p.segment_id.clone()}</span>": "{p.message.clone()}</li> }).collect_view()}
                    </ul>
                </div>
            })}
        </header>
    }
}
