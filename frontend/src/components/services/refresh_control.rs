use leptos::prelude::*;

use crate::model::services::{RefreshInterval, describe_age, format_epoch};
use crate::polled::Polled;

/// The auto-refresh interval, "updated N s ago", a manual refresh, and the last refresh's error
/// beside the data it failed to replace.
#[component]
pub fn RefreshControl<T: Send + Sync + 'static>(
    refreshing: Polled<T>,
    interval: Signal<RefreshInterval>,
    on_interval: Callback<RefreshInterval>,
) -> impl IntoView {
    let choose = move |event| {
        let chosen = RefreshInterval::parse(&event_target_value(&event)).unwrap_or_default();
        on_interval.run(chosen);
    };
    let stamp = move || match refreshing.loaded_at.get() {
        Some(at) => format!("Updated {}", describe_age(refreshing.now.get(), at)),
        None if refreshing.loading.get() => "Loading…".to_owned(),
        None => "Not loaded yet".to_owned(),
    };
    let exact = move || refreshing.loaded_at.get().map(format_epoch);
    let error = move || {
        refreshing.error.get().map(|failure| {
            let kept = refreshing.data.with(Option::is_some);
            let suffix = if kept {
                " Showing the last good data."
            } else {
                ""
            };
            view! {
                <span class="refresh-error" role="alert">
                    {format!("Refresh failed: {failure}.{suffix}")}
                </span>
            }
        })
    };
    view! {
        <div class="refresh-control">
            <label>
                "Auto-refresh "
                <select id="refresh-interval" on:change=choose>
                    {RefreshInterval::choices()
                        .into_iter()
                        .map(|choice| {
                            let selected = move || interval.get() == choice;
                            view! {
                                <option value=choice.key() prop:selected=selected>
                                    {choice.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button
                type="button"
                class="refresh-now"
                aria-label="Refresh now"
                disabled=move || refreshing.loading.get()
                on:click=move |_| refreshing.refetch()
            >
                "↻"
            </button>
            <span class="refresh-stamp" title=exact>
                {stamp}
            </span>
            {error}
        </div>
    }
}
