use std::sync::Arc;

use leptos::prelude::*;
use shared::api::{Trace, TraceDetail};

use crate::api::{self, ApiFailure, TraceSource};
use crate::browser::download_text;
use crate::components::traces::CopyButton;
use crate::model::traces::format_seconds;

/// The trace's identity and health: id, length, span count, whether it is partial and why, and
/// the export actions.
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
            <h1>"Trace " <span class="mono">{detail.id.clone()}</span></h1>
            <p class="trace-facts">
                {format!("{duration} · {spans} spans · {services} segments")}
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
