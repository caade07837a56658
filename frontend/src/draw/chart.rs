//! The one chart setup every chart shares, on plotters: the canvas cleared to the theme's
//! background, a Cartesian plot with the theme's axes, grid and font, ticks at round steps (clock
//! steps for a time of day), label areas sized from the labels' measured text so none is cut off
//! (at either end of an axis either), and the plot area plotters laid out handed back, so
//! hit-testing matches the pixels. Legends are the page's, in HTML beside the canvas, where they
//! cannot cover the data.

use std::ops::Range;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use crate::model::chart::{LabelText, label_room};
use crate::model::map::{Palette, hex_rgb};
use crate::model::traces::{PlotArea, steps};

pub type Chart<'a, 'b> = ChartContext<'a, CanvasBackend, Cartesian2d<Axis<'b>, Axis<'b>>>;

/// A linear axis with its ticks where [`steps`] puts them and its labels, which were measured
/// for the room they take (plotters's own ticks would be others).
pub struct Axis<'a> {
    linear: RangedCoordf64,
    ticks: Vec<f64>,
    label: &'a dyn Fn(f64) -> String,
}

impl Ranged for Axis<'_> {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.linear.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Only the ticks: no lighter grid lines between them.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.linear.range()
    }
}

impl ValueFormatter<f64> for Axis<'_> {
    fn format_ext(&self, value: &f64) -> String {
        (self.label)(*value)
    }
}

/// Canvas px to the canvas's edges, the tick marks' length, and the label font's size.
const MARGIN: u32 = 8;
const TICK: u32 = 3;
const FONT_PX: f64 = 11.0;

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

/// Draws a chart of `axes` on `canvas`: the frame, then `series`. Answers where the plot area is.
pub fn draw_chart(
    canvas: &HtmlCanvasElement,
    palette: &Palette,
    axes: &Axes,
    series: &mut dyn FnMut(&mut Chart) -> Result<(), String>,
) -> Result<PlotArea, String> {
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("this browser gave no 2D canvas for the chart")?;
    let root = backend.into_drawing_area();
    let text = rgb(palette.text);
    root.fill(&rgb(palette.background))
        .map_err(|e| e.to_string())?;
    let font = ("sans-serif", FONT_PX).into_font().color(&text);
    let x = Axis {
        linear: axes.x.clone().into(),
        ticks: steps(axes.x.start, axes.x.end, axes.ticks.0, axes.clock),
        label: axes.x_label,
    };
    let y = Axis {
        linear: axes.y.clone().into(),
        ticks: steps(axes.y.start, axes.y.end, axes.ticks.1, false),
        label: axes.y_label,
    };
    let size = |axis: &Axis, at: &f64| {
        root.estimate_text_size(&axis.format_ext(at), &font)
            .unwrap_or_default()
    };
    let (first_x, last_x) = (x.ticks.first(), x.ticks.last());
    let (first_x, last_x) = (
        first_x.map(|at| size(&x, at)),
        last_x.map(|at| size(&x, at)),
    );
    let widest_y = y.ticks.iter().map(|at| size(&y, at).0).max();
    let room = label_room(
        LabelText {
            widest_y: widest_y.unwrap_or_default(),
            first_x: first_x.unwrap_or_default().0,
            last_x: last_x.unwrap_or_default().0,
            height: first_x.or(last_x).unwrap_or_default().1,
        },
        // plotters leaves twice the tick's length between an axis and its labels.
        2 * TICK,
        MARGIN,
    );
    let mut chart = ChartBuilder::on(&root)
        .margin_top(room.top)
        .margin_right(room.right)
        .margin_bottom(room.bottom)
        .margin_left(room.left)
        .x_label_area_size(room.x_labels)
        .y_label_area_size(room.y_labels)
        .build_cartesian_2d(x, y)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .set_all_tick_mark_size(TICK)
        .label_style(font.clone())
        .axis_style(text)
        .bold_line_style(rgb(palette.idle).mix(0.35))
        .draw()
        .map_err(|e| e.to_string())?;
    series(&mut chart)?;
    root.present().map_err(|e| e.to_string())?;
    let (x, y) = chart.plotting_area().get_pixel_range();
    Ok(PlotArea {
        left: f64::from(x.start),
        top: f64::from(y.start),
        right: f64::from(x.end),
        bottom: f64::from(y.end),
    })
}

/// `#rrggbb` as a plotters colour; the palette only holds such strings.
pub fn rgb(hex: &str) -> RGBColor {
    let [r, g, b] = hex_rgb(hex);
    RGBColor(r, g, b)
}
