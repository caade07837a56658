use std::sync::Arc;

use leptos::prelude::*;
use shared::api::TraceDetail;

use crate::components::traces::{CopyButton, download_text};
use crate::model::traces::{format_seconds, xray_json};

/// The trace's identity and health: id, length, span count, whether it is partial and why, and
/// the export actions.
#[component]
pub fn DetailHeader(detail: Arc<TraceDetail>) -> impl IntoView {
    let duration = format_seconds(detail.duration.unwrap_or_else(|| detail.trace.duration()));
    let spans = detail.trace.spans.len();
    let services = detail
        .trace
        .spans
        .iter()
        .filter(|s| s.kind != shared::trace::SpanKind::Subsegment)
        .count();
    let in_progress = detail.trace.spans.iter().any(|s| s.in_progress);
    let deep_link = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let download = {
        let detail = detail.clone();
        move |_| download_text(&format!("{}.json", detail.id), &xray_json(&detail))
    };
    view! {
        <header class="trace-header">
            <h1>"Trace " <span class="mono">{detail.id.clone()}</span></h1>
            <p class="trace-facts">
                {format!("{duration} · {spans} spans · {services} segments")}
                {detail.partial.then(|| view! { <span class="flag flag-partial">"partial"</span> })}
            </p>
            <div class="trace-actions">
                <button type="button" id="download-trace" on:click=download>"Download X-Ray JSON"</button>
                <CopyButton label="deep link" text=deep_link />
            </div>
            {in_progress.then(|| view! {
                <p class="notice" role="status">"Some segments are still in progress; the trace is fetched again until it stops changing."</p>
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
