//! The few browser facts the map needs: the current theme (watched, so the canvas repaints when
//! it flips), the device pixel ratio and performance marks.

use std::cell::OnceCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::model::Theme;

thread_local! {
    static THEME: OnceCell<ArcRwSignal<Theme>> = const { OnceCell::new() };
}

/// `<html data-theme>` as a signal. One observer for the app's lifetime: the theme outlives
/// every page.
pub fn theme_signal() -> ArcRwSignal<Theme> {
    THEME.with(|cell| cell.get_or_init(watch_theme).clone())
}

fn current_theme() -> Theme {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    root.and_then(|root| root.get_attribute("data-theme"))
        .and_then(|value| Theme::parse(&value))
        .unwrap_or(Theme::Light)
}

fn watch_theme() -> ArcRwSignal<Theme> {
    let signal = ArcRwSignal::new(current_theme());
    let writer = signal.clone();
    let callback = Closure::<dyn FnMut()>::new(move || writer.set(current_theme()));
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let (Some(root), Ok(observer)) = (
        root,
        web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()),
    ) {
        let options = web_sys::MutationObserverInit::new();
        options.set_attribute_filter(&js_sys::Array::of1(&"data-theme".into()));
        let _ = observer.observe_with_options(&root, &options);
    }
    // Lives as long as the page: the observer calls it on every theme change.
    callback.forget();
    signal
}

pub fn pixel_ratio() -> f64 {
    web_sys::window().map_or(1.0, |w| w.device_pixel_ratio().max(1.0))
}

/// `performance.mark(name)`; a browser without the Performance API just is not measured.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Measures of one name kept in the browser's performance timeline: every pan frame and every
/// kiosk rotation sets one, and a screen left open for a day must not fill the timeline.
const MEASURES_KEPT: u32 = 1_000;

/// `performance.measure(name, start_mark)`, then drops the start mark; past [`MEASURES_KEPT`]
/// measures of that name the older ones are cleared.
pub fn measure(name: &str, start_mark: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        if performance.get_entries_by_name(name).length() >= MEASURES_KEPT {
            performance.clear_measures_with_measure_name(name);
        }
        let _ = performance.measure_with_start_mark(name, start_mark);
        performance.clear_marks_with_mark_name(start_mark);
    }
}
