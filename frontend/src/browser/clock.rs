//! The browser's clock and a timer to wait on.

/// Now, in epoch seconds with a fraction.
pub fn now_seconds() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// Resolves after `millis` milliseconds (at the earliest: background tabs are throttled).
pub async fn sleep_ms(millis: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            // Only fails without a window, when there is nothing left to wait for anyway.
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    // The promise never rejects.
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
