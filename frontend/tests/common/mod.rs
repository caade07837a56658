//! What every browser test needs: a host element to mount into, a way to let timers and effects
//! run, and DOM queries and events that fail loudly. Each test file takes what it uses.
#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, PointerEvent, PointerEventInit};

pub fn document() -> Document {
    web_sys::window()
        .and_then(|window| window.document())
        .expect("a browser document")
}

/// A fresh `<div>` in the body, to mount into.
pub fn host() -> HtmlElement {
    let host: HtmlElement = document()
        .create_element("div")
        .expect("a div")
        .unchecked_into();
    document()
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("host attached");
    host
}

/// A host with a size: there is no stylesheet in the test page.
pub fn sized_host(style: &str) -> HtmlElement {
    let host = host();
    host.set_attribute("style", style).expect("styled");
    host
}

/// Lets timers, fetches and effects run for `millis`: `tick()` alone only drains the microtask
/// queue.
pub async fn settle(millis: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis)
            .expect("a timer");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the timer fired");
    leptos::task::tick().await;
}

/// Long enough for a resize observer and a paint.
pub async fn next_frame() {
    settle(50).await;
}

pub fn find(host: &HtmlElement, selector: &str) -> Element {
    host.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

pub fn exists(host: &HtmlElement, selector: &str) -> bool {
    host.query_selector(selector)
        .expect("a valid selector")
        .is_some()
}

pub fn count(host: &HtmlElement, selector: &str) -> u32 {
    host.query_selector_all(selector)
        .expect("a valid selector")
        .length()
}

/// The text of the first match.
pub fn text(host: &HtmlElement, selector: &str) -> Option<String> {
    host.query_selector(selector)
        .expect("a valid selector")
        .and_then(|node| node.text_content())
}

/// The trimmed text of every match.
pub fn texts(host: &HtmlElement, selector: &str) -> Vec<String> {
    let nodes = host.query_selector_all(selector).expect("a valid selector");
    (0..nodes.length())
        .filter_map(|index| nodes.item(index))
        .map(|node| node.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

pub fn click(host: &HtmlElement, selector: &str) {
    find(host, selector).unchecked_into::<HtmlElement>().click();
}

/// Fires `kind` (`input`, `change`, `scroll`…) at `target`.
pub fn fire(target: &Element, kind: &str) {
    target
        .dispatch_event(&Event::new(kind).expect("an event"))
        .expect("dispatched");
}

/// Pointer events at CSS px within `element`, one after the other, as pointer 1.
pub fn pointer(element: &HtmlElement, steps: &[(&str, (f64, f64))]) {
    let rect = element.get_bounding_client_rect();
    for (kind, (x, y)) in steps {
        let init = PointerEventInit::new();
        init.set_client_x((rect.left() + x) as i32);
        init.set_client_y((rect.top() + y) as i32);
        init.set_pointer_id(1);
        init.set_bubbles(true);
        let event = PointerEvent::new_with_event_init_dict(kind, &init).expect("a pointer event");
        element.dispatch_event(&event).expect("dispatched");
    }
}
