//! The node panel's charts: the response-time histogram and the lines over the window. Their
//! legends and axis titles are the page's (HTML beside the canvas), so nothing is drawn over the
//! data.

use shared::api::HistogramBin;
use web_sys::HtmlCanvasElement;

use super::chart::{Axes, frame};
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
    let chart = frame(canvas, palette, &axes)?;
    if let Some((low, high)) = band {
        chart.ctx.set_global_alpha(0.2);
        chart.fill_between((low * 1e3, 0.0), (high * 1e3, max), palette.selected);
        chart.ctx.set_global_alpha(1.0);
    }
    for bin in bins {
        let x = bin.value * 1e3;
        let corners = ((x - bar / 2.0, 0.0), (x + bar / 2.0, bin.count as f64));
        chart.fill_between(corners.0, corners.1, palette.selected);
    }
    Ok(chart.area)
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
    let chart = frame(canvas, palette, &axes)?;
    let ctx = &chart.ctx;
    ctx.set_line_width(2.0);
    for line in lines {
        ctx.begin_path();
        for (i, &(x, y)) in line.points.iter().enumerate() {
            let (x, y) = (chart.x(x), chart.y(y));
            if i == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.set_stroke_style_str(line.colour);
        ctx.stroke();
    }
    Ok(())
}
