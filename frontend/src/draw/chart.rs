//! The one chart setup every plotters chart shares: the canvas cleared to the theme's background,
//! a Cartesian plot with the theme's axes, grid and fonts, an optional legend, and the plot area
//! plotters laid out handed back, so hit-testing matches the pixels.

use std::ops::Range;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use crate::model::map::{Palette, hex_rgb};
use crate::model::traces::PlotArea;

pub type Chart<'a> = ChartContext<'a, CanvasBackend, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// How a chart sits on its canvas and labels its axes.
pub struct Frame<'a> {
    /// CSS px around the chart.
    pub margin: u32,
    /// CSS px below the plot for the x labels, and left of it for the y labels.
    pub label_areas: (u32, u32),
    /// How many labels each axis gets, at most.
    pub labels: (usize, usize),
    pub x_desc: Option<&'a str>,
    pub y_desc: Option<&'a str>,
    pub x_format: Option<&'a dyn Fn(&f64) -> String>,
    pub y_format: Option<&'a dyn Fn(&f64) -> String>,
    /// Whether the labelled series get a legend in the upper right.
    pub legend: bool,
}

/// Draws a chart of `ranges` on `canvas`: the frame, then `series`, then the legend.
pub fn draw_chart(
    canvas: &HtmlCanvasElement,
    palette: &Palette,
    frame: &Frame,
    (x_range, y_range): (Range<f64>, Range<f64>),
    series: &mut dyn FnMut(&mut Chart) -> Result<(), String>,
) -> Result<PlotArea, String> {
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("this browser gave no 2D canvas for the chart")?;
    let root = backend.into_drawing_area();
    let (text, background) = (rgb(palette.text), rgb(palette.background));
    root.fill(&background).map_err(|e| e.to_string())?;
    let mut chart = ChartBuilder::on(&root)
        .margin(frame.margin)
        .x_label_area_size(frame.label_areas.0)
        .y_label_area_size(frame.label_areas.1)
        .build_cartesian_2d(x_range, y_range)
        .map_err(|e| e.to_string())?;
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(frame.labels.0)
        .y_labels(frame.labels.1)
        .label_style(("sans-serif", 11).into_font().color(&text))
        .axis_desc_style(("sans-serif", 12).into_font().color(&text))
        .axis_style(text)
        .bold_line_style(rgb(palette.idle).mix(0.3))
        .light_line_style(rgb(palette.idle).mix(0.1));
    if let Some(desc) = frame.x_desc {
        mesh.x_desc(desc);
    }
    if let Some(desc) = frame.y_desc {
        mesh.y_desc(desc);
    }
    if let Some(format) = frame.x_format {
        mesh.x_label_formatter(format);
    }
    if let Some(format) = frame.y_format {
        mesh.y_label_formatter(format);
    }
    mesh.draw().map_err(|e| e.to_string())?;
    series(&mut chart)?;
    if frame.legend {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(background.mix(0.85))
            .border_style(text)
            .label_font(("sans-serif", 11).into_font().color(&text))
            .draw()
            .map_err(|e| e.to_string())?;
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

/// `#rrggbb` as a plotters colour; the palette only holds such strings.
pub fn rgb(hex: &str) -> RGBColor {
    let [r, g, b] = hex_rgb(hex);
    RGBColor(r, g, b)
}
