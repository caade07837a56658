//! What is under the pointer: a node (circle) first, else an edge (within a few pixels of its
//! line). A linear scan: 10,000 distance checks per click or hover is far below a frame.

use super::layout::Layout;
use super::viewport::Viewport;

/// How close to an edge's line a click counts as on it, in CSS pixels.
const EDGE_SLOP: f64 = 5.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Node(i32),
    /// `(source id, target id)`.
    Edge(i32, i32),
}

/// The node or edge at screen point `(sx, sy)`; the topmost (last drawn) node wins.
pub fn hit_test(
    layout: &Layout,
    edges: &[(i32, i32)],
    view: &Viewport,
    sx: f64,
    sy: f64,
) -> Option<Hit> {
    let (wx, wy) = view.to_world(sx, sy);
    // A tiny node stays clickable: at least a few pixels of target.
    let min_radius = 6.0 / view.scale;
    let node = layout
        .nodes
        .iter()
        .rev()
        .find(|n| (n.x - wx).hypot(n.y - wy) <= n.radius.max(min_radius));
    if let Some(node) = node {
        return Some(Hit::Node(node.id));
    }
    let slop = EDGE_SLOP / view.scale;
    edges.iter().find_map(|&(from, to)| {
        let (a, b) = (layout.node(from)?, layout.node(to)?);
        (distance_to_segment((wx, wy), (a.x, a.y), (b.x, b.y)) <= slop)
            .then_some(Hit::Edge(from, to))
    })
}

fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    let t = if length2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0)
    };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

#[cfg(test)]
mod tests {
    use super::super::layout::{LayoutNode, layout};
    use super::*;

    #[test]
    fn finds_nodes_then_edges_then_nothing() {
        let nodes = [(1, "a"), (2, "b")].map(|(id, key)| LayoutNode {
            id,
            key: key.to_owned(),
            radius: 20.0,
        });
        let edges = [(1, 2)];
        let layout = layout(nodes.to_vec(), &edges, None);
        let view = Viewport::fit(layout.bounds, 800.0, 600.0);
        let at = |id: i32| {
            let node = layout.node(id).expect("placed");
            view.to_screen(node.x, node.y)
        };
        let check = |(sx, sy): (f64, f64), expect: Option<Hit>| {
            assert_eq!(
                hit_test(&layout, &edges, &view, sx, sy),
                expect,
                "at {sx},{sy}"
            );
        };
        let (ax, ay) = at(1);
        let (bx, by) = at(2);
        check((ax, ay), Some(Hit::Node(1)));
        check((bx + 5.0, by - 5.0), Some(Hit::Node(2)));
        check(
            ((ax + bx) / 2.0, (ay + by) / 2.0 + 2.0),
            Some(Hit::Edge(1, 2)),
        );
        check(((ax + bx) / 2.0, (ay + by) / 2.0 + 60.0), None);
    }
}
