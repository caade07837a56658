//! DOM calls beyond Leptos: moving focus between table rows, offering a file download, the
//! device pixel ratio. Each degrades quietly when the API is missing.

use wasm_bindgen::{JsCast, JsValue};

/// CSS pixels to device pixels (at least 1), for crisp canvases on high-DPI screens.
pub fn pixel_ratio() -> f64 {
    web_sys::window().map_or(1.0, |w| w.device_pixel_ratio().max(1.0))
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
