use leptos::prelude::*;
use shared::api::DeploymentBrief;

use crate::browser::format_instant;
use crate::model::clock::Shown;
use crate::model::services::deployment_outcome;

/// An Express service's recent deployments, newest first: status, times and ECS's reason (a
/// rollback's among them).
#[component]
pub fn DeploymentsTable(deployments: Signal<Vec<DeploymentBrief>>) -> impl IntoView {
    let time = |at: Option<f64>| {
        at.map_or_else(|| "—".to_owned(), |at| format_instant(at, Shown::DateTime))
    };
    let rows = move || {
        deployments
            .get()
            .into_iter()
            .map(|deployment| {
                let tone = deployment_outcome(&deployment);
                let started = deployment.started_at.or(deployment.created_at);
                view! {
                    <tr>
                        <td class="mono" title=deployment.arn.clone()>{deployment.id.clone()}</td>
                        <td><span class=format!("status-badge status-{tone}")>{deployment.status.to_string()}</span></td>
                        <td>{time(started)}</td>
                        <td>{time(deployment.finished_at)}</td>
                        <td>{deployment.status_reason.clone().unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        {move || deployments.with(Vec::is_empty).then(|| view! { <p class="muted">"No recent deployments."</p> })}
        <table class="operations-table deployments-table" hidden=move || deployments.with(Vec::is_empty)>
            <thead>
                <tr>
                    <th scope="col">"Deployment"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Started"</th>
                    <th scope="col">"Ended"</th>
                    <th scope="col">"Reason"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
