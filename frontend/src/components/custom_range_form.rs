use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::browser::{epoch_to_local_input, local_input_to_epoch};
use crate::model::TimeRange;

/// Two local date-time inputs and Apply, for a fixed time range. Checks the range before handing
/// it on, and says what is wrong instead of applying a bad one.
#[component]
pub fn CustomRangeForm(
    /// The range in effect, to prefill the inputs: a fixed range as it is, a relative one as the
    /// from–to it covers right now.
    #[prop(into)]
    range: Signal<TimeRange>,
    /// Called with a valid fixed range when the user applies it.
    on_apply: Callback<TimeRange>,
    /// Called when the user closes the form without applying.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let (start, end) = prefill(range.get_untracked());
    let start = RwSignal::new(epoch_to_local_input(start));
    let end = RwSignal::new(epoch_to_local_input(end));
    let problem = RwSignal::new(None::<String>);

    let apply = move |event: SubmitEvent| {
        event.prevent_default();
        let read =
            |input: RwSignal<String>| input.with_untracked(|value| local_input_to_epoch(value));
        let outcome = match (read(start), read(end)) {
            (Some(start), Some(end)) => {
                TimeRange::absolute(start, end).map_err(|error| error.to_string())
            }
            _ => Err("enter both a start and an end".to_owned()),
        };
        match outcome {
            Ok(range) => {
                problem.set(None);
                on_apply.run(range);
            }
            Err(message) => problem.set(Some(message)),
        }
    };

    view! {
        <form class="custom-range" on:submit=apply>
            <label>
                <span>"From"</span>
                <input type="datetime-local" id="range-start" bind:value=start required />
            </label>
            <label>
                <span>"To"</span>
                <input type="datetime-local" id="range-end" bind:value=end required />
            </label>
            <div class="form-actions">
                <button type="button" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
                <button type="submit">"Apply"</button>
            </div>
            {move || problem.get().map(|message| view! { <p class="form-problem" role="alert">{message}</p> })}
        </form>
    }
}

/// The from–to to show first: a fixed range as it is, else the window ending now.
fn prefill(range: TimeRange) -> (i64, i64) {
    match range {
        TimeRange::Absolute { start, end } => (start, end),
        TimeRange::Relative { seconds } => {
            let now = (js_sys::Date::now() / 1000.0).floor() as i64;
            (now - seconds as i64, now)
        }
    }
}
