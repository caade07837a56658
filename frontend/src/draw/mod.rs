//! Canvas drawing, as plain functions over model output: the service map (2D-context calls in
//! screen space), the charts (plotters, one shared setup in [`chart`]: the node panel's and the
//! response-time scatter plot) and the trace minimap (a rasterized strip). Nothing here holds
//! state or reads a signal.

mod chart;
pub mod map;
mod minimap;
mod panel;
mod scatter;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub use minimap::draw_minimap;
pub use panel::{draw_histogram, draw_lines};
pub use scatter::{ScatterPlot, draw_scatter};

/// The canvas's 2D context; `None` when the browser gives none.
fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into().ok())
}
