use leptos::prelude::*;
use shared::api::{Operation, OperationStatus};

use crate::browser::format_instant;
use crate::model::clock::Shown;

/// A service's recent operations, newest first, with their status and times.
#[component]
pub fn OperationsTable(operations: Signal<Vec<Operation>>) -> impl IntoView {
    let time = |at: Option<f64>| {
        at.map_or_else(|| "—".to_owned(), |at| format_instant(at, Shown::DateTime))
    };
    view! {
        {move || operations.with(Vec::is_empty).then(|| view! { <p class="muted">"No recent operations."</p> })}
        <table class="operations-table" hidden=move || operations.with(Vec::is_empty)>
                <thead>
                    <tr>
                        <th scope="col">"Operation"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Started"</th>
                        <th scope="col">"Ended"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        operations
                            .get()
                            .into_iter()
                            .map(|operation| {
                                let tone = match &operation.status {
                                    OperationStatus::Succeeded => "ok",
                                    status if !status.is_finished() => "busy",
                                    _ => "failed",
                                };
                                view! {
                                    <tr>
                                        <td title=operation.id.clone()>{operation.kind.to_string()}</td>
                                        <td><span class=format!("status-badge status-{tone}")>{operation.status.to_string()}</span></td>
                                        <td>{time(operation.started_at)}</td>
                                        <td>{time(operation.ended_at)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
        </table>
    }
}
