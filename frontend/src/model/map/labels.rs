//! Where node labels go on screen, so that none lies over another label or over a node. A
//! label sits under its node, centred, at most as wide as the gap between two layers (so the
//! labels of neighbouring layers never meet; names longer than that are shortened with an
//! ellipsis when drawn), and takes only the lines that fit above the next node of its layer: the
//! name, then the figures. Where not even the name fits, the node has no label (the tooltip and
//! the list still name it). Labels of far-apart layers cannot touch: layers are
//! [`LAYER_GAP`] apart and a node is far narrower than that.

use super::layout::{LAYER_GAP, Layout};
use super::viewport::Viewport;

/// One line of a label, CSS px (the name is 12 px, the figures 11 px).
pub const LINE_PX: f64 = 15.0;
/// From a node's rim (and its selection ring) to its label, and from a label to the next node.
const GAP_PX: f64 = 6.0;
/// Between the labels of two neighbouring layers.
const SIDE_GAP_PX: f64 = 8.0;
/// The widest label; a longer name is shortened.
pub const MAX_LABEL_PX: f64 = 200.0;
/// Narrower than this a label would be an ellipsis: none is drawn.
const MIN_LABEL_PX: f64 = 28.0;

/// A label's place on screen: centred on `x`, from `top` down, `lines` lines of [`LINE_PX`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelBox {
    /// The node's index in the layout's nodes.
    pub node: usize,
    pub x: f64,
    pub top: f64,
    pub width: f64,
    /// 1: the name; 2: the name and the figures.
    pub lines: usize,
}

impl LabelBox {
    /// `(left, top, right, bottom)`.
    pub fn rect(&self) -> (f64, f64, f64, f64) {
        let half = self.width / 2.0;
        let bottom = self.top + self.lines as f64 * LINE_PX;
        (self.x - half, self.top, self.x + half, bottom)
    }
}

/// The width every label may take at `scale`: the gap between layers, within the bounds above.
pub fn label_width(scale: f64) -> f64 {
    (LAYER_GAP * scale - SIDE_GAP_PX).min(MAX_LABEL_PX)
}

/// The labels of the nodes of `layout` as seen through `view`.
pub fn label_boxes(layout: &Layout, view: &Viewport) -> Vec<LabelBox> {
    let width = label_width(view.scale);
    if width < MIN_LABEL_PX {
        return Vec::new();
    }
    let mut boxes = Vec::with_capacity(layout.nodes.len());
    for column in &layout.columns {
        for (k, &index) in column.iter().enumerate() {
            let node = &layout.nodes[index];
            let (x, y) = view.to_screen(node.x, node.y);
            let top = y + node.radius * view.scale + GAP_PX;
            let room = column.get(k + 1).map_or(f64::INFINITY, |&next| {
                let next = &layout.nodes[next];
                let (_, below) = view.to_screen(next.x, next.y);
                below - next.radius * view.scale - GAP_PX - top
            });
            let lines = (room / LINE_PX).floor().clamp(0.0, 2.0) as usize;
            if lines > 0 {
                boxes.push(LabelBox {
                    node: index,
                    x,
                    top,
                    width,
                    lines,
                });
            }
        }
    }
    boxes
}
