//! The page as a whole: telling the world the app started, and starting over.

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
