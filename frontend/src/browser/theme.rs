//! Where the theme comes from and goes: localStorage for the user's choice,
//! `prefers-color-scheme` when there is none, `<html data-theme>` for the stylesheet.

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
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element());
    if let Some(root) = root {
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
