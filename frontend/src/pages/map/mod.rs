//! `/map`: the X-Ray service map for the time range, as a canvas or a table, with the panel of
//! the selected node. All of its state is in the URL (see `model::map::MapQuery`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::params::ParamsMap;
use shared::api::ServiceMap;

use crate::api;
use crate::components::map::{MapCanvas, NodeList, NodePanel};
use crate::model::carry_over;
use crate::model::map::{Hit, MapQuery, MapView, Selection};
use crate::url_state::use_href_keeping_view;

#[component]
pub fn MapPage() -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let map_query = Memo::new(move |_| location.query.with(|query| MapQuery::parse(query)));
    // The range, region and group: what the fetch depends on (not the selection or the camera).
    let fetch_pairs = Memo::new(move |_| {
        let mut pairs = location.query.with(|query| carry_over(query));
        if let Some(group) = map_query.with(|q| q.group.clone()) {
            pairs.push(("group".to_owned(), group));
        }
        pairs
    });
    let fetched = LocalResource::new(move || {
        let pairs = fetch_pairs.get();
        async move { api::service_map(&pairs).await.map(Arc::new) }
    });
    let map = Signal::derive(move || fetched.get().and_then(Result::ok));
    let selected = Signal::derive(move || {
        let map = map.get()?;
        to_hit(&map, map_query.with(|q| q.selection.clone())?)
    });

    let write = move |change: &dyn Fn(&mut MapQuery), replace: bool| {
        let mut state = map_query.get_untracked();
        change(&mut state);
        let pairs: ParamsMap = location
            .query
            .with_untracked(|query| state.merge_into(query))
            .into_iter()
            .collect();
        let path = location.pathname.get_untracked();
        let options = NavigateOptions {
            replace,
            scroll: false,
            ..Default::default()
        };
        navigate(&format!("{path}{}", pairs.to_query_string()), options);
    };
    let write = StoredValue::new_local(write);
    let on_select = Callback::new(move |hit: Option<Hit>| {
        let selection =
            hit.and_then(|hit| map.get_untracked().and_then(|map| to_selection(&map, hit)));
        write.with_value(|write| write(&|q| q.selection = selection.clone(), false));
    });
    let on_camera = Callback::new(move |camera: (f64, f64, f64)| {
        write.with_value(|write| write(&|q| q.camera = Some(camera), true));
    });
    let set_view = move |view: MapView| write.with_value(|write| write(&|q| q.view = view, false));
    let initial_camera = map_query.with_untracked(|q| q.camera);
    let is_list = move || map_query.with(|q| q.view == MapView::List);
    let traces_href = use_href_keeping_view("/traces");

    let status = move || match fetched.get() {
        None => Some(("Loading the service map…".to_owned(), false)),
        Some(Err(error)) => Some((format!("{}: {error}", error.title()), true)),
        Some(Ok(map)) if map.nodes.is_empty() => Some((
            "No traced requests in this time range: the map is empty.".to_owned(),
            false,
        )),
        Some(Ok(_)) => None,
    };
    let panel = move || {
        let (map, hit) = (map.get()?, selected.get()?);
        let on_close = Callback::new(move |()| on_select.run(None));
        Some(view! {
            <NodePanel map hit view_pairs=fetch_pairs.get() traces_href=traces_href() on_close />
        })
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

fn to_hit(map: &ServiceMap, selection: Selection<String>) -> Option<Hit> {
    let id = |name: &str| map.nodes.iter().find(|n| n.name == name).map(|n| n.id);
    match selection {
        Selection::Node(name) => Some(Hit::Node(id(&name)?)),
        Selection::Edge(source, target) => Some(Hit::Edge(id(&source)?, id(&target)?)),
    }
}

fn to_selection(map: &ServiceMap, hit: Hit) -> Option<Selection<String>> {
    let name = |id: i32| {
        map.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.name.clone())
    };
    match hit {
        Hit::Node(id) => Some(Selection::Node(name(id)?)),
        Hit::Edge(source, target) => Some(Selection::Edge(name(source)?, name(target)?)),
    }
}
