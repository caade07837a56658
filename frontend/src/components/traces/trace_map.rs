use std::sync::Arc;

use leptos::prelude::*;
use shared::api::ServiceMap;
use shared::trace::Trace;

use crate::api::{self, TraceSource};
use crate::components::map::MapCanvas;
use crate::model::map::{Hit, Traffic, with_client_figures};
use crate::model::traces::first_span_named;
use crate::pages::split;
use crate::polled::{erased_resource, typed};

/// The services this one trace touched and the calls between them (X-Ray's GetTraceGraph), drawn
/// like the service map. Fetched when opened, so a large trace's timeline is not kept waiting;
/// in the release build the map's code (canvas and layout) is fetched then too, so a trace's
/// page does not load it for a section most openings leave closed. Clicking a service selects
/// its first span in the timeline.
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
    // Closing drops the map; opening again fetches it (and, after a failed load, its code) anew.
    let code = LocalResource::new(move || async move {
        if open.get() {
            Some(split::trace_map::code().await)
        } else {
            None
        }
    });
    let of = MapOfTrace {
        source,
        trace,
        selected,
    };
    let body = move || {
        let of = of.clone();
        Suspend::new(async move {
            match code.await? {
                Ok(build) => Some(build(of)),
                Err(_) => Some(
                    view! {
                        <p class="error-text" role="alert">
                            "The map's code could not be loaded (is the network down?). Close and open this section to try again."
                        </p>
                    }
                    .into_any(),
                ),
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

/// What the map of a trace is drawn from.
#[derive(Clone)]
pub struct MapOfTrace {
    source: TraceSource,
    trace: Arc<Trace>,
    selected: RwSignal<Option<usize>>,
}

/// The open section's map: fetched, then drawn (`pages::split::trace_map` loads this code).
pub fn map_of_trace(of: MapOfTrace) -> AnyView {
    let MapOfTrace {
        source,
        trace,
        selected,
    } = of;
    let fetched = erased_resource(move || {
        let source = source.clone();
        async move { Ok(with_client_figures(api::trace_map(&source).await?)) }
    });
    // `None` until answered.
    let map = move || fetched.with(|answer| answer.as_ref().map(typed::<ServiceMap>));
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
                let shown = Signal::stored(Some(graph));
                view! {
                    <div class="trace-map" data-trace-map-nodes=nodes>
                        <MapCanvas map=shown selected=chosen on_select traffic=Traffic::Requests grow=true />
                    </div>
                }
                .into_any()
            }
        })
    };
    body.into_any()
}
