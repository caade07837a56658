use std::collections::BTreeMap;

use leptos::prelude::*;
use shared::api::TracePoint;

use super::results::Results;

/// How many of the window's traces have each status code and each method; a click refines by it.
#[component]
pub fn ResultCounts(
    /// The search's results: what is counted is its window's points.
    results: RwSignal<Results>,
    on_status: Callback<u16>,
    on_method: Callback<String>,
) -> impl IntoView {
    let statuses =
        move || {
            results.with(|r| count(&r.points(), |t| t.status))
            .into_iter()
            .map(|(status, n)| view! {
                <button type="button" class="count-chip" on:click=move |_| on_status.run(status)
                    aria-label=format!("Refine by status {status} ({n} traces)")>
                    <span class="chip-key">{status}</span>" "{n}
                </button>
            })
            .collect_view()
        };
    let methods = move || {
        results.with(|r| count(&r.points(), |t| t.method.clone()))
            .into_iter()
            .map(|(method, n)| {
                let label = format!("Refine by method {method} ({n} traces)");
                let chosen = method.clone();
                view! {
                    <button type="button" class="count-chip" on:click=move |_| on_method.run(chosen.clone())
                        aria-label=label>
                        <span class="chip-key">{method}</span>" "{n}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <div class="result-counts">
            <div role="group" aria-label="Traces by status">"Status: "{statuses}</div>
            <div role="group" aria-label="Traces by method">"Method: "{methods}</div>
        </div>
    }
}

fn count<K: Ord>(
    traces: &[TracePoint],
    key: impl Fn(&TracePoint) -> Option<K>,
) -> BTreeMap<K, usize> {
    let mut counts = BTreeMap::new();
    for key in traces.iter().filter_map(key) {
        *counts.entry(key).or_default() += 1;
    }
    counts
}
