//! The shell mounted in a real browser (headless Chromium through wasm-bindgen-test-runner):
//! navigation, the time-range picker writing the URL, the theme toggle, and the error panel the
//! status line shows when the server cannot be asked for its configuration.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{document, exists, find, fire, host, settle, texts};
use frontend::app::App;
use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh element; dropping the handle unmounts it.
async fn mount_app() -> (HtmlElement, UnmountHandle<impl Mountable>) {
    let host = host();
    let handle = mount_to(host.clone(), App);
    leptos::task::tick().await;
    (host, handle)
}

fn current_search() -> String {
    web_sys::window()
        .expect("a window")
        .location()
        .search()
        .expect("a query string")
}

#[wasm_bindgen_test]
async fn shows_the_main_navigation_and_the_controls() {
    let (host, _app) = mount_app().await;

    assert_eq!(
        find(&host, ".brand").text_content().as_deref(),
        Some("runtrace")
    );
    assert_eq!(
        texts(&host, "nav[aria-label='Main'] a"),
        ["Services", "Service map", "Traces"]
    );
    let options = texts(&host, "select#time-range option");
    let expect = [
        "Last 5m",
        "Last 15m",
        "Last 1h",
        "Last 3h",
        "Last 6h",
        "Custom…",
    ];
    assert_eq!(options, expect);
    assert!(exists(&host, "select#region[aria-label='Region']"));
    assert!(exists(&host, "#theme-toggle[aria-label]"));
}

#[wasm_bindgen_test]
async fn choosing_a_window_puts_it_in_the_url_and_the_links() {
    let (host, _app) = mount_app().await;
    let picker: HtmlSelectElement = find(&host, "select#time-range").unchecked_into();

    for window in ["1h", "3h"] {
        picker.set_value(window);
        fire(&picker, "change");
        leptos::task::tick().await;
        assert!(
            current_search().contains(&format!("window={window}")),
            "{}",
            current_search()
        );
        let traces = find(&host, "nav[aria-label='Main'] a[href^='/traces']");
        let href = traces.get_attribute("href").unwrap_or_default();
        assert!(href.contains(&format!("window={window}")), "{href}");
        // The picker shows what the URL now says, after the router has re-read it.
        let picker: HtmlSelectElement = find(&host, "select#time-range").unchecked_into();
        assert_eq!(picker.value(), window);
    }
}

#[wasm_bindgen_test]
async fn the_theme_toggle_flips_and_remembers_the_theme() {
    let (host, _app) = mount_app().await;
    let theme = || {
        document()
            .document_element()
            .and_then(|root| root.get_attribute("data-theme"))
    };
    let before = theme().expect("the app sets data-theme when it mounts");

    let toggle: HtmlElement = find(&host, "#theme-toggle").unchecked_into();
    toggle.click();
    let after = theme().expect("data-theme after the toggle");
    assert_ne!(before, after);

    let stored = web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .and_then(|storage| storage.get_item("runtrace.theme").ok().flatten());
    assert_eq!(stored, Some(after));
}

#[wasm_bindgen_test]
async fn a_failed_config_request_shows_a_readable_error_with_retry() {
    // The test runner's server has no /api/v1/config: it answers 404 without runtrace's body.
    let (host, _app) = mount_app().await;
    let mut panel = None;
    for _ in 0..500 {
        panel = host
            .query_selector(".status-bar .error-panel")
            .expect("selector");
        if panel.is_some() {
            break;
        }
        settle(10).await;
    }
    let panel = panel.expect("the status line shows an error panel");
    let text = panel.text_content().unwrap_or_default();
    assert!(text.contains("Unexpected answer from the server"), "{text}");
    assert!(text.contains("HTTP 404"), "{text}");
    assert_eq!(texts(&host, ".status-bar .error-panel button"), ["Retry"]);
}

/// Types into a `bind:value` input the way a person does: set the value, fire `input`.
fn type_into(host: &HtmlElement, selector: &str, value: &str) {
    let input: HtmlInputElement = find(host, selector).unchecked_into();
    input.set_value(value);
    fire(&input, "input");
}

#[wasm_bindgen_test]
async fn a_custom_range_is_checked_then_written_as_start_and_end() {
    let (host, _app) = mount_app().await;
    let picker: HtmlSelectElement = find(&host, "select#time-range").unchecked_into();
    picker.set_value("custom");
    fire(&picker, "change");
    leptos::task::tick().await;
    let apply = || {
        let button: HtmlElement =
            find(&host, ".custom-range button[type='submit']").unchecked_into();
        button.click();
    };

    type_into(&host, "#range-start", "2026-11-23T11:00");
    type_into(&host, "#range-end", "2026-11-23T10:00");
    apply();
    leptos::task::tick().await;
    let problem = find(&host, ".custom-range [role='alert']")
        .text_content()
        .unwrap_or_default();
    assert_eq!(problem, "the end of the time range must be after its start");
    assert!(!current_search().contains("start="), "{}", current_search());

    type_into(&host, "#range-end", "2026-11-23T12:30");
    apply();
    leptos::task::tick().await;
    let search = current_search();
    assert!(
        search.contains("start=") && search.contains("end="),
        "{search}"
    );
    assert!(!search.contains("window="), "{search}");
    assert!(!exists(&host, ".custom-range"), "the form closed");
    assert_eq!(picker.value(), "custom");
}
