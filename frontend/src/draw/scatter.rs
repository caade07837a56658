//! The response-time scatter plot: time across (the page's clock), milliseconds up, a dot per
//! trace in its status colour, failures drawn last so a fault is never hidden under a crowd of
//! successes; where the dots do not cover the whole window, the part not read is greyed and
//! says so.

use std::f64::consts::TAU;

use web_sys::HtmlCanvasElement;

use super::chart::{Axes, frame};
use crate::browser::format_instant;
use crate::model::clock::Shown;
use crate::model::map::{Palette, tick_label};
use crate::model::traces::{Dot, PlotArea, Tone};

/// Dot radius, canvas px.
const RADIUS: f64 = 3.0;

/// What one frame of the plot shows.
pub struct ScatterPlot<'a> {
    pub dots: &'a [Dot],
    /// Epoch seconds across.
    pub window: (f64, f64),
    pub max_ms: f64,
    /// Where the dots start when they do not cover the whole window: the part before is greyed
    /// and says it was not read.
    pub covered_from: Option<f64>,
}

/// Draws the dots over the window and `0..max_ms`; answers where the plot area is, for
/// hit-testing.
pub fn draw_scatter(
    canvas: &HtmlCanvasElement,
    plot: &ScatterPlot,
    palette: &Palette,
) -> Result<PlotArea, String> {
    let (start, end) = plot.window;
    let axes = Axes {
        x: start..end,
        y: 0.0..plot.max_ms,
        ticks: (6, 4),
        clock: true,
        x_label: &|at| format_instant(at, Shown::Time),
        y_label: &|ms| format!("{} ms", tick_label(ms, plot.max_ms)),
    };
    let chart = frame(canvas, palette, &axes)?;
    let ctx = &chart.ctx;
    if let Some(from) = plot.covered_from.filter(|from| *from > start) {
        ctx.set_global_alpha(0.25);
        chart.fill_between((start, 0.0), (from.min(end), plot.max_ms), palette.idle);
        ctx.set_global_alpha(1.0);
        ctx.set_fill_style_str(palette.text);
        ctx.set_text_align("left");
        ctx.set_text_baseline("top");
        let _ = ctx.fill_text(
            "not read: more traces than the plot holds",
            chart.area.left + 4.0,
            chart.area.top + 4.0,
        );
    }
    for (tone, colour) in [
        (Tone::Ok, palette.ok),
        (Tone::Error, palette.error),
        (Tone::Throttle, palette.throttle),
        (Tone::Fault, palette.fault),
    ] {
        ctx.begin_path();
        for dot in plot.dots.iter().filter(|dot| dot.tone == tone) {
            let (x, y) = (chart.x(dot.at), chart.y(dot.ms));
            ctx.move_to(x + RADIUS, y);
            let _ = ctx.arc(x, y, RADIUS, 0.0, TAU);
        }
        ctx.set_fill_style_str(colour);
        ctx.fill();
    }
    Ok(chart.area)
}
