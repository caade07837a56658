//! A trace's request, started by the click on its link before the router has changed the page:
//! the page then reads the answer already on its way, so the router's work and the network
//! overlap. One slot: the next request for a trace takes it, whichever trace it was for.

use std::cell::RefCell;

use js_sys::Promise;

thread_local! {
    static STARTED: RefCell<Option<(String, Promise)>> = const { RefCell::new(None) };
}

/// Sends `request` (for `url`) now.
pub fn start(url: String, request: &web_sys::Request) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.fetch_with_request(request);
    STARTED.with_borrow_mut(|started| *started = Some((url, promise)));
}

/// The response on its way for `url`, if a click started one; the slot is emptied either way.
pub fn take(url: &str) -> Option<Promise> {
    STARTED
        .with_borrow_mut(Option::take)
        .filter(|(started, _)| started == url)
        .map(|(_, promise)| promise)
}
