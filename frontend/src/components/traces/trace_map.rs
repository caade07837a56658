use std::sync::Arc;

use leptos::prelude::*;
use shared::api::ServiceMap;
use shared::trace::Trace;

use crate::api::{self, TraceSource};
use crate::components::map::MapCanvas;
use crate::model::map::{Hit, Traffic};
use crate::model::traces::first_span_named;
use crate::polled::{erased_resource, typed};

/// The services this one trace touched and the calls between them (X-Ray's GetTraceGraph), drawn
/// like the service map. Fetched when opened, so a large trace's timeline is not kept waiting.
/// Clicking a service selects its first span in the timeline.
#[component]
pub fn TraceMap(
    /// The trace the map is of.
    source: TraceSource,
    /// Its spans, to find a clicked service's first span.
    trace: Arc<Trace>,
    /// The timeline's selected span.
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let fetched = erased_resource(move || {
        let source = source.clone();
        async move {
            if !open.get() {
                return Ok(None);
            }
            api::trace_map(&source).await.map(|map| Some(Arc::new(map)))
        }
    });
    // `None` until opened and answered.
    let map = move || {
        let answer =
            fetched.with(|answer| answer.as_ref().map(typed::<Option<Arc<ServiceMap>>>))?;
        answer.map(|map| Option::clone(&map)).transpose()
    };
    let chosen = RwSignal::new(None::<Hit>);
    let on_select = Callback::new(move |hit: Option<Hit>| {
        chosen.set(hit);
        let Some(Hit::Node(id)) = hit else { return };
        let name = untrack(map)
            .and_then(Result::ok)
            .and_then(|m| m.nodes.iter().find(|n| n.id == id).map(|n| n.name.clone()));
        if let Some(span) = name.and_then(|name| first_span_named(&trace, &name)) {
            selected.set(Some(span));
        }
    });
    let body = move || {
        Some(match map()? {
            Err(failure) => view! {
                <p class="error-text" role="alert">{format!("The trace's map could not be loaded: {failure}")}</p>
            }
            .into_any(),
            Ok(graph) if graph.nodes.is_empty() => {
                view! { <p class="muted">"X-Ray has no services for this trace (yet)."</p> }.into_any()
            }
            Ok(graph) => {
                let nodes = graph.nodes.len();
                let shown = Signal::stored(Some::<Arc<ServiceMap>>(graph));
                view! {
                    <div class="trace-map" data-trace-map-nodes=nodes>
                        <MapCanvas map=shown selected=chosen on_select traffic=Traffic::Requests />
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <details class="trace-map-section" on:toggle=move |event| {
            let details: web_sys::HtmlDetailsElement = event_target(&event);
            open.set(details.open());
        }>
            <summary>"Service map of this trace"</summary>
            <Transition fallback=|| view! { <p class="muted" role="status">"Loading the map…"</p> }>
                {body}
            </Transition>
        </details>
    }
}
