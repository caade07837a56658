//! Paints the response-time scatter plot with plotters: time across (local clock), milliseconds
//! up, a dot per trace in its status colour. Returns where plotters put the plot area, so the
//! component hit-tests clicks against exactly what was drawn.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::dom::clock_label;
use crate::components::map::rgb;
use crate::model::map::Palette;
use crate::model::traces::{Dot, PlotArea, Tone};

/// Dot radius, CSS px.
const RADIUS: i32 = 3;

pub fn draw_scatter(
    canvas: &HtmlCanvasElement,
    dots: &[Dot],
    (start, end): (f64, f64),
    max_ms: f64,
    palette: &Palette,
) -> Result<PlotArea, String> {
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("this browser gave no 2D canvas for the plot")?;
    let root = backend.into_drawing_area();
    let (text, background) = (rgb(palette.text), rgb(palette.background));
    root.fill(&background).map_err(|e| e.to_string())?;
    let mut chart = ChartBuilder::on(&root)
        .margin(8)
        .x_label_area_size(32)
        .y_label_area_size(56)
        .build_cartesian_2d(start..end, 0.0..max_ms)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .y_desc("ms")
        .y_label_formatter(&|ms| format!("{ms:.0}"))
        .x_labels(6)
        .y_labels(4)
        .x_label_formatter(&|at| clock_label(*at))
        .label_style(("sans-serif", 11).into_font().color(&text))
        .axis_desc_style(("sans-serif", 12).into_font().color(&text))
        .axis_style(text)
        .bold_line_style(rgb(palette.idle).mix(0.3))
        .light_line_style(rgb(palette.idle).mix(0.1))
        .draw()
        .map_err(|e| e.to_string())?;
    // Failures last, so a fault is never hidden under a crowd of successes.
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
    root.present().map_err(|e| e.to_string())?;
    let (x, y) = chart.plotting_area().get_pixel_range();
    Ok(PlotArea {
        left: f64::from(x.start),
        top: f64::from(y.start),
        right: f64::from(x.end),
        bottom: f64::from(y.end),
    })
}
