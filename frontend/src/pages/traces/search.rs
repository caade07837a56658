use leptos::prelude::*;
use shared::api::{MAX_WINDOW_SECONDS, format_window};
use shared::filter::{Refiners, StatusRefiner};

use crate::api::TracesRequest;
use crate::browser::{format_instant, now_seconds, set_page};
use crate::components::traces::{
    FilterBox, RefinerPanel, ResponseScatter, ResultCounts, ResultsTable, SourceSwitch,
    use_trace_results,
};
use crate::components::{IndexedSample, failure_panel, use_transaction_mode};
use crate::model::clock::Shown;
use crate::model::shell::Controls;
use crate::model::traces::{
    Found, SearchState, SortKey, chart_note, results_summary, search_summary, sort_traces,
    wider_window,
};
use crate::model::{TimeRange, UrlState, ViewQuery};
use crate::pages::split;
use crate::url_state::{use_url_state, use_view_links};

/// `/traces`: find traces with refiners or a raw filter expression, then open one.
#[component]
pub fn Traces() -> impl IntoView {
    set_page("Traces", Controls::ALL);
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
        source: search.with(|s| s.source),
        ..TracesRequest::default()
    });
    let loader = use_trace_results(request);
    let results = loader.results;
    let mode = use_transaction_mode(Signal::derive(move || {
        view_query.with(|q| q.region.clone())
    }));
    let source = Signal::derive(move || search.with(|s| s.source));
    let on_source = Callback::new(move |source| {
        set_search(SearchState {
            source,
            ..search.get_untracked()
        })
    });
    let from_spans = Signal::derive(move || results.with(|r| r.from_spans()));

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
    let sorted = Signal::derive(move || {
        let (key, descending) = search.with(|s| (s.sort, s.descending));
        let mut traces = results.with(|r| r.traces.clone());
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
    // A trace's link carries the search, so its page leads back to these results.
    let trace_href = Callback::new(move |id: String| {
        untrack(|| links.href(&format!("/traces/{id}"), search.with(UrlState::pairs)))
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
            if r.from_spans() {
                return match (&r.span_search, &r.error) {
                    (Some(search), _) => search_summary(search, r.traces.len()),
                    // Refused before it started: the error panel says why.
                    (None, Some(_)) => String::new(),
                    (None, None) => "Searching all spans…".to_owned(),
                };
            }
            if r.loading && r.traces.is_empty() {
                return "Searching…".to_owned();
            }
            let found = Found {
                listed: r.traces.len(),
                more: r.more_available,
                overview: r.overview.as_ref().map(|o| (o.points.len(), o.complete)),
                counting: r.counting,
                partial: r.partial.clone(),
            };
            let since = r
                .overview
                .as_ref()
                .and_then(|o| o.covered_from)
                .map(|at| format_instant(at, Shown::Time))
                .unwrap_or_default();
            results_summary(&found, &since)
        })
    };
    let failure = move || {
        results
            .with(|r| r.error.clone())
            .map(|error| failure_panel(&error, ""))
    };
    // An all-spans search with no rows yet may still find some.
    let nothing = move || {
        results.with(|r| {
            let searching = r.from_spans() && r.span_search.as_ref().is_none_or(|s| !s.done);
            !r.loading && !searching && r.error.is_none() && r.traces.is_empty()
        })
    };
    let spans_note = move || {
        results.with(|r| {
            let search = r.span_search.as_ref().filter(|_| r.from_spans())?;
            let note = chart_note(search, r.traces.len());
            Some(view! { <p class="chart-note" role="note">{note}</p> })
        })
    };
    // An all-spans search that ended (or whose polling failed) can be run again.
    let again = move || {
        results.with(|r| {
            let ran = r.span_search.as_ref().filter(|_| r.from_spans());
            ran.is_some_and(|s| s.done || r.error.is_some())
        })
    };
    let widen = move |_| {
        if let Some(seconds) = wider_window(view_query.get_untracked().range) {
            view_url.push(ViewQuery {
                range: TimeRange::Relative { seconds },
                ..view_url.current()
            });
        }
    };
    let empty = move || {
        nothing().then(|| {
            let range = view_query.with(|q| q.range);
            let wider = wider_window(range);
            let filtered = search.with(|s| !s.filter.trim().is_empty());
            view! {
                <div class="results-empty" role="status">
                    <p><strong>"No traces match"</strong>{format!(" in {}.", range.describe())}</p>
                    <p>
                        "Widen the search: a longer time range, fewer refiners, or no filter. "
                        {wider.map(|seconds| view! {
                            <button type="button" on:click=widen>{format!("Search the last {}", format_window(seconds))}</button>
                        })}
                        " "
                        {filtered.then(|| view! {
                            <button type="button" on:click=move |_| on_apply.run(String::new())>"Clear the filter"</button>
                        })}
                    </p>
                </div>
            }
        })
    };

    // A result leads to its trace: that view's code is fetched while the list is read.
    split::warm_when(
        move || sorted.with(|traces| !traces.is_empty()),
        split::trace_detail::preload,
    );
    view! {
        <section class="traces-page">
            <h1>"Traces"</h1>
            <IndexedSample mode />
            <SourceSwitch mode source on_change=on_source />
            <FilterBox applied on_apply />
            <RefinerPanel refiners on_change=on_refiners />
            {move || build_error.get().map(|message| view! { <p class="refiner-hint" role="alert">{message}</p> })}
            {failure}
            {spans_note}
            <ResultCounts results on_status on_method />
            <ResponseScatter results window on_open on_range />
            <p class="results-summary" role="status">
                {summary}
                {move || results.with(|r| r.more_available && !r.loading).then(|| view! {
                    " "
                    <button type="button" id="load-more" on:click=move |_| loader.load_more()>"Load more"</button>
                })}
                {move || again().then(|| view! {
                    " "
                    <button type="button" id="search-again" on:click=move |_| loader.search_again()>"Search again"</button>
                })}
            </p>
            {empty}
            <ResultsTable traces=sorted sort on_sort href=trace_href from_spans />
        </section>
    }
}
