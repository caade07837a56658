//! The one way the app shows time: the browser's time zone (JavaScript's `Date` knows it and its
//! daylight-saving rules) or UTC when the user asks for it (remembered in localStorage, like the
//! theme), written by `model::clock`. `<input type="datetime-local">` speaks the same zone.

use std::cell::Cell;

use wasm_bindgen::JsValue;

use crate::model::clock::{Shown, clock_text, zone_name};

const STORAGE_KEY: &str = "runtrace.zone";

thread_local! {
    static UTC: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Whether times are shown in UTC rather than the browser's zone.
pub fn times_in_utc() -> bool {
    UTC.with(|cell| {
        let utc = cell.get().unwrap_or_else(|| {
            storage()
                .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
                .is_some_and(|value| value == "utc")
        });
        cell.set(Some(utc));
        utc
    })
}

/// Switches the zone and reloads: every time on the page is written again in the new one.
pub fn show_times_in_utc(utc: bool) {
    if let Some(storage) = storage() {
        // Without storage the choice cannot outlive the reload; nothing else to do about it.
        let _ = storage.set_item(STORAGE_KEY, if utc { "utc" } else { "local" });
    }
    super::reload();
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Minutes east of UTC at `epoch` in the zone times are shown in.
fn offset_at(epoch: f64) -> i32 {
    if times_in_utc() {
        return 0;
    }
    let date = js_sys::Date::new(&JsValue::from_f64(epoch * 1000.0));
    -(date.get_timezone_offset().round() as i32)
}

/// `epoch` (seconds) as `shown`, in the zone of the page.
pub fn format_instant(epoch: f64, shown: Shown) -> String {
    clock_text(epoch, offset_at(epoch), shown)
}

/// `UTC+01:00` (or `UTC`): the zone the page shows times in, as of now.
pub fn zone_label() -> String {
    zone_name(offset_at(js_sys::Date::now() / 1000.0))
}

/// `2026-11-23T10:30` in the page's zone → epoch seconds; `None` for an empty or invalid input.
pub fn local_input_to_epoch(value: &str) -> Option<i64> {
    if value.trim().is_empty() {
        return None;
    }
    // A date-time without a zone is local time in `Date`'s parser; with `Z` it is UTC.
    let text = if times_in_utc() {
        format!("{value}Z")
    } else {
        value.to_owned()
    };
    let millis = js_sys::Date::new(&JsValue::from_str(&text)).get_time();
    // Whole seconds are what URLs carry; the cast cannot overflow for any date an input allows.
    millis.is_finite().then(|| (millis / 1000.0).floor() as i64)
}

/// Epoch seconds → `2026-11-23T10:30` in the page's zone, to prefill the inputs.
pub fn epoch_to_local_input(epoch_seconds: i64) -> String {
    format_instant(epoch_seconds as f64, Shown::Minutes).replacen(' ', "T", 1)
}
