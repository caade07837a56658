//! The response-time scatter plot: time across (the page's clock), milliseconds up, a dot per
//! trace in its status colour, failures drawn last so a fault is never hidden under a crowd of
//! successes; where the dots do not cover the whole window, the part not read is greyed and
//! says so.

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::chart::{Axes, draw_chart, rgb};
use crate::browser::format_instant;
use crate::model::clock::Shown;
use crate::model::map::{Palette, tick_label};
use crate::model::traces::{Dot, PlotArea, Tone};

/// Dot radius, canvas px.
const RADIUS: i32 = 3;
/// What the greyed part says, and how far (px) from the plot's top left corner.
const NOT_READ: &str = "not read: more traces than the plot holds";
const INSET: i32 = 4;

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
    let max_ms = plot.max_ms;
    let axes = Axes {
        x: start..end,
        y: 0.0..max_ms,
        ticks: (6, 4),
        clock: true,
        x_label: &|at| format_instant(at, Shown::Time),
        y_label: &|ms| format!("{} ms", tick_label(ms, max_ms)),
    };
    draw_chart(canvas, palette, &axes, &mut |chart| {
        if let Some(from) = plot.covered_from.filter(|from| *from > start) {
            let grey = rgb(palette.idle).mix(0.25).filled();
            let note = ("sans-serif", 11.0).into_font().color(&rgb(palette.text));
            let unread = Rectangle::new([(start, 0.0), (from.min(end), max_ms)], grey);
            chart.draw_series(vec![unread]).map_err(|e| e.to_string())?;
            chart
                .plotting_area()
                .strip_coord_spec()
                .draw_text(NOT_READ, &note, (INSET, INSET))
                .map_err(|e| e.to_string())?;
        }
        for (tone, colour) in [
            (Tone::Ok, palette.ok),
            (Tone::Error, palette.error),
            (Tone::Throttle, palette.throttle),
            (Tone::Fault, palette.fault),
        ] {
            let style = rgb(colour).filled();
            let dots = plot.dots.iter().filter(|dot| dot.tone == tone);
            let circles = dots.map(|dot| Circle::new((dot.at, dot.ms.min(max_ms)), RADIUS, style));
            chart.draw_series(circles).map_err(|e| e.to_string())?;
        }
        Ok(())
    })
}
