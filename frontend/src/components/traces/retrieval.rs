//! Opening a trace X-Ray did not index (Transaction Search): `GET /traces/{id}/retrieval` is
//! asked again after each answer's `poll_after_ms` until it is done, with its progress in words;
//! once the trace is found the page loads it as any other, else it says why and offers to try
//! again.

use std::time::Duration;

use leptos::prelude::*;
use shared::api::TraceRetrieval;

use crate::api::{self, RetrievalRequest, TraceSource};
use crate::components::ErrorPanel;
use crate::model::traces::{poll_delay_ms, retrieval_text};
use crate::polled::{erased_resource, typed};

#[component]
pub fn Retrieval(
    /// The trace to read.
    source: TraceSource,
    /// Called once the retrieval holds the trace: load it.
    on_found: Callback<()>,
) -> impl IntoView {
    let poll = Trigger::new();
    // Set by "Try again" for the one request that starts over.
    let retry = StoredValue::new(false);
    let fetched = erased_resource(move || {
        poll.track();
        let request = RetrievalRequest {
            trace: source.clone(),
            retry: retry.get_value(),
        };
        retry.set_value(false);
        async move { api::trace_retrieval(&request).await }
    });
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let answer = move || fetched.with(|answer| answer.as_ref().map(typed::<TraceRetrieval>));
    Effect::new(move |_| {
        let Some(Ok(retrieval)) = answer() else {
            return;
        };
        if retrieval.found {
            on_found.run(());
        } else if let Some(ms) = poll_delay_ms(retrieval.done, retrieval.poll_after_ms) {
            let next = set_timeout_with_handle(move || poll.notify(), Duration::from_millis(ms));
            timer.set_value(next.ok());
        }
    });
    on_cleanup(move || {
        if let Some(Some(timer)) = timer.try_get_value() {
            timer.clear();
        }
    });
    let again = Callback::new(move |()| {
        retry.set_value(true);
        poll.notify();
    });
    move || {
        match answer() {
        None => view! { <p class="muted" role="status">"X-Ray did not index this trace: reading it from all spans (Transaction Search)…"</p> }
            .into_any(),
        Some(Err(failure)) => {
            let lines = vec![failure.to_string()];
            view! { <ErrorPanel title=failure.title().to_owned() lines on_retry=again /> }.into_any()
        }
        Some(Ok(retrieval)) if retrieval.done && !retrieval.found => {
            let lines = vec![retrieval_text(&retrieval)];
            let title = "The trace could not be read from all spans".to_owned();
            view! { <ErrorPanel title lines on_retry=again /> }.into_any()
        }
        Some(Ok(retrieval)) => view! {
            <p class="retrieval-progress" role="status" data-status=retrieval.status.to_string()>
                {retrieval_text(&retrieval)}
            </p>
        }
        .into_any(),
    }
    }
}
