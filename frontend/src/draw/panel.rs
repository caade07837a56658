//! The node panel's charts: the response-time histogram and the lines over the window. Their
//! legends and axis titles are the page's (HTML beside the canvas), so nothing is drawn over the
//! data.

use plotters::prelude::*;
use shared::api::HistogramBin;
use web_sys::HtmlCanvasElement;

use super::chart::{Axes, draw_chart, rgb};
use crate::model::map::{Line, Palette, histogram_ranges, line_ranges, tick_label};
use crate::model::traces::PlotArea;

/// Bars of the response-time histogram, milliseconds across, request counts up; `band` (seconds)
/// is shaded. Answers where the plot is, for turning a drag into a band.
pub fn draw_histogram(
    canvas: &HtmlCanvasElement,
    bins: &[HistogramBin],
    band: Option<(f64, f64)>,
    palette: &Palette,
) -> Result<PlotArea, String> {
    let (x, y, bar) = histogram_ranges(bins);
    let max = y.end;
    let axes = Axes {
        x,
        y,
        // Requests are counted: no step below one, which would repeat labels.
        ticks: (6, (max.floor() as usize).clamp(1, 5)),
        clock: false,
        x_label: &|ms| format!("{ms:.0}"),
        y_label: &|count| format!("{count:.0}"),
    };
    let colour = rgb(palette.selected);
    draw_chart(canvas, palette, &axes, &mut |chart| {
        // The band under the bars, which stay in full colour.
        let shade = band.map(|(low, high)| {
            Rectangle::new(
                [(low * 1e3, 0.0), (high * 1e3, max)],
                colour.mix(0.2).filled(),
            )
        });
        let bars = bins.iter().map(|bin| {
            let x = bin.value * 1e3;
            let corners = [(x - bar / 2.0, 0.0), (x + bar / 2.0, bin.count as f64)];
            Rectangle::new(corners, colour.filled())
        });
        let rectangles: Vec<_> = shade.into_iter().chain(bars).collect();
        chart.draw_series(rectangles).map_err(|e| e.to_string())?;
        Ok(())
    })
}

/// Lines over time.
pub fn draw_lines(
    canvas: &HtmlCanvasElement,
    lines: &[Line],
    palette: &Palette,
) -> Result<(), String> {
    let (x, y) = line_ranges(lines);
    let max = y.end;
    let axes = Axes {
        x,
        y,
        ticks: (6, 5),
        clock: false,
        x_label: &|minutes| format!("{minutes:.0}"),
        y_label: &|value| tick_label(value, max),
    };
    draw_chart(canvas, palette, &axes, &mut |chart| {
        for line in lines {
            let style = rgb(line.colour).stroke_width(2);
            chart
                .draw_series(LineSeries::new(line.points.iter().copied(), style))
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    })
    .map(drop)
}
