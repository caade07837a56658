//! The trace views' performance measures, which `cargo xtask bench` reads: opening a trace
//! (`runtrace:trace:open`, from the click on its link or the page's load) and scrolling its
//! timeline (`runtrace:trace:scroll`, from the scroll event to the next frame).

use leptos::prelude::request_animation_frame;

use crate::browser::perf::{self, Since};

/// Set when a trace link is clicked; the trace page measures click-to-interactive from it.
const CLICK_MARK: &str = "runtrace:trace:click";
const OPEN_MEASURE: &str = "runtrace:trace:open";
const SCROLL_MARK: &str = "runtrace:trace:scroll-start";
const SCROLL_MEASURE: &str = "runtrace:trace:scroll";

pub fn mark_trace_click() {
    perf::mark(CLICK_MARK);
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
