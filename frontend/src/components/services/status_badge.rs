use leptos::prelude::*;

use crate::model::services::StatusShown;

/// A service's status as a coloured badge (an operation or deployment in progress spins), with
/// an Express service's deployment state on a line of its own.
#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<StatusShown>) -> impl IntoView {
    let class = move || status.with(|s| format!("status-badge status-{}", s.tone));
    let busy = move || status.with(|s| s.busy);
    let detail = move || {
        status
            .with(|s| s.detail.clone())
            .map(|detail| view! { <span class="status-detail">{detail}</span> })
    };
    view! {
        <span class=class>
            {move || busy().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
            {move || status.with(|s| s.text.clone())}
        </span>
        {detail}
    }
}
