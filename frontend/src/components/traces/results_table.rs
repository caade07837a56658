use leptos::prelude::*;
use shared::api::TraceSummary;

use super::marks::mark_trace_click;
use crate::api::{TraceSource, prefetch_trace};
use crate::browser::{focus_sibling_row, format_instant};
use crate::model::ViewQuery;
use crate::model::clock::Shown;
use crate::model::traces::{SortKey, format_seconds, service_names, timings_differ, url_path};
use crate::url_state::use_url_state;

/// The columns, in order; "Duration" only shows when it differs from "Response" somewhere.
const COLUMNS: [(Option<SortKey>, &str); 9] = [
    (Some(SortKey::Start), "Start"),
    (None, "Trace"),
    (Some(SortKey::Method), "Method"),
    (Some(SortKey::Url), "Path"),
    (Some(SortKey::Status), "Status"),
    (Some(SortKey::ResponseTime), "Response"),
    (Some(SortKey::Duration), "Duration"),
    (None, "Services"),
    (None, "Flags"),
];

/// The matching traces, one line each; a header click sorts, arrow keys move between rows, Enter
/// opens one.
#[component]
pub fn ResultsTable(
    #[prop(into)] traces: Signal<Vec<TraceSummary>>,
    #[prop(into)] sort: Signal<(SortKey, bool)>,
    on_sort: Callback<SortKey>,
    /// The href of a trace's page, keeping the view's query.
    href: Callback<String, String>,
    /// The rows come from every span (Transaction Search): each says so.
    #[prop(optional, into)]
    from_spans: Signal<bool>,
) -> impl IntoView {
    let view = use_url_state::<ViewQuery>().state;
    // X-Ray's two timings are the same for synchronous requests: then one column, "Duration".
    let split = Memo::new(move |_| traces.with(|t| timings_differ(t)));
    let header = move |(key, title): (Option<SortKey>, &'static str)| {
        let title = match (key, split.get()) {
            (Some(SortKey::ResponseTime), false) => "Duration",
            _ => title,
        };
        let Some(key) = key else {
            return view! { <th scope="col">{title}</th> }.into_any();
        };
        let (aria_sort, arrow) = match sort.get() {
            (current, true) if current == key => ("descending", " ▼"),
            (current, false) if current == key => ("ascending", " ▲"),
            _ => ("none", ""),
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button type="button" class="sort-button" on:click=move |_| on_sort.run(key)>
                    {title}{arrow}
                </button>
            </th>
        }
        .into_any()
    };
    let headers = move || {
        let split = split.get();
        COLUMNS
            .into_iter()
            .filter(|(key, _)| split || *key != Some(SortKey::Duration))
            .map(header)
            .collect_view()
    };
    let row = move |trace: TraceSummary, split: bool, spans: bool| {
        let http = trace.http.clone().unwrap_or_default();
        let method = http.method.unwrap_or_default();
        let status = http.status.map(|s| s.to_string()).unwrap_or_default();
        let url = http.url.unwrap_or_default();
        // Cut from the left when too long (see traces.css): the end of a path says the most.
        let path = format!("\u{200e}{}", url_path(&url));
        let flags = [
            (trace.has_fault, "fault"),
            (trace.has_error, "error"),
            (trace.has_throttle, "throttle"),
            (trace.is_partial, "partial"),
        ];
        let link = href.run(trace.id.clone());
        let source = TraceSource {
            id: trace.id.clone(),
            region: view.with_untracked(|view| view.region.clone()),
        };
        let timing = |seconds: Option<f64>| seconds.map(format_seconds);
        let services = service_names(&trace);
        let (status_attr, method_attr) = (status.clone(), method.clone());
        view! {
            <tr data-status=status_attr data-method=method_attr>
                <td title=format_instant(trace.start_time, Shown::DateTime)>
                    {format_instant(trace.start_time, Shown::Time)}
                </td>
                <td>
                    <a class="trace-link mono" href=link on:click=move |event| open_trace(&event, &source)>
                        {trace.id.clone()}
                    </a>
                </td>
                <td>{method}</td>
                <td class="cell-url" title=url>{path}</td>
                <td>{status}</td>
                <td class="num">{timing(trace.response_time.or(trace.duration))}</td>
                {split.then(|| view! { <td class="num">{timing(trace.duration)}</td> })}
                <td class="num cell-services" title=services>{trace.services.len()}</td>
                <td>
                    {flags
                        .into_iter()
                        .filter(|(set, _)| *set)
                        .map(|(_, name)| view! { <span class=format!("flag flag-{name}")>{name}</span> })
                        .collect_view()}
                    {spans.then(|| view! {
                        <span class="flag flag-spans" title="Found in all spans (Transaction Search): X-Ray may not have indexed it">"all spans"</span>
                    })}
                </td>
            </tr>
        }
    };
    view! {
        <table class="trace-table">
            <thead>
                <tr>{headers}</tr>
            </thead>
            <tbody on:keydown=move |event| focus_sibling_row(&event)>
                {move || {
                    let (split, spans) = (split.get(), from_spans.get());
                    traces.get().into_iter().map(|trace| row(trace, split, spans)).collect_view()
                }}
            </tbody>
        </table>
    }
}

/// A click on a trace's link: measured from here, and, when the router will open the trace in
/// this page (a plain left click), its request is sent now rather than once the page is on.
fn open_trace(event: &leptos::ev::MouseEvent, source: &TraceSource) {
    mark_trace_click();
    let modified = event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
    if event.button() == 0 && !modified {
        prefetch_trace(source);
    }
}
