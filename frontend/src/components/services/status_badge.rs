use leptos::prelude::*;
use shared::api::ServiceStatus;

/// A service's App Runner status as a coloured badge; an operation in progress spins.
#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<ServiceStatus>) -> impl IntoView {
    let class = move || {
        let tone = match status.get() {
            ServiceStatus::Running => "ok",
            ServiceStatus::OperationInProgress => "busy",
            ServiceStatus::Paused | ServiceStatus::Deleted => "idle",
            ServiceStatus::CreateFailed | ServiceStatus::DeleteFailed => "failed",
            ServiceStatus::Other(_) => "unknown",
        };
        format!("status-badge status-{tone}")
    };
    let busy = move || status.get() == ServiceStatus::OperationInProgress;
    view! {
        <span class=class>
            {move || busy().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
            {move || status.get().to_string()}
        </span>
    }
}
