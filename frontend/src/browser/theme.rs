//! Where the theme comes from and goes: localStorage for the user's choice,
//! `prefers-color-scheme` when there is none, `<html data-theme>` for the stylesheet, and a
//! signal of it for the canvases, which repaint when it flips.

use std::cell::OnceCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::model::Theme;

const STORAGE_KEY: &str = "runtrace.theme";

/// The remembered choice, else what the operating system prefers.
pub fn initial_theme() -> Theme {
    stored_theme().unwrap_or_else(system_theme)
}

/// Remembers an explicit choice so it outlives a reload.
pub fn remember_theme(theme: Theme) {
    if let Some(storage) = local_storage() {
        // Storage can be full or disabled; the theme then lasts until the reload, which is fine.
        let _ = storage.set_item(STORAGE_KEY, theme.as_str());
    }
}

/// Writes `<html data-theme="…">`, which selects the stylesheet's colour variables.
pub fn apply_theme(theme: Theme) {
    if let Some(root) = root() {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
}

fn stored_theme() -> Option<Theme> {
    let stored = local_storage()?.get_item(STORAGE_KEY).ok()??;
    Theme::parse(&stored)
}

fn system_theme() -> Theme {
    let prefers_dark = web_sys::window()
        .and_then(|window| {
            window
                .match_media("(prefers-color-scheme: dark)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches());
    if prefers_dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

thread_local! {
    static THEME: OnceCell<ArcRwSignal<Theme>> = const { OnceCell::new() };
}

/// `<html data-theme>` as a signal. One observer for the app's lifetime: the theme outlives
/// every page.
pub fn theme_signal() -> ArcRwSignal<Theme> {
    THEME.with(|cell| cell.get_or_init(watch_theme).clone())
}

/// `<html>`.
fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

fn current_theme() -> Theme {
    root()
        .and_then(|root| root.get_attribute("data-theme"))
        .and_then(|value| Theme::parse(&value))
        .unwrap_or(Theme::Light)
}

fn watch_theme() -> ArcRwSignal<Theme> {
    let signal = ArcRwSignal::new(current_theme());
    let writer = signal.clone();
    let callback = Closure::<dyn FnMut()>::new(move || writer.set(current_theme()));
    if let (Some(root), Ok(observer)) = (
        root(),
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
