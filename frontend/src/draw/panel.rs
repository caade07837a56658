//! The node panel's charts: the response-time histogram and the lines over the window.

use plotters::prelude::*;
use shared::api::HistogramBin;
use web_sys::HtmlCanvasElement;

use super::chart::{Frame, draw_chart, rgb};
use crate::model::map::{Line, Palette, histogram_ranges, line_ranges};

/// The panel charts' frame: axes described, a legend.
fn frame<'a>(x_desc: &'a str, y_desc: &'a str) -> Frame<'a> {
    Frame {
        margin: 10,
        label_areas: (36, 48),
        labels: (6, 5),
        x_desc: Some(x_desc),
        y_desc: Some(y_desc),
        x_format: None,
        y_format: None,
        legend: true,
    }
}

/// Bars of the response-time histogram, milliseconds across, request counts up.
pub fn draw_histogram(
    canvas: &HtmlCanvasElement,
    bins: &[HistogramBin],
    palette: &Palette,
) -> Result<(), String> {
    let (x_range, y_range, bar) = histogram_ranges(bins);
    let colour = rgb(palette.selected);
    let frame = frame("Response time (ms)", "Requests");
    draw_chart(canvas, palette, &frame, (x_range, y_range), &mut |chart| {
        let bars = bins.iter().map(|bin| {
            let x = bin.value * 1e3;
            Rectangle::new(
                [(x - bar / 2.0, 0.0), (x + bar / 2.0, bin.count as f64)],
                colour.filled(),
            )
        });
        chart
            .draw_series(bars)
            .map_err(|e| e.to_string())?
            .label("Responses")
            .legend(move |(x, y)| Rectangle::new([(x, y - 4), (x + 12, y + 4)], colour.filled()));
        Ok(())
    })
    .map(|_| ())
}

/// Lines over time; `units` is the y axis description.
pub fn draw_lines(
    canvas: &HtmlCanvasElement,
    lines: &[Line],
    units: &str,
    palette: &Palette,
) -> Result<(), String> {
    let frame = frame("Minutes before the end of the window", units);
    draw_chart(canvas, palette, &frame, line_ranges(lines), &mut |chart| {
        for line in lines {
            let colour = rgb(line.colour);
            chart
                .draw_series(LineSeries::new(
                    line.points.iter().copied(),
                    colour.stroke_width(2),
                ))
                .map_err(|e| e.to_string())?
                .label(line.label)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 12, y)], colour.stroke_width(2))
                });
        }
        Ok(())
    })
    .map(|_| ())
}
