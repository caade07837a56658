//! The page as a whole: telling the world the app started, what page it shows, and starting over.

use crate::model::shell::Controls;

/// Sets `<body data-app="ready">`: the signal end-to-end tests (and curious people) wait for to
/// know the WASM app started.
pub fn mark_ready() {
    let body = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|doc| doc.body());
    if let Some(body) = body {
        // Only fails for an invalid attribute name, which this one is not.
        let _ = body.set_attribute("data-app", "ready");
    }
}

/// Reloads the page: the retry of last resort when a view failed in a way it cannot recover from.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        // If even reloading fails there is nothing better to do than to stay put.
        let _ = window.location().reload();
    }
}

/// What a page says about itself when it opens: `<title>` (`what · runtrace`, so tabs, history
/// and bookmarks tell pages apart), and which shared controls it reads, as `<body>` attributes
/// the stylesheet hides the others by.
pub fn set_page(what: &str, controls: Controls) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    document.set_title(&format!("{what} · runtrace"));
    if let Some(body) = document.body() {
        for (name, read) in [
            ("data-no-region", controls.region),
            ("data-no-time", controls.time),
        ] {
            // Only fails for an invalid attribute name, which these are not.
            let _ = if read {
                body.remove_attribute(name)
            } else {
                body.set_attribute(name, "")
            };
        }
    }
}
