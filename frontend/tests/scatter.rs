//! The response-time scatter plot in a real browser: a dot per timed trace, a click on a dot
//! opens that trace, a drag selects the time range under it, a click on empty plot does nothing.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{find, next_frame, pointer, sized_host};
use frontend::components::traces::ResponseScatter;
use frontend::model::traces::{PlotArea, Scales};
use leptos::mount::mount_to;
use leptos::prelude::*;
use shared::api::TraceSummary;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const START: f64 = 1_700_000_000.0;

fn trace(id: &str, offset: f64, response: Option<f64>, fault: bool) -> TraceSummary {
    TraceSummary {
        id: id.to_owned(),
        start_time: START + offset,
        response_time: response,
        has_fault: fault,
        ..TraceSummary::default()
    }
}

/// Presses at `from`, moves to and releases at `to` (CSS px within the canvas).
fn press(canvas: &HtmlElement, from: (f64, f64), to: (f64, f64)) {
    pointer(
        canvas,
        &[
            ("pointerdown", from),
            ("pointermove", to),
            ("pointerup", to),
        ],
    );
}

fn scales_of(canvas: &HtmlElement) -> Scales {
    let text = canvas
        .get_attribute("data-scales")
        .expect("published scales");
    let n: Vec<f64> = text
        .split(',')
        .map(|v| v.parse().expect("a number"))
        .collect();
    Scales {
        area: PlotArea {
            left: n[0],
            top: n[1],
            right: n[2],
            bottom: n[3],
        },
        start: n[4],
        end: n[5],
        max_ms: n[6],
    }
}

#[wasm_bindgen_test]
async fn dots_open_traces_and_a_drag_narrows_the_window() {
    let host = sized_host("width: 800px");
    let opened = RwSignal::new(None::<String>);
    let range = RwSignal::new(None::<(i64, i64)>);
    let traces = vec![
        trace("fast", 10.0, Some(0.050), false),
        trace("slow-fault", 40.0, Some(0.900), true),
        trace("untimed", 50.0, None, false),
        trace("mid", 70.0, Some(0.300), false),
    ];
    let _handle = mount_to(host.clone(), move || {
        view! {
            <ResponseScatter
                traces=Signal::stored(traces.clone())
                window=Signal::stored((START, START + 100.0))
                on_open=Callback::new(move |id| opened.set(Some(id)))
                on_range=Callback::new(move |r| range.set(Some(r)))
            />
        }
    });
    next_frame().await;
    let canvas: HtmlElement = find(&host, "canvas.scatter-canvas").unchecked_into();
    assert_eq!(
        canvas.get_attribute("data-dots").as_deref(),
        Some("3"),
        "the untimed trace has no dot"
    );
    let scales = scales_of(&canvas);
    assert_eq!((scales.start, scales.end), (START, START + 100.0));
    assert!(
        scales.max_ms >= 900.0,
        "the slowest dot fits: {}",
        scales.max_ms
    );

    let dot = |offset: f64, ms: f64| (scales.x(START + offset), scales.y(ms));
    press(&canvas, dot(40.0, 900.0), dot(40.0, 900.0));
    assert_eq!(opened.get_untracked().as_deref(), Some("slow-fault"));
    press(&canvas, dot(70.0, 300.0), dot(70.0, 300.0));
    assert_eq!(opened.get_untracked().as_deref(), Some("mid"));
    assert_eq!(range.get_untracked(), None, "a click selects no range");

    opened.set(None);
    press(&canvas, dot(90.0, 800.0), dot(90.0, 800.0));
    assert_eq!(opened.get_untracked(), None, "empty plot opens nothing");

    let (x0, y) = dot(20.0, 500.0);
    let (x1, _) = dot(60.0, 500.0);
    press(&canvas, (x1, y), (x0, y));
    let (start, end) = range.get_untracked().expect("a drag selects a range");
    assert!(
        (start - (START as i64 + 20)).abs() <= 1 && (end - (START as i64 + 60)).abs() <= 1,
        "{start}..{end}"
    );
    assert_eq!(opened.get_untracked(), None, "a drag opens nothing");
}
