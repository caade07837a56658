//! The charts plotters draws, read back from the canvas's pixels in a real browser: no label is
//! cut off at the canvas's edges (the label areas are sized from the measured text), the node
//! panel's dragged latency band is shaded and only there, and the scatter plot greys the part of
//! the window its overview did not read.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{document, find, host, next_frame, sized_host};
use frontend::components::traces::{ResponseScatter, Results};
use frontend::draw::{draw_histogram, draw_lines};
use frontend::model::Theme;
use frontend::model::map::{Line, Palette, hex_rgb};
use frontend::model::traces::PlotArea;
use leptos::mount::mount_to;
use leptos::prelude::*;
use shared::api::{HistogramBin, TraceOverview, TracePoint};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

const START: f64 = 1_700_000_000.0;

/// A canvas of `width` × `height` px in the page, as the node panel has.
fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .expect("a canvas")
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    host().append_child(&canvas).expect("canvas attached");
    canvas
}

/// The canvas's pixels, RGBA row by row.
struct Pixels {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
}

impl Pixels {
    fn of(canvas: &HtmlCanvasElement) -> Self {
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")
            .expect("a context")
            .expect("a 2D context")
            .unchecked_into();
        let (width, height) = (canvas.width(), canvas.height());
        let data = ctx
            .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
            .expect("the pixels");
        Pixels {
            width,
            height,
            rgba: data.data().0,
        }
    }

    fn at(&self, x: f64, y: f64) -> [u8; 3] {
        let i = 4 * (y as usize * self.width as usize + x as usize);
        [self.rgba[i], self.rgba[i + 1], self.rgba[i + 2]]
    }

    /// The pixels of the outermost rows and columns that are not `background`: ink there is a
    /// label (or anything) the canvas's edge cuts.
    fn inked_edges(&self, background: [u8; 3]) -> Vec<(u32, u32)> {
        let (w, h) = (self.width, self.height);
        let rows = (0..w).flat_map(|x| [(x, 0), (x, h - 1)]);
        let columns = (0..h).flat_map(|y| [(0, y), (w - 1, y)]);
        rows.chain(columns)
            .filter(|&(x, y)| self.at(f64::from(x), f64::from(y)) != background)
            .collect()
    }
}

/// The x pixel of `ms` on a histogram plot drawn over `0..max_ms`.
fn ms_x(area: &PlotArea, ms: f64, max_ms: f64) -> f64 {
    area.left + ms / max_ms * (area.right - area.left)
}

#[wasm_bindgen_test]
fn the_histogram_shades_the_dragged_band_and_cuts_no_label() {
    for theme in [Theme::Light, Theme::Dark] {
        let palette = Palette::for_theme(theme);
        let background = hex_rgb(palette.background);
        let bins: Vec<HistogramBin> = [(0.05, 3), (0.3, 12345), (0.5, 7)]
            .into_iter()
            .map(|(value, count)| HistogramBin { value, count })
            .collect();
        let chart = canvas(380, 200);
        let area = draw_histogram(&chart, &bins, Some((0.1, 0.2)), &palette).expect("drawn");
        let pixels = Pixels::of(&chart);
        assert_eq!(
            pixels.inked_edges(background),
            [],
            "{theme:?}: a label is cut off"
        );
        // Ticks fall every 100 ms over 0..550 ms: 150 and 350 ms are clear of the grid, and
        // just under the plot's top no bar reaches.
        let max_ms = 550.0;
        let y = area.top + 3.0;
        let shaded = pixels.at(ms_x(&area, 150.0, max_ms), y);
        let clear = pixels.at(ms_x(&area, 350.0, max_ms), y);
        assert_ne!(shaded, background, "{theme:?}: the band is shaded");
        assert_eq!(clear, background, "{theme:?}: and nothing beside it");
    }
}

#[wasm_bindgen_test]
fn line_charts_cut_no_label() {
    let palette = Palette::for_theme(Theme::Light);
    let line = |points: Vec<(f64, f64)>| Line {
        label: "Requests",
        colour: palette.selected,
        points,
    };
    for points in [
        vec![(-14.0, 0.2), (0.0, 0.4)],
        vec![(-59.0, 98_765.0), (-30.0, 5.0), (0.0, 123_456.0)],
    ] {
        let chart = canvas(380, 200);
        draw_lines(&chart, &[line(points.clone())], &palette).expect("drawn");
        let inked = Pixels::of(&chart).inked_edges(hex_rgb(palette.background));
        assert_eq!(inked, [], "a label of {points:?} is cut off");
    }
}

#[wasm_bindgen_test]
async fn the_scatter_plot_greys_the_part_of_the_window_not_read() {
    let host = sized_host("width: 800px");
    let point = |offset: f64, seconds: f64| TracePoint {
        id: format!("t{offset}"),
        at: START + offset,
        seconds: Some(seconds),
        ..TracePoint::default()
    };
    let mut results = Results::of_traces(Vec::new());
    results.overview = Some(TraceOverview {
        points: vec![point(60.0, 0.2), point(90.0, 0.8)],
        complete: false,
        covered_from: Some(START + 50.0),
    });
    let results = RwSignal::new(results);
    let _handle = mount_to(host.clone(), move || {
        view! {
            <ResponseScatter
                results
                window=Signal::stored((START, START + 100.0))
                on_open=Callback::new(|_| ())
                on_range=Callback::new(|_| ())
            />
        }
    });
    next_frame().await;
    let chart: HtmlCanvasElement = find(&host, "canvas.scatter-canvas").unchecked_into();
    let pixels = Pixels::of(&chart);
    let scales = chart
        .get_attribute("data-scales")
        .expect("published scales");
    let n: Vec<f64> = scales
        .split(',')
        .map(|v| v.parse().expect("a number"))
        .collect();
    let (left, right, bottom) = (n[0], n[2], n[3]);
    let x = |offset: f64| left + offset / 100.0 * (right - left);
    // Low in the plot, between grid lines and away from the dots and the note at the top.
    let y = bottom - 6.0;
    // The page's theme picks the background: the part that was read shows it.
    let background = pixels.at(x(77.0), y);
    assert_ne!(
        pixels.at(x(23.0), y),
        background,
        "before the overview's reach is greyed"
    );
    assert_eq!(pixels.inked_edges(background), [], "a label is cut off");
}
