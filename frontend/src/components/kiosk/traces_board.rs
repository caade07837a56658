use std::sync::Arc;

use leptos::prelude::*;
use shared::api::TracePage;

use crate::model::kiosk::digest;
use crate::model::services::format_epoch;

/// Failed requests listed under the numbers; more would not be readable from a distance.
const FAILURES_SHOWN: usize = 8;

/// The recent traces in a few large numbers (requests, errors, faults, throttles, p50 and p95)
/// and the latest failed requests.
#[component]
pub fn TracesBoard(
    /// The last good page of recent trace summaries.
    page: Arc<TracePage>,
) -> impl IntoView {
    let digest = digest(&page.traces, FAILURES_SHOWN);
    let millis =
        |value: Option<f64>| value.map_or_else(|| "–".to_owned(), |ms| format!("{ms:.0} ms"));
    let more = if page.more_available { "+" } else { "" };
    let numbers = [
        ("Requests", format!("{}{more}", digest.traces), "plain"),
        ("Errors (4xx)", digest.errors.to_string(), "error"),
        ("Faults (5xx)", digest.faults.to_string(), "fault"),
        ("Throttled", digest.throttles.to_string(), "throttle"),
        ("p50", millis(digest.p50_ms), "plain"),
        ("p95", millis(digest.p95_ms), "plain"),
    ]
    .into_iter()
    .map(|(label, value, tone)| {
        view! {
            <div class=format!("kiosk-number {tone}")>
                <span class="kiosk-number-value">{value}</span>
                <span class="kiosk-number-label">{label}</span>
            </div>
        }
    })
    .collect_view();
    let failures = digest
        .latest_failures
        .into_iter()
        .map(|trace| {
            let http = trace.http.unwrap_or_default();
            let status = http
                .status
                .map_or_else(|| "–".to_owned(), |s| s.to_string());
            let kind = if trace.has_fault {
                "fault"
            } else if trace.has_throttle {
                "throttle"
            } else {
                "error"
            };
            view! {
                <tr class=kind>
                    <td>{format_epoch(trace.start_time)}</td>
                    <td>{http.method.unwrap_or_default()}</td>
                    <td class="kiosk-url">{http.url.unwrap_or_default()}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="kiosk-numbers">{numbers}</div>
        <h2 class="kiosk-subtitle">"Latest failed requests"</h2>
        <table class="kiosk-table">
            <thead>
                <tr><th scope="col">"Time"</th><th scope="col">"Method"</th><th scope="col">"URL"</th><th scope="col">"Status"</th></tr>
            </thead>
            <tbody>{failures}</tbody>
        </table>
    }
}
