//! The browser's local time: `<input type="datetime-local">` speaks it (`2026-11-23T10:30`) while
//! URLs speak epoch seconds, and tables and axes show it. JavaScript's `Date` knows the local zone
//! and its daylight-saving rules.

use wasm_bindgen::JsValue;

/// `2026-11-23T10:30` in local time → epoch seconds; `None` for an empty or invalid input.
pub fn local_input_to_epoch(value: &str) -> Option<i64> {
    if value.trim().is_empty() {
        return None;
    }
    // A date-time without a zone is local time in `Date`'s parser.
    let millis = js_sys::Date::new(&JsValue::from_str(value)).get_time();
    // Whole seconds are what URLs carry; the cast cannot overflow for any date an input allows.
    millis.is_finite().then(|| (millis / 1000.0).floor() as i64)
}

/// Epoch seconds → `2026-11-23T10:30` in local time, to prefill the inputs.
pub fn epoch_to_local_input(epoch_seconds: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_seconds as f64 * 1000.0));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
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
