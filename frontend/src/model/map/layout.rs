//! The layered layout: layers by call direction, order by barycenter sweeps, one column per
//! layer. Deterministic (nodes are sorted by a stable key first) and stable across refreshes: a
//! node already on screen keeps its place, a new one takes the next free row of its layer.

use std::collections::HashMap;

use shared::api::ServiceMap;

use super::layering::assign_layers;
use super::names::display_names;
use super::ordering::order_layers;
use super::refine::refine;
use super::style::node_radius;
use super::viewport::Bounds;

/// Horizontal distance between layers, in world units (CSS pixels at zoom 1).
pub const LAYER_GAP: f64 = 260.0;
/// Vertical distance between rows: more than the largest node and its two label lines.
pub const ROW_GAP: f64 = 120.0;

/// What the layout needs of a node.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutNode {
    pub id: i32,
    /// Survives refreshes (X-Ray's reference ids may not): the node type and name.
    pub key: String,
    pub radius: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub id: i32,
    pub key: String,
    pub layer: usize,
    pub x: f64,
    pub y: f64,
    pub radius: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// In the input's key order.
    pub nodes: Vec<Placed>,
    by_id: HashMap<i32, usize>,
    pub bounds: Bounds,
    /// Each layer's nodes (indices into `nodes`), top to bottom.
    pub columns: Vec<Vec<usize>>,
    /// Of a map's layout (`layout_map`): each node's index among the map's nodes, and the name
    /// its label shows (`display_names`), aligned with `nodes`.
    pub sources: Vec<usize>,
    pub names: Vec<String>,
}

impl Layout {
    pub fn node(&self, id: i32) -> Option<&Placed> {
        self.by_id.get(&id).map(|&index| &self.nodes[index])
    }

    /// How many nodes the fullest layer holds.
    pub fn tallest_layer(&self) -> usize {
        self.columns.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// The layout of a fetched map, keeping the places of `previous`'s nodes.
pub fn layout_map(map: &ServiceMap, previous: Option<&Layout>) -> Layout {
    let nodes: Vec<LayoutNode> = map
        .nodes
        .iter()
        .map(|node| LayoutNode {
            id: node.id,
            key: format!("{}\u{1f}{}", node.node_type, node.name),
            radius: node_radius(node.derived.requests_per_minute),
        })
        .collect();
    let edges: Vec<(i32, i32)> = map.edges.iter().map(|e| (e.source, e.target)).collect();
    let mut placed = layout(nodes, &edges, previous);
    let index: HashMap<i32, usize> = map
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id, i))
        .collect();
    let names = display_names(map);
    placed.sources = placed.nodes.iter().map(|p| index[&p.id]).collect();
    placed.names = placed.sources.iter().map(|&i| names[i].clone()).collect();
    placed
}

/// Places `nodes`; `edges` are `(caller id, callee id)`, unknown ids and self-calls are ignored.
pub fn layout(
    mut nodes: Vec<LayoutNode>,
    edges: &[(i32, i32)],
    previous: Option<&Layout>,
) -> Layout {
    nodes.sort_by(|a, b| a.key.cmp(&b.key).then(a.id.cmp(&b.id)));
    let index: HashMap<i32, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let mut links: Vec<(usize, usize)> = edges
        .iter()
        .filter_map(|(from, to)| Some((*index.get(from)?, *index.get(to)?)))
        .filter(|(from, to)| from != to)
        .collect();
    links.sort_unstable();
    links.dedup();
    let layers = assign_layers(nodes.len(), &links);
    let mut rows = order_layers(&layers, &links);
    refine(&mut rows, &layers, &links, (LAYER_GAP, ROW_GAP));
    let mut y = vec![0.0; nodes.len()];
    for row in &rows {
        let middle = (row.len() as f64 - 1.0) / 2.0;
        for (rank, &node) in row.iter().enumerate() {
            y[node] = (rank as f64 - middle) * ROW_GAP;
        }
    }
    let mut placed: Vec<Placed> = nodes
        .into_iter()
        .enumerate()
        .map(|(i, node)| Placed {
            id: node.id,
            key: node.key,
            layer: layers[i],
            x: layers[i] as f64 * LAYER_GAP,
            y: y[i],
            radius: node.radius,
        })
        .collect();
    if let Some(previous) = previous {
        keep_places(&mut placed, &rows, previous);
    }
    let by_id = placed.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let bounds = Bounds::around(placed.iter().map(|n| (n.x, n.y, n.radius)));
    // Kept places need not follow the new order: each column is read top to bottom by y.
    let mut columns = rows;
    for column in &mut columns {
        column.sort_by(|&a, &b| placed[a].y.total_cmp(&placed[b].y));
    }
    Layout {
        nodes: placed,
        by_id,
        bounds,
        columns,
        ..Layout::default()
    }
}

/// Nodes `previous` had in the same layer go back where they were; the others follow, in their
/// new order, below the lowest kept node of their layer — so nothing overlaps and nothing moves.
fn keep_places(placed: &mut [Placed], rows: &[Vec<usize>], previous: &Layout) {
    let before: HashMap<&str, &Placed> =
        previous.nodes.iter().map(|n| (n.key.as_str(), n)).collect();
    let mut kept = vec![false; placed.len()];
    let mut lowest = vec![f64::NEG_INFINITY; rows.len()];
    for (i, node) in placed.iter_mut().enumerate() {
        if let Some(old) = before
            .get(node.key.as_str())
            .filter(|old| old.layer == node.layer)
        {
            node.x = old.x;
            node.y = old.y;
            kept[i] = true;
            lowest[node.layer] = lowest[node.layer].max(old.y);
        }
    }
    for (layer, row) in rows.iter().enumerate() {
        if lowest[layer] == f64::NEG_INFINITY {
            continue;
        }
        let mut next = lowest[layer] + ROW_GAP;
        for &i in row.iter().filter(|&&i| !kept[i]) {
            placed[i].y = next;
            next += ROW_GAP;
        }
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
