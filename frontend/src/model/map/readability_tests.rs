//! The maps runtrace draws, measured: on the recorded `shop` map and the `large` scenario's maps,
//! at the fitted zoom of a 1250×680 canvas and at every zoom from far out to close in, no label
//! lies over another label or over a node; and the edge crossings of the `shop` layout, counted
//! as a person sees them (straight lines between node centres that cross).

use std::collections::HashMap;

use shared::api::ServiceMap;

use super::labels::label_boxes;
use super::layout::{Layout, layout_map};
use super::names::with_client_figures;
use super::recorded::{large_100, large_1000, large_10000, shop};
use super::refine::cross;
use super::viewport::Viewport;

/// What is drawn: label rectangles and node circles, in screen px.
enum Shape {
    Label(i32, [f64; 4]),
    Node(i32, f64, f64, f64),
}

impl Shape {
    fn bounds(&self) -> [f64; 4] {
        match *self {
            Shape::Label(_, rect) => rect,
            Shape::Node(_, x, y, r) => [x - r, y - r, x + r, y + r],
        }
    }
}

fn intersect(a: &Shape, b: &Shape) -> bool {
    let rects = |p: [f64; 4], q: [f64; 4]| p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3];
    let rect_circle = |p: [f64; 4], x: f64, y: f64, r: f64| {
        let dx = x - x.clamp(p[0], p[2]);
        let dy = y - y.clamp(p[1], p[3]);
        dx * dx + dy * dy < r * r
    };
    match (a, b) {
        (Shape::Label(_, p), Shape::Label(_, q)) => rects(*p, *q),
        (Shape::Label(_, p), Shape::Node(_, x, y, r))
        | (Shape::Node(_, x, y, r), Shape::Label(_, p)) => rect_circle(*p, *x, *y, *r),
        (Shape::Node(..), Shape::Node(..)) => false,
    }
}

/// Every pair of a label and another label or a node that overlap, found through a grid.
fn overlaps(layout: &Layout, view: &Viewport) -> Vec<String> {
    let mut shapes: Vec<Shape> = label_boxes(layout, view)
        .iter()
        .map(|b| {
            let (l, t, r, bottom) = b.rect();
            Shape::Label(layout.nodes[b.node].id, [l, t, r, bottom])
        })
        .collect();
    let labels = shapes.len();
    shapes.extend(layout.nodes.iter().map(|n| {
        let (x, y) = view.to_screen(n.x, n.y);
        Shape::Node(n.id, x, y, n.radius * view.scale)
    }));
    const CELL: f64 = 64.0;
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, shape) in shapes.iter().enumerate() {
        let [l, t, r, b] = shape.bounds();
        for cx in (l / CELL).floor() as i64..=(r / CELL).floor() as i64 {
            for cy in (t / CELL).floor() as i64..=(b / CELL).floor() as i64 {
                grid.entry((cx, cy)).or_default().push(i);
            }
        }
    }
    let mut found = Vec::new();
    for cell in grid.values() {
        for (k, &a) in cell.iter().enumerate() {
            for &b in &cell[k + 1..] {
                if (a < labels || b < labels) && intersect(&shapes[a], &shapes[b]) {
                    let name = |s: &Shape| match s {
                        Shape::Label(id, _) => format!("label {id}"),
                        Shape::Node(id, ..) => format!("node {id}"),
                    };
                    let pair = format!("{} × {}", name(&shapes[a]), name(&shapes[b]));
                    if !found.contains(&pair) {
                        found.push(pair);
                    }
                }
            }
        }
    }
    found
}

fn laid_out(map: ServiceMap) -> (ServiceMap, Layout) {
    let map = with_client_figures(map);
    let layout = layout_map(&map, None);
    (map, layout)
}

/// The fitted view of a 1250×680 canvas (the map page at 1400×900), then that view at every
/// zoom from a quarter to twice.
fn views(layout: &Layout) -> Vec<Viewport> {
    let fit = Viewport::fit(layout.bounds, 1250.0, 680.0);
    let mut views = vec![fit];
    views.extend(
        [0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0, 1.3, 1.6, 2.0]
            .map(|scale| Viewport { scale, ..fit }),
    );
    views
}

#[test]
fn no_label_lies_over_a_label_or_a_node() {
    let maps = [
        ("shop", shop()),
        ("large-100", large_100()),
        ("large-1000", large_1000()),
        ("large-10000", large_10000()),
    ];
    for (name, map) in maps {
        let (_, layout) = laid_out(map);
        for view in views(&layout) {
            let found = overlaps(&layout, &view);
            assert_eq!(found.len(), 0, "{name} at ×{:.3}: {found:?}", view.scale);
        }
    }
}

#[test]
fn every_node_of_the_shop_is_labelled_at_the_fitted_zoom() {
    let (map, layout) = laid_out(shop());
    let fit = Viewport::fit(layout.bounds, 1250.0, 680.0);
    let boxes = label_boxes(&layout, &fit);
    assert_eq!(boxes.len(), map.nodes.len(), "fitted at ×{:.3}", fit.scale);
    let named_only = boxes.iter().filter(|b| b.lines < 2).count();
    assert!(
        named_only <= 4,
        "{named_only} nodes without figures: {boxes:?}"
    );
    // Nothing of a label leaves the canvas.
    for b in &boxes {
        let (l, _, r, bottom) = b.rect();
        assert!(l >= 0.0 && r <= 1250.0 && bottom <= 680.0, "{b:?}");
    }
}

/// Pairs of calls whose straight lines cross (sharing a node is not crossing).
fn crossings(map: &ServiceMap, layout: &Layout) -> usize {
    let index = |id: i32| layout.nodes.iter().position(|n| n.id == id);
    let at: Vec<(f64, f64)> = layout.nodes.iter().map(|n| (n.x, n.y)).collect();
    let calls: Vec<(usize, usize)> = map
        .edges
        .iter()
        .filter_map(|e| Some((index(e.source)?, index(e.target)?)))
        .collect();
    let mut count = 0;
    for (i, &a) in calls.iter().enumerate() {
        for &b in &calls[i + 1..] {
            count += usize::from(cross(a, b, &at));
        }
    }
    count
}

#[test]
fn the_shop_layout_crosses_few_edges() {
    let (map, layout) = laid_out(shop());
    let count = crossings(&map, &layout);
    // The barycenter sweeps alone left 2 (checkout → cart across catalog's two calls).
    println!("shop: {count} edge crossings");
    assert_eq!(count, 0);
}
