use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::ServiceSummary;

use super::status_badge::StatusBadge;
use super::tracing_toggle::TracingToggle;
use crate::model::services::{ListQuery, SortColumn, describe_age, format_epoch};
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
                    key=|service| (service.region.clone(), service.name.clone())
                    children=move |service: ServiceSummary| {
                        view! { <ServiceRow key=(service.region, service.name) rows now on_changed /> }
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
    key: (String, String),
    rows: Signal<Vec<ServiceSummary>>,
    now: Signal<f64>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let (region, name) = key;
    let row = {
        let (region, name) = (region.clone(), name.clone());
        Memo::new(move |_| {
            rows.with(|rows| {
                rows.iter()
                    .find(|row| row.region == region && row.name == name)
                    .cloned()
            })
        })
    };
    let status = Signal::derive(move || {
        row.with(|row| row.as_ref().map(|row| row.status.clone()))
            .unwrap_or_else(|| "DELETED".into())
    });
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
        let region = region.clone();
        move || links.href(&path, vec![("region".to_owned(), region.clone())])
    };
    let url = move || row.with(|row| row.as_ref().and_then(|row| row.url.clone()));
    let shown_name = name.clone();

    view! {
        <tr data-service=name.clone() data-region=region.clone()>
            <th scope="row">
                <A href=href>{shown_name}</A>
            </th>
            <td>{region.clone()}</td>
            <td><StatusBadge status /></td>
            <td class="service-url">
                {move || {
                    url().map(|url| {
                        let link = format!("https://{url}");
                        view! { <a href=link target="_blank" rel="noopener noreferrer">{url}</a> }
                    })
                }}
            </td>
            <td><TracingToggle region=region.clone() name=name.clone() enabled on_finished=on_changed /></td>
            <td title=move || format_epoch(updated_at())>{move || describe_age(now.get(), updated_at())}</td>
        </tr>
    }
}
