use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api::{Trace, TraceDetail as Detail, codes};

use super::detail_header::DetailHeader;
use crate::api::{self, ApiFailure, TraceSource};
use crate::components::ErrorPanel;
use crate::components::traces::{SpanDetails, Timeline, TraceMap, measure_trace_open};
use crate::model::ViewQuery;
use crate::polled::{Progress, use_polled};
use crate::url_state::use_url_state;

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
    let fetched = {
        let source = source.clone();
        use_polled(
            move || {
                let source = source.clone();
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
    let body = move || match fetched.data.get() {
        Some(loaded) => loaded_view(&loaded, source.clone()).into_any(),
        None => match fetched.error.get() {
            Some(error) => failure_view(&source.id, &error).into_any(),
            None => view! { <p class="muted" role="status">"Loading the trace…"</p> }.into_any(),
        },
    };
    view! { <section class="trace-page">{body}</section> }
}

fn loaded_view(loaded: &Loaded, source: TraceSource) -> impl IntoView + use<> {
    let Loaded { detail, trace } = loaded.clone();
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
