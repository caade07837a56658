use leptos::prelude::*;
use shared::api::{format_window, parse_window};

use super::CustomRangeForm;
use crate::model::{CUSTOM, PRESET_WINDOWS, TimeRange, ViewQuery};
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
    let is_fixed = move || matches!(range.get(), TimeRange::Absolute { .. });

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
                <For each=windows key=|seconds| *seconds let:seconds>
                    <option
                        value=format_window(seconds)
                        prop:selected=move || selected() == format_window(seconds)
                    >
                        {format!("Last {}", format_window(seconds))}
                    </option>
                </For>
                <option value=CUSTOM prop:selected=move || selected() == CUSTOM>
                    "Custom…"
                </option>
            </select>
            <Show when=move || is_fixed() && !editing.get()>
                <button type="button" class="range-edit" on:click=move |_| editing.set(true)>
                    "Edit range"
                </button>
            </Show>
            <Show when=move || editing.get()>
                <CustomRangeForm
                    range=range
                    on_apply=Callback::new(set_range)
                    on_cancel=Callback::new(move |()| editing.set(false))
                />
            </Show>
        </div>
    }
}
