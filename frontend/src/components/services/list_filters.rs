use leptos::prelude::*;

use crate::model::services::ListQuery;

/// The name and status filters above the services table; every change goes into the URL.
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
