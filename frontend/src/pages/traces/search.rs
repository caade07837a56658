use leptos::prelude::*;
use shared::api::MAX_WINDOW_SECONDS;
use shared::filter::{Refiners, StatusRefiner};

use super::results::use_trace_results;
use crate::api::TracesRequest;
use crate::browser::now_seconds;
use crate::components::failure_panel;
use crate::components::traces::{
    FilterBox, RefinerPanel, ResponseScatter, ResultCounts, ResultsTable,
};
use crate::model::traces::{SearchState, SortKey, sort_traces};
use crate::model::{TimeRange, ViewQuery};
use crate::url_state::{use_url_state, use_view_links};

/// `/traces`: find traces with refiners or a raw filter expression, then open one.
#[component]
pub fn Traces() -> impl IntoView {
    let view_url = use_url_state::<ViewQuery>();
    let view_query = view_url.state;
    // Each refinement is a history entry, so Back undoes it.
    let search_url = use_url_state::<SearchState>();
    let search = search_url.state;
    let set_search = move |state: SearchState| search_url.push(state);
    let build_error = RwSignal::new(None::<String>);

    let request = Memo::new(move |_| TracesRequest {
        view: view_query.get(),
        filter: search.with(|s| s.filter.trim().to_owned()),
        cursor: None,
    });
    let loader = use_trace_results(request);
    let results = loader.results;

    let refine = move |refiners: Refiners| match search.get_untracked().with_refiners(&refiners) {
        Ok(state) => {
            build_error.set(None);
            set_search(state);
        }
        Err(error) => build_error.set(Some(error.to_string())),
    };
    let on_refiners = Callback::new(refine);
    let add_refiner = move |edit: fn(&mut Refiners, String), value: String| {
        let mut refiners = search.get_untracked().refiners().unwrap_or_default();
        edit(&mut refiners, value);
        refine(refiners);
    };
    let on_status = Callback::new(move |status: u16| {
        add_refiner(
            |r, v| r.http_status = v.parse().ok().map(StatusRefiner::Exact),
            status.to_string(),
        )
    });
    let on_method = Callback::new(move |method: String| {
        add_refiner(
            |r, v| {
                if !r.methods.contains(&v) {
                    r.methods.push(v);
                }
            },
            method,
        )
    });
    let on_apply = Callback::new(move |filter: String| {
        set_search(SearchState {
            filter,
            ..search.get_untracked()
        })
    });
    let on_sort =
        Callback::new(move |key: SortKey| set_search(search.get_untracked().sorted_by(key)));

    let applied = Signal::derive(move || search.with(|s| s.filter.clone()));
    let refiners = Signal::derive(move || search.with(SearchState::refiners));
    let traces = Signal::derive(move || results.with(|r| r.traces.clone()));
    let sorted = Signal::derive(move || {
        let (key, descending) = search.with(|s| (s.sort, s.descending));
        let mut traces = traces.get();
        sort_traces(&mut traces, key, descending);
        traces
    });
    let sort = Signal::derive(move || search.with(|s| (s.sort, s.descending)));
    // A relative window ends "now" as of the latest answer.
    let window = Signal::derive(move || {
        results.track();
        match view_query.with(|q| q.range) {
            TimeRange::Relative { seconds } => {
                let now = now_seconds();
                (now - seconds as f64, now)
            }
            TimeRange::Absolute { start, end } => (start as f64, end as f64),
        }
    });
    let links = use_view_links();
    let trace_href = Callback::new(move |id: String| {
        untrack(|| links.href(&format!("/traces/{id}"), Vec::new()))
    });
    let navigate = leptos_router::hooks::use_navigate();
    let on_open = Callback::new(move |id: String| {
        navigate(&trace_href.run(id), Default::default());
    });
    let on_range = Callback::new(move |(start, end): (i64, i64)| {
        // The plot can reach past the window (late traces); the backend takes at most 6 h.
        let end = end.min(start.saturating_add(MAX_WINDOW_SECONDS as i64));
        if let Ok(range) = TimeRange::absolute(start, end) {
            view_url.push(ViewQuery {
                range,
                ..view_url.current()
            });
        }
    });
    let summary = move || {
        results.with(|r| {
            let shown = r.traces.len();
            let more = if r.more_available {
                ", more available"
            } else {
                ""
            };
            format!("Processed {} traces; {shown} match{more}.", r.processed)
        })
    };
    let failure = move || {
        results
            .with(|r| r.error.clone())
            .map(|error| failure_panel(&error, ""))
    };

    view! {
        <section class="traces-page">
            <h1>"Traces"</h1>
            <FilterBox applied on_apply />
            <RefinerPanel refiners on_change=on_refiners />
            {move || build_error.get().map(|message| view! { <p class="refiner-hint" role="alert">{message}</p> })}
            {failure}
            <ResultCounts traces on_status on_method />
            <ResponseScatter traces window on_open on_range />
            <p class="results-summary" role="status">
                {summary}
                {move || results.with(|r| r.loading).then_some(" Loading…")}
                {move || results.with(|r| r.more_available && !r.loading).then(|| view! {
                    " "
                    <button type="button" id="load-more" on:click=move |_| loader.load_more()>"Load more"</button>
                })}
            </p>
            <ResultsTable traces=sorted sort on_sort href=trace_href />
        </section>
    }
}
