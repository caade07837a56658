use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{ServiceStatus, ServiceSummary};

use super::status_badge::StatusBadge;
use super::tracing_toggle::TracingToggle;
use crate::browser::format_instant;
use crate::model::clock::Shown;
use crate::model::services::{
    CHECKING, ListQuery, ServiceRef, SortColumn, StatusShown, describe_age, spans_silent,
    status_of, tracing_text,
};
use crate::url_state::use_view_links;

/// The services table: one row per service, sortable by every column through its heading.
#[component]
pub fn ServicesTable(
    /// The rows to show, already filtered and sorted.
    rows: Signal<Vec<ServiceSummary>>,
    query: Signal<ListQuery>,
    on_sort: Callback<SortColumn>,
    /// Epoch seconds, ticking, for the relative times.
    now: Signal<f64>,
    on_changed: Callback<()>,
    /// Whether the descriptions of pending rows are being read (they say "checking…"), rather
    /// than failed to arrive (they say "unknown").
    #[prop(optional, into)]
    describing: Signal<bool>,
) -> impl IntoView {
    let headings = SortColumn::ALL
        .into_iter()
        .map(|column| {
            let sorted = move || query.with(|query| (query.sort == column).then_some(query.order));
            let aria = move || sorted().map_or("none", |order| order.aria());
            let arrow = move || match sorted() {
                Some(order) if order.aria() == "ascending" => "▲",
                Some(_) => "▼",
                None => "",
            };
            view! {
                <th scope="col" aria-sort=aria>
                    <button type="button" class="sort-button" on:click=move |_| on_sort.run(column)>
                        {column.label()}
                        <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                    </button>
                </th>
            }
        })
        .collect_view();

    view! {
        <table class="services-table">
            <thead>
                <tr>{headings}</tr>
            </thead>
            <tbody>
                <For
                    each=move || rows.get()
                    key=ServiceRef::of
                    children=move |service: ServiceSummary| {
                        view! { <ServiceRow key=ServiceRef::of(&service) rows now on_changed describing /> }
                    }
                />
            </tbody>
        </table>
    }
}

/// One row. It looks itself up in `rows` so that a refresh updates it in place: a tracing change
/// running in its switch survives the refresh.
#[component]
fn ServiceRow(
    key: ServiceRef,
    rows: Signal<Vec<ServiceSummary>>,
    now: Signal<f64>,
    on_changed: Callback<()>,
    describing: Signal<bool>,
) -> impl IntoView {
    let row = {
        let key = key.clone();
        Memo::new(move |_| {
            rows.with(|rows| rows.iter().find(|row| ServiceRef::of(row) == key).cloned())
        })
    };
    let status = Signal::derive(move || {
        row.with(|row| row.as_ref().map(status_of))
            .unwrap_or_else(|| StatusShown::of_status(&ServiceStatus::Deleted))
    });
    // An Express service's two facts: what its configuration says, whether spans arrive.
    let facts = move || {
        row.with(|row| {
            let express = row.as_ref()?.express.as_ref()?;
            let text = tracing_text(express);
            let class = if spans_silent(express) {
                "tracing-facts tracing-silent"
            } else {
                "tracing-facts"
            };
            Some(view! { <span class=class>{text}</span> })
        })
    };
    let ServiceRef {
        region, name, kind, ..
    } = key.clone();
    let enabled = Signal::derive(move || {
        row.with(|row| {
            row.as_ref()
                .and_then(|row| row.tracing.as_ref().map(|t| t.enabled))
        })
    });
    let updated_at = move || row.with(|row| row.as_ref().map_or(0.0, |row| row.updated_at));
    // The time range follows; the region is the service's own.
    let links = use_view_links();
    let href = {
        let path = format!(
            "/services/{}",
            String::from(js_sys::encode_uri_component(&name))
        );
        let mut extra = vec![("region".to_owned(), region.clone())];
        extra.extend(key.which());
        move || links.href(&path, extra.clone())
    };
    // A pending row's tracing is not known yet: no switch (nor an "off" one) until it is.
    let pending = Memo::new(move |_| row.with(|row| row.as_ref().is_some_and(|row| row.pending)));
    let tracing = move || {
        if pending.get() {
            let text = move || {
                if describing.get() {
                    CHECKING
                } else {
                    "unknown"
                }
            };
            view! { <span class="tracing-cell tracing-checking" aria-busy=move || describing.get().to_string()>{text}</span> }.into_any()
        } else {
            view! { {facts}<TracingToggle service=key.clone() enabled on_finished=on_changed /> }
                .into_any()
        }
    };
    let url = move || row.with(|row| row.as_ref().and_then(|row| row.url.clone()));
    let shown_name = name.clone();

    view! {
        <tr data-service=name.clone() data-region=region.clone() data-kind=kind.as_str()>
            <th scope="row">
                <A href=href>{shown_name}</A>
            </th>
            <td class="service-kind">{kind.label()}</td>
            <td class="service-region">{region.clone()}</td>
            <td class="service-status"><StatusBadge status /></td>
            <td class="service-url">
                {move || {
                    url().map(|url| {
                        let link = format!("https://{url}");
                        view! { <a href=link target="_blank" rel="noopener noreferrer">{url}</a> }
                    })
                }}
            </td>
            <td class="service-tracing">{tracing}</td>
            <td class="service-updated" title=move || format_instant(updated_at(), Shown::DateTime)>{move || describe_age(now.get(), updated_at())}</td>
        </tr>
    }
}
