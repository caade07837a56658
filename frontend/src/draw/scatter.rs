//! The response-time scatter plot: time across (local clock), milliseconds up, a dot per trace in
//! its status colour, failures drawn last so a fault is never hidden under a crowd of successes.

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::chart::{Frame, draw_chart, rgb};
use crate::browser::clock_label;
use crate::model::map::Palette;
use crate::model::traces::{Dot, PlotArea, Tone};

/// Dot radius, CSS px.
const RADIUS: i32 = 3;

/// Draws the dots over `(start, end)` (epoch seconds) and `0..max_ms`; answers where plotters put
/// the plot area, for hit-testing.
pub fn draw_scatter(
    canvas: &HtmlCanvasElement,
    dots: &[Dot],
    (start, end): (f64, f64),
    max_ms: f64,
    palette: &Palette,
) -> Result<PlotArea, String> {
    let frame = Frame {
        margin: 8,
        label_areas: (32, 56),
        labels: (6, 4),
        x_desc: None,
        y_desc: Some("ms"),
        x_format: Some(&|at| clock_label(*at)),
        y_format: Some(&|ms| format!("{ms:.0}")),
        legend: false,
    };
    draw_chart(
        canvas,
        palette,
        &frame,
        (start..end, 0.0..max_ms),
        &mut |chart| {
            for tone in [Tone::Ok, Tone::Error, Tone::Throttle, Tone::Fault] {
                let colour = rgb(match tone {
                    Tone::Ok => palette.ok,
                    Tone::Error => palette.error,
                    Tone::Throttle => palette.throttle,
                    Tone::Fault => palette.fault,
                });
                let points = dots
                    .iter()
                    .filter(|dot| dot.tone == tone)
                    .map(|dot| Circle::new((dot.at, dot.ms.min(max_ms)), RADIUS, colour.filled()));
                chart.draw_series(points).map_err(|e| e.to_string())?;
            }
            Ok(())
        },
    )
}
