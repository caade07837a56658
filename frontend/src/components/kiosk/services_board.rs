use std::sync::Arc;

use leptos::prelude::*;
use shared::api::{ServiceList, ServiceStatus};

use crate::components::services::StatusBadge;

/// Every service in large type: name, region, status and tracing, with the busy ones first so a
/// deployment in progress is seen from across the room.
#[component]
pub fn ServicesBoard(
    /// The last good services list.
    list: Arc<ServiceList>,
) -> impl IntoView {
    let mut services = list.services.clone();
    services.sort_by_key(|s| {
        (
            s.status != ServiceStatus::OperationInProgress,
            s.name.clone(),
        )
    });
    let regions_failing = list
        .failures
        .iter()
        .map(|f| f.region.clone())
        .collect::<Vec<_>>();
    let rows = services
        .into_iter()
        .map(|service| {
            let tracing = match service.tracing.map(|t| t.enabled) {
                Some(true) => "tracing on",
                Some(false) => "tracing off",
                None => "tracing unknown",
            };
            let key = service.name.clone();
            view! {
                <tr data-service=key>
                    <th scope="row">{service.name}</th>
                    <td>{service.region}</td>
                    <td><StatusBadge status=service.status /></td>
                    <td>{tracing}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {(!regions_failing.is_empty()).then(|| view! {
            <p class="kiosk-note">"Not listed, AWS did not answer: " {regions_failing.join(", ")}</p>
        })}
        <table class="kiosk-table">
            <thead>
                <tr><th scope="col">"Service"</th><th scope="col">"Region"</th><th scope="col">"Status"</th><th scope="col">"Tracing"</th></tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
