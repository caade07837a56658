use leptos::prelude::*;

use crate::browser::format_instant;
use crate::model::clock::Shown;
use crate::model::services::{RefreshInterval, describe_age};
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
    let exact = move || {
        refreshing
            .loaded_at
            .get()
            .map(|at| format_instant(at, Shown::DateTime))
    };
    // Without data the page's own panel says what failed; here only a refresh that failed
    // beside data still on screen.
    let error = move || {
        let failure = refreshing.error.get()?;
        refreshing.data.with(Option::is_some).then(|| {
            view! {
                <span class="refresh-error" role="alert">
                    {format!("Refresh failed: {failure}. Showing the last good data.")}
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
