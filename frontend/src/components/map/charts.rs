//! The node panel's charts, drawn with plotters on a canvas: axes with units, a legend, the
//! theme's colours.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use shared::api::HistogramBin;
use web_sys::HtmlCanvasElement;

use crate::model::map::{Palette, hex_rgb};

/// One line of a line chart.
pub struct Line {
    pub label: &'static str,
    pub colour: &'static str,
    pub points: Vec<(f64, f64)>,
}

/// Bars of the response-time histogram, milliseconds across, request counts up.
pub fn draw_histogram(
    canvas: &HtmlCanvasElement,
    bins: &[HistogramBin],
    palette: &Palette,
) -> Result<(), String> {
    let max_ms = bins.iter().map(|b| b.value * 1e3).fold(1.0, f64::max) * 1.1;
    let max_count = bins.iter().map(|b| b.count).max().unwrap_or(1).max(1) as f64 * 1.15;
    let bar = max_ms / 80.0;
    let bars = bins.iter().map(|bin| {
        let x = bin.value * 1e3;
        Rectangle::new(
            [(x - bar / 2.0, 0.0), (x + bar / 2.0, bin.count as f64)],
            rgb(palette.selected).filled(),
        )
    });
    let ok = rgb(palette.selected);
    with_chart(
        canvas,
        palette,
        ("Response time (ms)", "Requests"),
        (0.0..max_ms, 0.0..max_count),
        |chart| {
            chart
                .draw_series(bars)
                .map_err(|e| e.to_string())?
                .label("Responses")
                .legend(move |(x, y)| Rectangle::new([(x, y - 4), (x + 12, y + 4)], ok.filled()));
            Ok(())
        },
    )
}

/// Lines over time; `units` is the y axis description.
pub fn draw_lines(
    canvas: &HtmlCanvasElement,
    lines: &[Line],
    units: &str,
    palette: &Palette,
) -> Result<(), String> {
    let all = || lines.iter().flat_map(|l| l.points.iter());
    let min_x = all().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let max_x = all().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let (min_x, max_x) = if min_x < max_x {
        (min_x, max_x)
    } else {
        (-1.0, 0.0)
    };
    let max_y = all().map(|p| p.1).fold(0.0, f64::max).max(1.0) * 1.15;
    with_chart(
        canvas,
        palette,
        ("Minutes before the end of the window", units),
        (min_x..max_x, 0.0..max_y),
        |chart| {
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
        },
    )
}

type Chart<'a> = ChartContext<
    'a,
    CanvasBackend,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

fn with_chart(
    canvas: &HtmlCanvasElement,
    palette: &Palette,
    (x_desc, y_desc): (&str, &str),
    (x_range, y_range): (std::ops::Range<f64>, std::ops::Range<f64>),
    draw: impl FnOnce(&mut Chart) -> Result<(), String>,
) -> Result<(), String> {
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("this browser gave no 2D canvas for the chart")?;
    let root = backend.into_drawing_area();
    let (text, background) = (rgb(palette.text), rgb(palette.background));
    root.fill(&background).map_err(|e| e.to_string())?;
    let mut chart = ChartBuilder::on(&root)
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(48)
        .build_cartesian_2d(x_range, y_range)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(6)
        .y_labels(5)
        .label_style(("sans-serif", 11).into_font().color(&text))
        .axis_desc_style(("sans-serif", 12).into_font().color(&text))
        .axis_style(text)
        .bold_line_style(rgb(palette.idle).mix(0.3))
        .light_line_style(rgb(palette.idle).mix(0.1))
        .draw()
        .map_err(|e| e.to_string())?;
    draw(&mut chart)?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(background.mix(0.85))
        .border_style(text)
        .label_font(("sans-serif", 11).into_font().color(&text))
        .draw()
        .map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

/// `#rrggbb` as a plotters colour; the palette only holds such strings.
pub fn rgb(hex: &str) -> RGBColor {
    let [r, g, b] = hex_rgb(hex);
    RGBColor(r, g, b)
}
