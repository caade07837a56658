//! The one chart frame every chart shares, drawn with the canvas's own 2D context: the canvas
//! cleared to the theme's background, a grid at round steps, tick labels measured so the plot
//! leaves them the room they take (none is cut off, at either end of an axis either), and the
//! plot area handed back with the scales, so the series and hit-testing match the pixels.
//! Legends are the page's, in HTML beside the canvas, where they cannot cover the data.

use std::ops::Range;

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::context_2d;
use crate::model::map::Palette;
use crate::model::traces::{PlotArea, steps};

/// Canvas px around the chart, and the height of the x labels' row.
const MARGIN: f64 = 8.0;
const X_LABELS_PX: f64 = 18.0;
const FONT: &str = "11px system-ui, sans-serif";

/// What a chart's axes show.
pub struct Axes<'a> {
    pub x: Range<f64>,
    pub y: Range<f64>,
    /// About how many ticks each axis gets.
    pub ticks: (usize, usize),
    /// The x axis is a time of day (epoch seconds): clock steps.
    pub clock: bool,
    pub x_label: &'a dyn Fn(f64) -> String,
    pub y_label: &'a dyn Fn(f64) -> String,
}

/// A framed chart ready for its series: the context, the plot area and the scales.
pub struct Plot {
    pub ctx: CanvasRenderingContext2d,
    pub area: PlotArea,
    x: Range<f64>,
    y: Range<f64>,
}

impl Plot {
    pub fn x(&self, value: f64) -> f64 {
        let span = (self.x.end - self.x.start).max(f64::EPSILON);
        self.area.left + (value - self.x.start) / span * (self.area.right - self.area.left)
    }

    pub fn y(&self, value: f64) -> f64 {
        let span = (self.y.end - self.y.start).max(f64::EPSILON);
        let share = ((value - self.y.start) / span).clamp(0.0, 1.0);
        self.area.bottom - share * (self.area.bottom - self.area.top)
    }

    /// A rectangle between two data corners.
    pub fn fill_between(&self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), colour: &str) {
        let (left, right) = (self.x(x0).min(self.x(x1)), self.x(x0).max(self.x(x1)));
        let (top, bottom) = (self.y(y0).min(self.y(y1)), self.y(y0).max(self.y(y1)));
        self.ctx.set_fill_style_str(colour);
        self.ctx.fill_rect(left, top, right - left, bottom - top);
    }
}

/// Clears `canvas` and draws the frame of `axes` on it.
pub fn frame(canvas: &HtmlCanvasElement, palette: &Palette, axes: &Axes) -> Result<Plot, String> {
    let ctx = context_2d(canvas).ok_or("this browser gave no 2D canvas for the chart")?;
    let (width, height) = (f64::from(canvas.width()), f64::from(canvas.height()));
    ctx.set_fill_style_str(palette.background);
    ctx.fill_rect(0.0, 0.0, width, height);
    ctx.set_font(FONT);
    let y_ticks: Vec<(f64, String)> = steps(axes.y.start, axes.y.end, axes.ticks.1, false)
        .into_iter()
        .map(|value| (value, (axes.y_label)(value)))
        .collect();
    let widest = y_ticks
        .iter()
        .map(|(_, label)| measure(&ctx, label))
        .fold(0.0, f64::max);
    let area = PlotArea {
        left: MARGIN + widest + 6.0,
        top: MARGIN,
        right: width - MARGIN,
        bottom: height - MARGIN - X_LABELS_PX,
    };
    let plot = Plot {
        ctx,
        area,
        x: axes.x.clone(),
        y: axes.y.clone(),
    };
    let ctx = &plot.ctx;
    ctx.set_stroke_style_str(palette.idle);
    ctx.set_line_width(1.0);
    ctx.set_global_alpha(0.35);
    ctx.begin_path();
    for (value, _) in &y_ticks {
        let y = plot.y(*value).round() + 0.5;
        ctx.move_to(area.left, y);
        ctx.line_to(area.right, y);
    }
    let x_ticks = steps(axes.x.start, axes.x.end, axes.ticks.0, axes.clock);
    for value in &x_ticks {
        let x = plot.x(*value).round() + 0.5;
        ctx.move_to(x, area.top);
        ctx.line_to(x, area.bottom);
    }
    ctx.stroke();
    ctx.set_global_alpha(1.0);
    ctx.set_stroke_style_str(palette.text);
    ctx.begin_path();
    ctx.move_to(area.left + 0.5, area.top);
    ctx.line_to(area.left + 0.5, area.bottom + 0.5);
    ctx.line_to(area.right, area.bottom + 0.5);
    ctx.stroke();
    ctx.set_fill_style_str(palette.text);
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    for (value, label) in &y_ticks {
        let _ = ctx.fill_text(label, area.left - 4.0, plot.y(*value));
    }
    ctx.set_text_baseline("top");
    for value in x_ticks {
        let label = (axes.x_label)(value);
        // Centred under the tick, but never past the canvas's edges.
        let half = measure(ctx, &label) / 2.0;
        let x = plot.x(value).clamp(half + 1.0, width - half - 1.0);
        ctx.set_text_align("center");
        let _ = ctx.fill_text(&label, x, area.bottom + 4.0);
    }
    Ok(plot)
}

fn measure(ctx: &CanvasRenderingContext2d, text: &str) -> f64 {
    ctx.measure_text(text).map_or(0.0, |m| m.width())
}
