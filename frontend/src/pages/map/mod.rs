//! `/map`: the X-Ray service map for the time range, as a canvas or a table, with the panel of
//! the selected node. All of its state is in the URL (see `model::map::MapQuery`).

use std::sync::Arc;

use leptos::prelude::*;
use shared::api::ServiceMap;

use crate::api::{self, MapRequest};
use crate::browser::set_page;
use crate::components::map::{MapCanvas, NodeList, NodePanel};
use crate::components::{IndexedSample, use_transaction_mode};
use crate::model::ViewQuery;
use crate::model::map::{Hit, MapQuery, MapView, Selection, with_client_figures};
use crate::model::shell::Controls;
use crate::polled::use_polled;
use crate::url_state::use_url_state;

#[component]
pub fn MapPage() -> impl IntoView {
    set_page("Service map", Controls::ALL);
    let view = use_url_state::<ViewQuery>().state;
    let url = use_url_state::<MapQuery>();
    let map_query = url.state;
    let mode = use_transaction_mode(Signal::derive(move || view.with(|q| q.region.clone())));
    // The range, region and group: what the fetch depends on (not the selection or the camera).
    let request = Memo::new(move |_| MapRequest {
        view: view.get(),
        group: map_query.with(|q| q.group.clone()),
    });
    let fetched = use_polled(
        move || {
            let request = request.get();
            async move { api::service_map(&request).await.map(with_client_figures) }
        },
        |_: Option<&ServiceMap>, _| None,
    );
    let map: Signal<Option<Arc<ServiceMap>>> = fetched.data.into();
    let selected = Signal::derive(move || {
        let map = map.get()?;
        map_query.with(|q| q.selection.as_ref()?.hit_in(&map))
    });

    let on_select = Callback::new(move |hit: Option<Hit>| {
        let selection = hit.and_then(|hit| {
            let map = map.get_untracked()?;
            Selection::of_hit(&map, hit)
        });
        url.push(MapQuery {
            selection,
            ..url.current()
        });
    });
    // Every frame of a pan would be a history entry: the camera replaces it.
    let on_camera = Callback::new(move |camera: (f64, f64, f64)| {
        url.replace(MapQuery {
            camera: Some(camera),
            ..url.current()
        });
    });
    let set_view = move |view: MapView| {
        url.push(MapQuery {
            view,
            ..url.current()
        })
    };
    let initial_camera = map_query.with_untracked(|q| q.camera);
    let is_list = move || map_query.with(|q| q.view == MapView::List);

    let status = move || match (
        fetched.error.get(),
        map.with(|m| m.as_ref().map(|m| m.nodes.is_empty())),
    ) {
        (Some(error), _) => Some((format!("{}: {error}", error.title()), true)),
        (None, None) => Some(("Loading the service map…".to_owned(), false)),
        (None, Some(true)) => Some((
            "No traced requests in this time range: the map is empty.".to_owned(),
            false,
        )),
        (None, Some(false)) => None,
    };
    let panel = move || {
        let (map, hit) = (map.get()?, selected.get()?);
        let on_close = Callback::new(move |()| on_select.run(None));
        Some(view! { <NodePanel map hit request=request.get() on_close /> })
    };

    view! {
        <section class="page map-page" data-node-count=move || map.get().map(|m| m.nodes.len())>
            <header class="map-toolbar">
                <h1>"Service map"</h1>
                <div class="map-view-switch" role="group" aria-label="Show the map as">
                    <button type="button" aria-pressed=move || (!is_list()).to_string() on:click=move |_| set_view(MapView::Canvas)>"Graph"</button>
                    <button type="button" aria-pressed=move || is_list().to_string() on:click=move |_| set_view(MapView::List)>"List"</button>
                </div>
                <button type="button" on:click=move |_| fetched.refetch()>"Refresh"</button>
                <IndexedSample mode />
            </header>
            {move || status().map(|(text, failed)| view! {
                <p class="map-note" role=if failed { "alert" } else { "status" }>{text}</p>
            })}
            <div class="map-body">
                <div class="map-main" hidden=is_list>
                    <MapCanvas map selected on_select initial_camera on_camera />
                </div>
                {move || (is_list()).then(|| map.get().map(|map| view! { <NodeList map selected on_select /> }))}
                {panel}
            </div>
        </section>
    }
}
