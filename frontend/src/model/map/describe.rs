//! What the canvas says about itself in words and numbers: the tooltip of what is under the
//! pointer, and where the nodes are on screen for tests and tools that point at one.

use shared::api::ServiceMap;

use super::format::{format_latency, format_rate};
use super::hit::Hit;
use super::layout::Layout;
use super::style::kind_label;
use super::viewport::Viewport;

/// Up to this many nodes the canvas publishes their screen positions (`data-node-positions`).
const PUBLISHED_POSITIONS: usize = 300;

/// The tooltip of a node (name, kind, rate, mean, errors, faults) or an edge (ends, rate, mean).
pub fn tooltip(map: &ServiceMap, hit: Hit) -> Option<String> {
    let node = |id: i32| map.nodes.iter().find(|n| n.id == id);
    match hit {
        Hit::Node(id) => {
            let node = node(id)?;
            Some(format!(
                "{} ({}) — {}, mean {}, {:.1}% errors, {:.1}% faults",
                node.name,
                kind_label(node.kind),
                format_rate(node.derived.requests_per_minute),
                format_latency(node.derived.mean_latency_s),
                node.derived.error_ratio * 100.0,
                node.derived.fault_ratio * 100.0,
            ))
        }
        Hit::Edge(source, target) => {
            let edge = map
                .edges
                .iter()
                .find(|e| e.source == source && e.target == target)?;
            Some(format!(
                "{} → {} — {}, mean {}",
                node(source)?.name,
                node(target)?.name,
                format_rate(edge.derived.requests_per_minute),
                format_latency(edge.derived.mean_latency_s),
            ))
        }
    }
}

/// `{"name": [x, y], …}` in CSS pixels from the canvas's top-left corner; `None` for a map too
/// large to be worth the attribute.
pub fn published_positions(map: &ServiceMap, layout: &Layout, view: &Viewport) -> Option<String> {
    if map.nodes.len() > PUBLISHED_POSITIONS {
        return None;
    }
    let positions: serde_json::Map<String, serde_json::Value> = map
        .nodes
        .iter()
        .filter_map(|node| {
            let placed = layout.node(node.id)?;
            let (x, y) = view.to_screen(placed.x, placed.y);
            Some((node.name.clone(), serde_json::json!([x, y])))
        })
        .collect();
    Some(serde_json::Value::Object(positions).to_string())
}

#[cfg(test)]
mod tests {
    use super::super::fixture::movies;
    use super::super::layout::layout_map;
    use super::*;

    #[test]
    fn tooltips_name_the_figures_of_what_is_hovered() {
        let map = movies();
        let check = |hit: Hit, expect: Option<&str>| {
            assert_eq!(tooltip(&map, hit).as_deref(), expect, "{hit:?}");
        };
        check(
            Hit::Node(1),
            Some("movies_app (App Runner) — 12/min, mean 42 ms, 5.0% errors, 1.0% faults"),
        );
        check(
            Hit::Edge(0, 1),
            Some("client → movies_app — 12/min, mean 45 ms"),
        );
        check(Hit::Node(7), None);
        check(Hit::Edge(1, 0), None);
    }

    #[test]
    fn positions_are_where_the_view_puts_the_nodes_and_only_for_small_maps() {
        let mut map = movies();
        let layout = layout_map(&map, None);
        let view = Viewport::fit(layout.bounds, 800.0, 500.0);
        let published = published_positions(&map, &layout, &view).expect("a small map");
        let positions: serde_json::Value = serde_json::from_str(&published).expect("JSON");
        for node in &map.nodes {
            let placed = layout.node(node.id).expect("placed");
            let (x, y) = view.to_screen(placed.x, placed.y);
            assert_eq!(
                positions[&node.name],
                serde_json::json!([x, y]),
                "{}",
                node.name
            );
        }
        let many = map.nodes[0].clone();
        map.nodes = vec![many; PUBLISHED_POSITIONS + 1];
        assert_eq!(published_positions(&map, &layout, &view), None);
    }
}
