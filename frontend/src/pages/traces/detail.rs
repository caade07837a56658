use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api::{Trace, TraceDetail as Detail, codes};

use super::detail_header::DetailHeader;
use crate::api::{self, ApiFailure, TraceSource};
use crate::browser::{page_embed_state, set_page};
use crate::components::traces::{
    Retrieval, SpanDetails, Timeline, TraceMap, after_first_paint, measure_render_step,
    measure_route_step, measure_trace_open, start_render_step,
};
use crate::components::{ErrorPanel, IndexedSample, use_transaction_mode};
use crate::model::UrlState;
use crate::model::ViewQuery;
use crate::model::shell::Controls;
use crate::model::traces::TraceQuery;
use crate::polled::{Progress, use_polled};
use crate::url_state::{History, read_url_state, use_query_writer, use_url_state};

/// How often, and how many times, a trace with unfinished segments is fetched again.
const REFETCH_EVERY_SECONDS: u32 = 5;
const MAX_REFETCHES: u32 = 24;

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

    /// Partial, with segments still in progress: fetched again until it stops changing.
    fn unfinished(&self) -> bool {
        self.detail.partial && self.trace.spans.iter().any(|s| s.in_progress)
    }
}

/// `/traces/:id`: the trace's waterfall and the selected span's details.
#[component]
pub fn TraceDetail() -> impl IntoView {
    let params = use_params_map();
    let view = use_url_state::<ViewQuery>().state;
    let source = Memo::new(move |_| TraceSource {
        id: params.with(|p| p.get("id")).unwrap_or_default(),
        region: view.with(|q| q.region.clone()),
    });
    // Another trace is another page: remount so nothing of the old one lingers.
    move || view! { <TracePage source=source.get() /> }
}

#[component]
fn TracePage(source: TraceSource) -> impl IntoView {
    set_page(&format!("Trace {}", source.id), Controls::REGION);
    // A signed embed link to one trace may read only that trace (not the region's mode).
    let note = page_embed_state().token.is_none().then(|| {
        let mode = use_transaction_mode(Signal::stored(source.region.clone()));
        view! { <IndexedSample mode /> }
    });
    let fetched = {
        let source = source.clone();
        use_polled(
            move || {
                let source = source.clone();
                measure_route_step();
                async move { api::trace(&source).await.map(Loaded::new) }
            },
            |loaded: Option<&Loaded>, progress: Progress| {
                let again = loaded.is_some_and(Loaded::unfinished)
                    && progress.failures == 0
                    && !progress.unchanged
                    && progress.answers <= MAX_REFETCHES;
                again.then_some(REFETCH_EVERY_SECONDS)
            },
        )
    };
    // X-Ray did not index it (Transaction Search): read it from all spans, then load it again.
    let on_found = Callback::new(move |()| fetched.resource.refetch());
    let body = move || match fetched.data.get() {
        Some(loaded) => loaded_view(&loaded, source.clone()).into_any(),
        None => match fetched.error.get() {
            Some(error) if is_not_indexed(&error) => {
                view! { <Retrieval source=source.clone() on_found /> }.into_any()
            }
            Some(error) => failure_view(&source.id, &error).into_any(),
            None => view! { <p class="muted" role="status">"Loading the trace…"</p> }.into_any(),
        },
    };
    view! {
        <section class="trace-page">
            {note}
            {body}
        </section>
    }
}

fn loaded_view(loaded: &Loaded, source: TraceSource) -> impl IntoView + use<> {
    start_render_step();
    let Loaded { detail, trace } = loaded.clone();
    // The span the link names, else the root; the URL follows every selection (in place: a
    // history entry per click would make Back useless).
    let named = read_url_state::<TraceQuery>().span;
    let named = named.and_then(|id| trace.spans.iter().position(|s| s.id == id));
    let selected = RwSignal::new(named.or_else(|| trace.roots.first().copied()));
    let writer = use_query_writer();
    let write_selection = {
        let trace = trace.clone();
        move || {
            // Written after the first paint, the page may be gone by then.
            let Some(selected) = selected.try_get_untracked() else {
                return;
            };
            let span = selected.and_then(|i| trace.spans.get(i));
            let state = TraceQuery {
                span: span.map(|s| s.id.clone()).filter(|id| !id.is_empty()),
            };
            let pairs = writer.query.with_untracked(|query| {
                (TraceQuery::parse(query) != state).then(|| state.merge_into(query))
            });
            if let Some(pairs) = pairs {
                writer.go(pairs, History::Replace);
            }
        }
    };
    // The router's work for the opening selection waits until the first rows are on screen.
    Effect::new(move |written: Option<()>| {
        selected.track();
        if written.is_some() {
            write_selection.clone()();
        } else {
            after_first_paint(write_selection.clone());
        }
    });
    // Interactive once the first rows are on screen.
    request_animation_frame(|| {
        measure_render_step();
        measure_trace_open();
    });
    let details = {
        let (trace, source) = (trace.clone(), source.clone());
        move || match selected.get() {
            Some(span) => {
                view! { <SpanDetails trace=trace.clone() source=source.clone() span /> }.into_any()
            }
            None => view! { <p class="muted span-none">"Select a span to see its details."</p> }
                .into_any(),
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

fn is_not_indexed(error: &ApiFailure) -> bool {
    matches!(error, ApiFailure::Rejected { error, .. } if error.code == codes::NOT_INDEXED)
}

fn failure_view(id: &str, error: &ApiFailure) -> impl IntoView + use<> {
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
    view! { <ErrorPanel title lines=vec![message] /> }
}
