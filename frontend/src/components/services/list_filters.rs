use leptos::prelude::*;
use shared::api::ServiceKind;

use crate::model::services::ListQuery;

/// The name, kind and status filters above the services table; every change goes into the URL.
#[component]
pub fn ListFilters(
    query: Signal<ListQuery>,
    /// The statuses to offer.
    statuses: Signal<Vec<String>>,
    on_change: Callback<ListQuery>,
) -> impl IntoView {
    let set_name = move |event| {
        let name = event_target_value(&event).trim().to_owned();
        on_change.run(ListQuery {
            name,
            ..query.get_untracked()
        });
    };
    let set_kind = move |event| {
        let kind = ServiceKind::parse(&event_target_value(&event));
        on_change.run(ListQuery {
            kind,
            ..query.get_untracked()
        });
    };
    let kinds = ServiceKind::ALL
        .into_iter()
        .map(|kind| {
            let selected = move || query.with(|query| query.kind == Some(kind));
            view! { <option value=kind.as_str() prop:selected=selected>{kind.label()}</option> }
        })
        .collect_view();
    let set_status = move |event| {
        let status = Some(event_target_value(&event)).filter(|status| !status.is_empty());
        on_change.run(ListQuery {
            status,
            ..query.get_untracked()
        });
    };
    view! {
        <div class="services-filters" role="search">
            <label>
                "Name "
                <input
                    id="service-name-filter"
                    type="search"
                    placeholder="part of a name"
                    prop:value=move || query.with(|query| query.name.clone())
                    on:input=set_name
                />
            </label>
            <label>
                "Kind "
                <select id="service-kind-filter" on:change=set_kind>
                    <option value="" prop:selected=move || query.with(|query| query.kind.is_none())>
                        "Both"
                    </option>
                    {kinds}
                </select>
            </label>
            <label>
                "Status "
                <select id="service-status-filter" on:change=set_status>
                    <option value="" prop:selected=move || query.with(|query| query.status.is_none())>
                        "Any"
                    </option>
                    {move || statuses.get().into_iter().map(|status: String| {
                        let chosen = status.clone();
                        let selected = move || query.with(|query| query.status.as_deref() == Some(chosen.as_str()));
                        let value = status.clone();
                        view! {
                            <option value=value prop:selected=selected>
                                {status}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </label>
        </div>
    }
}
