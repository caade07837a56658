use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::api::{Trace, TraceDetail as Detail, codes};

use super::detail_header::DetailHeader;
use crate::api::{self, ApiFailure};
use crate::components::traces::{SpanDetails, Timeline, TraceMap, TraceSource, measure_trace_open};
use crate::url_state::use_view_query;

/// How often, and how many times, a trace with unfinished segments is fetched again.
const REFETCH_EVERY: Duration = Duration::from_secs(5);
const MAX_REFETCHES: u32 = 24;

#[derive(Clone)]
enum State {
    Loading,
    Loaded(Loaded),
    Failed(ApiFailure),
}

/// A fetched trace, split so the (large) span arena is shared by the views without a copy.
#[derive(Clone, PartialEq)]
struct Loaded {
    /// Everything but the spans (its `trace` is empty).
    detail: Arc<Detail>,
    trace: Arc<Trace>,
}

impl Loaded {
    fn new(mut detail: Detail) -> Self {
        let trace = Arc::new(std::mem::take(&mut detail.trace));
        Self {
            detail: Arc::new(detail),
            trace,
        }
    }
}

/// `/traces/:id`: the trace's waterfall and the selected span's details.
#[component]
pub fn TraceDetail() -> impl IntoView {
    let params = use_params_map();
    let view_query = use_view_query();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let region = Memo::new(move |_| view_query.with(|q| q.view.region.clone()));
    let state = RwSignal::new(State::Loading);
    let generation = StoredValue::new(0u64);

    Effect::new(move |_| {
        let (id, region) = (id.get(), region.get());
        generation.update_value(|g| *g += 1);
        state.set(State::Loading);
        fetch(id, region, state, generation, generation.get_value(), 0);
    });

    let body = move || match state.get() {
        State::Loading => {
            view! { <p class="muted" role="status">"Loading the trace…"</p> }.into_any()
        }
        State::Failed(error) => failure_view(&id.get_untracked(), &error).into_any(),
        State::Loaded(loaded) => {
            let source = TraceSource {
                id: id.get_untracked(),
                region: region.get_untracked(),
            };
            loaded_view(loaded, source).into_any()
        }
    };
    view! { <section class="trace-page">{body}</section> }
}

fn loaded_view(Loaded { detail, trace }: Loaded, source: TraceSource) -> impl IntoView {
    let root = trace.roots.first().copied();
    let selected = RwSignal::new(root);
    // Interactive once the first rows are on screen.
    request_animation_frame(measure_trace_open);
    let details = {
        let (trace, source) = (trace.clone(), source.clone());
        move || {
            selected.get().map(
                |span| view! { <SpanDetails trace=trace.clone() source=source.clone() span /> },
            )
        }
    };
    view! {
        <DetailHeader detail trace=trace.clone() source=source.clone() />
        <TraceMap source trace=trace.clone() selected />
        <div class="trace-layout">
            <Timeline trace selected />
            <div class="trace-side">{details}</div>
        </div>
    }
}

fn failure_view(id: &str, error: &ApiFailure) -> impl IntoView {
    let not_found =
        matches!(error, ApiFailure::Rejected { error, .. } if error.code == codes::NOT_FOUND);
    let (title, message) = if not_found {
        (
            "Trace not found".to_owned(),
            format!(
                "No trace {id} in this region: it may be older than 30 days (X-Ray keeps traces 30 days), or in another region."
            ),
        )
    } else {
        (error.title().to_owned(), error.to_string())
    };
    view! {
        <div class="error-panel" role="alert">
            <h2>{title}</h2>
            <p>{message}</p>
        </div>
    }
}

/// Fetches the trace; an unfinished one is fetched again until it stops changing.
fn fetch(
    id: String,
    region: Option<String>,
    state: RwSignal<State>,
    generation: StoredValue<u64>,
    mine: u64,
    round: u32,
) {
    spawn_local(async move {
        let answer = api::trace(&id, region.as_deref()).await;
        // The page may be gone (navigated away) or showing another trace by now.
        if generation.try_get_value() != Some(mine) {
            return;
        }
        let answer = answer.map(Loaded::new);
        let unchanged = match (&answer, state.try_get_untracked()) {
            (Ok(new), Some(State::Loaded(old))) => old == *new,
            _ => false,
        };
        let unfinished = answer
            .as_ref()
            .is_ok_and(|l| l.detail.partial && l.trace.spans.iter().any(|s| s.in_progress));
        if !unchanged {
            state.try_set(match answer {
                Ok(loaded) => State::Loaded(loaded),
                Err(error) => State::Failed(error),
            });
        }
        if unfinished && !unchanged && round < MAX_REFETCHES {
            set_timeout(
                move || fetch(id, region, state, generation, mine, round + 1),
                REFETCH_EVERY,
            );
        }
    });
}
