//! The browser calls the trace views need beyond Leptos: performance marks, row focus, file
//! download. Each degrades quietly when the API is missing; none is worth failing a view for.

use wasm_bindgen::{JsCast, JsValue};

/// Set when a trace link is clicked; the trace page measures click-to-interactive from it.
const CLICK_MARK: &str = "runtrace:trace:click";
const OPEN_MEASURE: &str = "runtrace:trace:open";

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

pub fn mark_trace_click() {
    if let Some(performance) = performance() {
        performance.clear_marks_with_mark_name(CLICK_MARK);
        // Only fails for a reserved name, which this one is not.
        let _ = performance.mark(CLICK_MARK);
    }
}

/// `runtrace:trace:open`: from the click on the trace (or the page's navigation, for a deep
/// link) to now, when the timeline has drawn.
pub fn measure_trace_open() {
    let Some(performance) = performance() else {
        return;
    };
    let clicked = performance
        .get_entries_by_name_with_entry_type(CLICK_MARK, "mark")
        .length()
        > 0;
    let _ = if clicked {
        performance.measure_with_start_mark(OPEN_MEASURE, CLICK_MARK)
    } else {
        performance.measure(OPEN_MEASURE)
    };
    performance.clear_marks_with_mark_name(CLICK_MARK);
}

const SCROLL_MARK: &str = "runtrace:trace:scroll-start";
const SCROLL_MEASURE: &str = "runtrace:trace:scroll";
/// Scroll measures kept: a long session must not fill the browser's performance timeline.
const SCROLL_MEASURES_KEPT: u32 = 1_000;

/// `runtrace:trace:scroll`: from a scroll event to the next frame, by when the virtualized rows
/// for the new position have been rendered.
pub fn measure_scroll_frame() {
    let Some(performance) = performance() else {
        return;
    };
    performance.clear_marks_with_mark_name(SCROLL_MARK);
    let _ = performance.mark(SCROLL_MARK);
    leptos::prelude::request_animation_frame(move || {
        if performance.get_entries_by_name(SCROLL_MEASURE).length() > SCROLL_MEASURES_KEPT {
            performance.clear_measures_with_measure_name(SCROLL_MEASURE);
        }
        let _ = performance.measure_with_start_mark(SCROLL_MEASURE, SCROLL_MARK);
    });
}

/// `2026-11-23 10:30:05` in the browser's local time.
pub fn format_epoch_local(epoch_seconds: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_seconds * 1000.0));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}

/// `HH:MM:SS` in the browser's time zone, for time axes.
pub fn clock_label(epoch_seconds: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_seconds * 1000.0));
    format!(
        "{:02}:{:02}:{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}

/// ArrowDown / ArrowUp inside a table body: focus the link of the next / previous row.
pub fn focus_sibling_row(event: &web_sys::KeyboardEvent) {
    let down = match event.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let row = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("tr").ok().flatten());
    let Some(row) = row else { return };
    let sibling = if down {
        row.next_element_sibling()
    } else {
        row.previous_element_sibling()
    };
    let link = sibling.and_then(|row| row.query_selector("a").ok().flatten());
    if let Some(link) = link.and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok()) {
        event.prevent_default();
        let _ = link.focus();
    }
}

/// Offers `text` as a file download named `file_name`.
pub fn download_text(file_name: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let anchor = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("a").ok())
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(anchor) = anchor {
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
