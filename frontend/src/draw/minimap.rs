//! The trace's minimap strip: one hairline per span (x its time, y its place in the list),
//! rasterized in WASM and put on the canvas in one call.

use shared::trace::{Row, SpanStatus};
use wasm_bindgen::Clamped;
use web_sys::HtmlCanvasElement;

use super::context_2d;
use crate::model::map::hex_rgb;
use crate::model::traces::minimap_pixels;

/// Paints `rows` of a trace `total` seconds long over the canvas's whole width, `height` px high.
pub fn draw_minimap(canvas: &HtmlCanvasElement, rows: &[Row], total: f64, height: u32) {
    let Some(context) = context_2d(canvas) else {
        return;
    };
    let width = canvas.width();
    let pixels = minimap_pixels(rows, total, (width as usize, height as usize), rgba);
    if let Ok(image) =
        web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(&pixels), width, height)
    {
        let _ = context.put_image_data(&image, 0.0, 0.0);
    }
}

fn rgba(status: SpanStatus) -> [u8; 4] {
    let [r, g, b] = hex_rgb(colour(status));
    [r, g, b, 255]
}

/// Mid-tone colours that read on both themes' backgrounds.
fn colour(status: SpanStatus) -> &'static str {
    match status {
        SpanStatus::Ok => "#3d8bfd",
        SpanStatus::Error => "#d4a72c",
        SpanStatus::Throttle => "#a371f7",
        SpanStatus::Fault => "#e5534b",
    }
}
