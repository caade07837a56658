use std::sync::Arc;

use leptos::prelude::*;
use shared::api::ServiceList;

use crate::components::services::StatusBadge;
use crate::model::kiosk::services_board_rows;

/// Rows a kiosk screen holds in its large type; the rest are counted in one line.
const ROWS_SHOWN: usize = 20;

/// The services in large type: name, region, status and tracing, the busy and failed ones first
/// so a deployment in progress is seen from across the room.
#[component]
pub fn ServicesBoard(
    /// The last good services list.
    list: Arc<ServiceList>,
) -> impl IntoView {
    let board = services_board_rows(&list.services, ROWS_SHOWN);
    let regions_failing = list
        .failures
        .iter()
        .map(|f| f.region.clone())
        .collect::<Vec<_>>();
    let more = (board.hidden_total() > 0).then(|| {
        let by_status = board
            .hidden
            .iter()
            .map(|(status, count)| {
                format!(
                    "{count} {}",
                    status.to_string().to_lowercase().replace('_', " ")
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <p class="kiosk-note" data-hidden-services=board.hidden_total()>
                {format!("and {} more: {by_status}", board.hidden_total())}
            </p>
        }
    });
    let rows = board
        .shown
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
        {more}
    }
}
