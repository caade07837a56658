//! The map as a table: the same nodes with their figures and callees, usable with a keyboard
//! and a screen reader (and what the end-to-end test reads).

use std::sync::Arc;

use leptos::prelude::*;
use shared::api::ServiceMap;

use crate::model::map::{Hit, display_names, format_latency, format_rate, kind_label};

#[component]
pub fn NodeList(
    map: Arc<ServiceMap>,
    #[prop(into)] selected: Signal<Option<Hit>>,
    on_select: Callback<Option<Hit>>,
) -> impl IntoView {
    let mut nodes: Vec<_> = map.nodes.iter().collect();
    nodes.sort_by(|a, b| a.name.cmp(&b.name).then(a.node_type.cmp(&b.node_type)));
    // The same names as on the canvas: a name two nodes share carries its kind.
    let names = display_names(&map);
    let name_of = |id: i32| {
        let index = map.nodes.iter().position(|n| n.id == id);
        index.map_or_else(|| format!("#{id}"), |i| names[i].clone())
    };
    let rows = nodes
        .into_iter()
        .map(|node| {
            let id = node.id;
            let mut calls: Vec<String> = map
                .edges
                .iter()
                .filter(|e| e.source == id)
                .map(|e| name_of(e.target))
                .collect();
            calls.sort();
            let pressed = move || selected.get() == Some(Hit::Node(id));
            view! {
                <tr data-node=node.name.clone() data-kind=kind_label(node.kind)>
                    <th scope="row">
                        <button
                            type="button"
                            class="link-button"
                            aria-pressed=move || pressed().to_string()
                            on:click=move |_| on_select.run(Some(Hit::Node(id)))
                        >
                            {name_of(id)}
                        </button>
                    </th>
                    <td>{kind_label(node.kind)}</td>
                    <td class="num">{format_rate(node.derived.requests_per_minute)}</td>
                    <td class="num">{format_latency(node.derived.mean_latency_s)}</td>
                    <td class="num">{format!("{:.1}%", node.derived.error_ratio * 100.0)}</td>
                    <td class="num">{format!("{:.1}%", node.derived.fault_ratio * 100.0)}</td>
                    <td class="calls">{calls.join(", ")}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <table class="map-list">
            <caption>"Nodes of the service map"</caption>
            <thead>
                <tr>
                    <th scope="col">"Node"</th>
                    <th scope="col">"Type"</th>
                    <th scope="col">"Requests"</th>
                    <th scope="col">"Mean latency"</th>
                    <th scope="col">"Errors (4xx)"</th>
                    <th scope="col">"Faults (5xx)"</th>
                    <th scope="col">"Calls"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
