use std::sync::Arc;

use leptos::prelude::*;
use shared::api::{ServiceMap, TracePage};

use crate::browser::format_instant;
use crate::browser::viewport_height;
use crate::model::clock::Shown;
use crate::model::kiosk::{digest, rows_for_height, window_numbers};

/// Space the numbers, the heading and the table's head take above the failed requests, CSS px
/// (see kiosk.css); each row takes [`ROW_PX`].
const ABOVE_ROWS_PX: f64 = 420.0;
const ROW_PX: f64 = 48.0;

/// The window in a few large numbers (requests, errors, throttles among them, faults, p50 and
/// p95), read off the map of the same window so they agree with it, and the latest failed
/// requests, as many as the screen holds.
#[component]
pub fn TracesBoard(
    /// The service map of the window.
    map: Arc<ServiceMap>,
    /// The last good page of recent trace summaries.
    page: Arc<TracePage>,
) -> impl IntoView {
    let digest = digest(
        &page.traces,
        rows_for_height(viewport_height(), ABOVE_ROWS_PX, ROW_PX),
    );
    let window = window_numbers(&map);
    let millis =
        |value: Option<f64>| value.map_or_else(|| "–".to_owned(), |ms| format!("{ms:.0} ms"));
    let numbers = [
        ("Requests", window.requests.to_string(), "plain"),
        (
            "Errors (4xx, 429 incl.)",
            window.errors.to_string(),
            "error",
        ),
        ("Throttled (429)", window.throttles.to_string(), "throttle"),
        ("Faults (5xx)", window.faults.to_string(), "fault"),
        ("p50", millis(window.p50_ms), "plain"),
        ("p95", millis(window.p95_ms), "plain"),
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
                    <td>{format_instant(trace.start_time, Shown::Time)}</td>
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
