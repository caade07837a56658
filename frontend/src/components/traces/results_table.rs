use leptos::prelude::*;
use shared::api::TraceSummary;

use super::marks::mark_trace_click;
use crate::browser::{focus_sibling_row, format_epoch_local};
use crate::model::traces::{SortKey, format_seconds};

const COLUMNS: [(Option<SortKey>, &str); 9] = [
    (Some(SortKey::Start), "Start"),
    (None, "Trace"),
    (Some(SortKey::Method), "Method"),
    (Some(SortKey::Url), "URL"),
    (Some(SortKey::Status), "Status"),
    (Some(SortKey::ResponseTime), "Response"),
    (Some(SortKey::Duration), "Duration"),
    (None, "Services"),
    (None, "Flags"),
];

/// The matching traces, one row each; a header click sorts, arrow keys move between rows, Enter
/// opens one.
#[component]
pub fn ResultsTable(
    #[prop(into)] traces: Signal<Vec<TraceSummary>>,
    #[prop(into)] sort: Signal<(SortKey, bool)>,
    on_sort: Callback<SortKey>,
    /// The href of a trace's page, keeping the view's query.
    href: Callback<String, String>,
) -> impl IntoView {
    let header = move |(key, title): (Option<SortKey>, &'static str)| {
        let Some(key) = key else {
            return view! { <th scope="col">{title}</th> }.into_any();
        };
        let aria_sort = move || match sort.get() {
            (current, true) if current == key => "descending",
            (current, false) if current == key => "ascending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button type="button" class="sort-button" on:click=move |_| on_sort.run(key)>
                    {title}
                    {move || match aria_sort() { "descending" => " ▼", "ascending" => " ▲", _ => "" }}
                </button>
            </th>
        }
        .into_any()
    };
    let row = move |trace: TraceSummary| {
        let http = trace.http.clone().unwrap_or_default();
        let method = http.method.unwrap_or_default();
        let status = http.status.map(|s| s.to_string()).unwrap_or_default();
        let services: Vec<String> = trace
            .services
            .iter()
            .filter_map(|s| s.name.clone())
            .collect();
        let flags = [
            (trace.has_fault, "fault"),
            (trace.has_error, "error"),
            (trace.has_throttle, "throttle"),
            (trace.is_partial, "partial"),
        ];
        let link = href.run(trace.id.clone());
        let (status_attr, method_attr) = (status.clone(), method.clone());
        view! {
            <tr data-status=status_attr data-method=method_attr>
                <td>{format_epoch_local(trace.start_time)}</td>
                <td>
                    <a class="trace-link mono" href=link on:click=move |_| mark_trace_click()>
                        {trace.id.clone()}
                    </a>
                </td>
                <td class="cell-method">{method}</td>
                <td class="cell-url">{http.url.unwrap_or_default()}</td>
                <td class="cell-status">{status}</td>
                <td class="num">{trace.response_time.map(format_seconds)}</td>
                <td class="num">{trace.duration.map(format_seconds)}</td>
                <td>{services.join(", ")}</td>
                <td>
                    {flags
                        .into_iter()
                        .filter(|(set, _)| *set)
                        .map(|(_, name)| view! { <span class=format!("flag flag-{name}")>{name}</span> })
                        .collect_view()}
                </td>
            </tr>
        }
    };
    view! {
        <table class="trace-table">
            <thead>
                <tr>{COLUMNS.map(header).collect_view()}</tr>
            </thead>
            <tbody on:keydown=move |event| focus_sibling_row(&event)>
                {move || traces.get().into_iter().map(row).collect_view()}
            </tbody>
        </table>
    }
}
