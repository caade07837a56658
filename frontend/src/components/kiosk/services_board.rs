use std::sync::Arc;

use leptos::prelude::*;
use shared::api::ServiceList;

use crate::browser::viewport_height;
use crate::components::services::StatusBadge;
use crate::model::kiosk::{rows_for_height, services_board_rows};
use crate::model::services::StatusShown;

/// Space the heading, the table's head and the "and N more" line take, CSS px (see kiosk.css);
/// each row takes [`ROW_PX`]. The rows that do not fit on the screen are counted in one line.
const ABOVE_ROWS_PX: f64 = 260.0;
const ROW_PX: f64 = 48.0;

/// The services in large type: name, region, status and tracing, the busy and failed ones first
/// so a deployment in progress is seen from across the room.
#[component]
pub fn ServicesBoard(
    /// The last good services list.
    list: Arc<ServiceList>,
) -> impl IntoView {
    let board = services_board_rows(
        &list.services,
        rows_for_height(viewport_height(), ABOVE_ROWS_PX, ROW_PX),
    );
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
                    <td><StatusBadge status=StatusShown::of_status(&service.status) /></td>
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
