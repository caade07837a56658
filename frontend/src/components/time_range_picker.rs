use leptos::prelude::*;
use shared::api::{format_window, parse_window};

use super::CustomRangeForm;
use crate::browser::format_instant;
use crate::model::clock::Shown;
use crate::model::{CUSTOM, PRESET_WINDOWS, TimeRange, ViewQuery};

/// A fixed range where it is applied: `2026-12-05 10:00 – 2026-12-05 10:15`.
fn range_label(range: TimeRange) -> String {
    match range {
        TimeRange::Absolute { start, end } => format!(
            "{} – {}",
            format_instant(start as f64, Shown::Minutes),
            format_instant(end as f64, Shown::Minutes)
        ),
        TimeRange::Relative { .. } => String::new(),
    }
}
use crate::url_state::use_url_state;

/// The time range of every view: the last 5m … 6h, or "Custom…" for a fixed from–to. The choice
/// goes into the URL (`window=1h`, or `start=…&end=…`).
#[component]
pub fn TimeRangePicker() -> impl IntoView {
    let url = use_url_state::<ViewQuery>();
    // The from–to form is open while the user edits a fixed range: after choosing "Custom…" or
    // "Edit", until Apply or Cancel. A fixed range from the URL does not open it by itself.
    let editing = RwSignal::new(false);

    let range = Signal::derive(move || url.state.with(|query| query.range));
    let windows = move || {
        let mut windows = PRESET_WINDOWS.to_vec();
        // A deep link may carry a window the presets lack (window=2h): offer it too.
        if let TimeRange::Relative { seconds } = range.get()
            && !windows.contains(&seconds)
        {
            windows.push(seconds);
            windows.sort_unstable();
        }
        windows
    };
    let selected = move || {
        if editing.get() {
            CUSTOM.to_owned()
        } else {
            range.get().picker_value()
        }
    };

    let set_range = move |range: TimeRange| {
        editing.set(false);
        url.push(ViewQuery {
            range,
            ..url.current()
        });
    };
    let choose = move |event| {
        let value = event_target_value(&event);
        match parse_window(&value) {
            Ok(seconds) => set_range(TimeRange::Relative { seconds }),
            // The only other option is "Custom…".
            Err(_) => editing.set(true),
        }
    };

    view! {
        <div class="time-range">
            <select id="time-range" aria-label="Time range" title="Time range" on:change=choose>
                {move || windows().into_iter().map(|seconds| view! {
                    <option
                        value=format_window(seconds)
                        prop:selected=move || selected() == format_window(seconds)
                    >
                        {format!("Last {}", format_window(seconds))}
                    </option>
                }).collect_view()}
                <option value=CUSTOM prop:selected=move || selected() == CUSTOM>
                    "Custom…"
                </option>
            </select>
            {move || match (editing.get(), range.get()) {
                (true, _) => view! {
                    <CustomRangeForm
                        range=range
                        on_apply=Callback::new(set_range)
                        on_cancel=Callback::new(move |()| editing.set(false))
                    />
                }
                .into_any(),
                (false, fixed @ TimeRange::Absolute { .. }) => view! {
                    <button type="button" class="range-edit" title="Edit the range" on:click=move |_| editing.set(true)>
                        {range_label(fixed)}
                    </button>
                }
                .into_any(),
                (false, TimeRange::Relative { .. }) => ().into_any(),
            }}
        </div>
    }
}
