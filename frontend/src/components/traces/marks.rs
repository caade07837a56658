//! The trace views' performance measures, which `cargo xtask bench` reads: opening a trace
//! (`runtrace:trace:open`, from the click on its link or the page's load) and scrolling its
//! timeline (`runtrace:trace:scroll`, from the scroll event to the next frame). Opening is also
//! measured step by step (`runtrace:trace:step:*`), so the bench can say where the time goes.

use leptos::prelude::request_animation_frame;

use crate::browser::perf::{self, Since};

/// Set when a trace link is clicked; the trace page measures click-to-interactive from it.
const CLICK_MARK: &str = "runtrace:trace:click";
const OPEN_MEASURE: &str = "runtrace:trace:open";
const SCROLL_MARK: &str = "runtrace:trace:scroll-start";
const SCROLL_MEASURE: &str = "runtrace:trace:scroll";
/// From the click to the trace's page asking for the trace: the router's work and the mount
/// (the request, started by the click, is on its way meanwhile).
pub const STEP_ROUTE: &str = "runtrace:trace:step:route";
/// The request for the trace, from sending it to its last byte (network and server).
pub const STEP_FETCH: &str = "runtrace:trace:step:fetch";
/// The answer's bytes read into a `TraceDetail`.
pub const STEP_DECODE: &str = "runtrace:trace:step:decode";
/// The timeline's rows and critical path, from the spans.
pub const STEP_ROWS: &str = "runtrace:trace:step:rows";
/// From the decoded trace to the frame the page is drawn in: the views built, rows included.
pub const STEP_RENDER: &str = "runtrace:trace:step:render";

pub fn mark_trace_click() {
    perf::mark(CLICK_MARK);
}

/// The trace's page is on and asks for the trace (measured only after a click).
pub fn measure_route_step() {
    if perf::is_marked(CLICK_MARK) {
        perf::measure(STEP_ROUTE, Since::MarkKept(CLICK_MARK));
    }
}

/// From the click on the trace (or the page's navigation, for a deep link) to now, when the
/// timeline has drawn.
pub fn measure_trace_open() {
    let since = if perf::is_marked(CLICK_MARK) {
        Since::Mark(CLICK_MARK)
    } else {
        Since::PageLoad
    };
    perf::measure(OPEN_MEASURE, since);
}

/// From a scroll event to the next frame, by when the virtualized rows for the new position
/// have been rendered.
pub fn measure_scroll_frame() {
    perf::mark(SCROLL_MARK);
    request_animation_frame(|| perf::measure(SCROLL_MEASURE, Since::Mark(SCROLL_MARK)));
}

/// The decoded trace reaches the page: [`measure_render_step`] measures from here.
pub fn start_render_step() {
    perf::start(STEP_RENDER);
}

pub fn measure_render_step() {
    perf::finish(STEP_RENDER);
}
