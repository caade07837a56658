use std::sync::Arc;

use leptos::prelude::*;
use shared::api::{TraceSegmentDestination, TraceSource, TransactionSearch};

use crate::model::traces::no_all_spans;

/// Where the search looks: X-Ray's index or every span (Transaction Search). Shown where the
/// region's spans go to CloudWatch Logs ("all spans" disabled, saying why, while that is PENDING);
/// elsewhere X-Ray sees every trace and there is nothing to switch, unless a link asks for all
/// spans: then it says why there are none to search.
#[component]
pub fn SourceSwitch(
    /// The region's mode; `None` while it loads.
    #[prop(into)]
    mode: Signal<Option<Arc<TransactionSearch>>>,
    #[prop(into)] source: Signal<TraceSource>,
    on_change: Callback<TraceSource>,
) -> impl IntoView {
    let offered = move || mode.with(|m| m.as_ref().map(|m| m.all_spans));
    let shown = move || {
        mode.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.destination == TraceSegmentDestination::CloudWatchLogs)
        })
    };
    let why_not =
        move || mode.with(|m| m.as_ref().filter(|m| !m.all_spans).map(|m| no_all_spans(m)));
    let button = move |value: TraceSource, label: &'static str| {
        let pressed = move || (source.get() == value).to_string();
        let disabled = move || value == TraceSource::Spans && offered() != Some(true);
        view! {
            <button type="button" data-source=if value == TraceSource::Spans { "spans" } else { "indexed" }
                aria-pressed=pressed disabled=disabled title=why_not
                on:click=move |_| on_change.run(value)>{label}</button>
        }
    };
    move || {
        let asked = source.get() == TraceSource::Spans;
        (shown() || asked).then(|| {
            view! {
                <div class="source-switch" role="group" aria-label="Search in">
                    {button(TraceSource::Indexed, "Indexed (X-Ray)")}
                    {button(TraceSource::Spans, "All spans (Transaction Search)")}
                </div>
                {asked.then(|| why_not().map(|text| view! { <p class="source-note" role="alert">{text}</p> }))}
            }
        })
    }
}
