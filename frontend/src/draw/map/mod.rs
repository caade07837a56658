//! The service map on a canvas: edges, then nodes, in screen space (so line widths and text stay
//! crisp at any zoom), skipping whatever is off screen. Far out, nodes become dots and edges one
//! path per colour, so 10,000 nodes cost a few thousand canvas calls, not a hundred thousand.

mod edges;
mod nodes;

use shared::api::ServiceMap;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::context_2d;
use crate::model::map::{Hit, Layout, Palette, Traffic, Viewport};

/// Below this on-screen radius a node is a dot without ring or label.
const DETAIL_RADIUS: f64 = 6.0;

/// Everything one frame shows.
pub struct Scene<'a> {
    pub map: &'a ServiceMap,
    pub layout: &'a Layout,
    pub palette: Palette,
    pub selected: Option<Hit>,
    pub hovered: Option<Hit>,
    /// How the node labels count traffic.
    pub traffic: Traffic,
}

/// Paints `scene` as seen through `view` on `canvas`, its backing store `pixel_ratio` times its
/// CSS size (high-DPI screens).
pub fn paint_map(canvas: &HtmlCanvasElement, scene: &Scene, view: &Viewport, pixel_ratio: f64) {
    let (width, height) = (
        (view.width * pixel_ratio) as u32,
        (view.height * pixel_ratio) as u32,
    );
    // Resizing clears the canvas, so only when the size really changed.
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    if let Some(context) = context_2d(canvas) {
        draw_map(&context, scene, view, pixel_ratio);
    }
}

fn draw_map(ctx: &CanvasRenderingContext2d, scene: &Scene, view: &Viewport, pixel_ratio: f64) {
    // A failed transform only means a blurry frame on a high-DPI screen: draw anyway.
    let _ = ctx.set_transform(pixel_ratio, 0.0, 0.0, pixel_ratio, 0.0, 0.0);
    ctx.set_fill_style_str(scene.palette.background);
    ctx.fill_rect(0.0, 0.0, view.width, view.height);
    let detailed = crate::model::map::node_radius(0.0) * view.scale >= DETAIL_RADIUS;
    edges::draw_edges(ctx, scene, view, detailed);
    nodes::draw_nodes(ctx, scene, view, detailed);
}
