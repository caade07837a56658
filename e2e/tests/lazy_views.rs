//! The release bundle is split at each view (`frontend/src/pages/split.rs`): a page fetches the
//! shell and its own view's code, another view's code when its route first opens, and when that
//! fetch fails (the network gone mid-session) the page says so and loads the view on Retry. A
//! list warms the view it leads to: its code is fetched while the list is on screen.

use anyhow::{Result, ensure};
use e2e::{Page, Session};
use fantoccini::Locator;
use serde_json::json;

/// The file names of the WebAssembly modules the page has fetched so far.
const FETCHED_MODULES: &str = "return performance.getEntriesByType('resource')\
    .map(e => new URL(e.name).pathname.slice(1)).filter(n => n.endsWith('.wasm'));";

/// Who asked for the services view's module: `link` for index.html's preload.
const SERVICES_INITIATOR: &str = "return performance.getEntriesByType('resource')\
    .filter(e => new URL(e.name).pathname.startsWith('/split_services-'))\
    .map(e => e.initiatorType).join(',');";

#[tokio::test(flavor = "multi_thread")]
async fn each_view_arrives_with_its_route_and_a_failed_fetch_offers_a_retry() -> Result<()> {
    let session = Session::start(&["--scenario", "movies"]).await?;
    let outcome = check(&session).await;
    // The browser logs the fetch it could not make, and the loader the error it got.
    let tolerated = ["ERR_INTERNET_DISCONNECTED", "Failed to fetch"];
    session.finish(outcome, &tolerated).await
}

async fn check(session: &Session) -> Result<()> {
    let page = session.page();
    page.open("/services").await?;
    page.element("table", 30).await?;
    let fetched = fetched_modules(&page).await?;
    ensure!(
        fetched.iter().any(|m| m.starts_with("split_services-")),
        "/services did not fetch its view's module (is dist/ the split release build?): {fetched:?}"
    );
    ensure!(
        !fetched
            .iter()
            .any(|m| m.starts_with("split_map-") || m.starts_with("split_traces-")),
        "/services fetched other views' code with its own: {fetched:?}"
    );
    // Opened on /services, the page asked for its view's code from index.html, with the main
    // module, not after it (xtask/src/preload.rs).
    let initiator = page.eval(SERVICES_INITIATOR).await?;
    ensure!(
        initiator == "link",
        "the services module was fetched by {initiator}, not preloaded by index.html"
    );
    // The list leads to a service: that view's code arrives while the list is read.
    wait_for_module(&page, "split_service_detail-").await?;

    offline(session, true).await?;
    click_link(&page, "Service map").await?;
    let panel = page.element(".error-panel", 20).await?.text().await?;
    ensure!(
        panel.contains("This view could not be loaded") && panel.contains("Retry"),
        "the map's code could not be fetched, but the page says: {panel:?}"
    );
    page.screenshots("lazy-view-failed").await?;

    offline(session, false).await?;
    page.click_button("Retry").await?;
    page.element(".map-page", 30).await?;
    ensure!(
        page.count(".error-panel").await? == 0,
        "the failure panel stayed after the map loaded"
    );
    let fetched = fetched_modules(&page).await?;
    ensure!(
        fetched.iter().any(|m| m.starts_with("split_map-")),
        "the map opened without fetching its module: {fetched:?}"
    );
    a_trace_opens_with_its_code_already_fetched(&page).await
}

/// The search results lead to a trace: the trace view's code is fetched while the list is on
/// screen, before any click, and the click then opens the trace.
async fn a_trace_opens_with_its_code_already_fetched(page: &Page<'_>) -> Result<()> {
    page.open("/traces?window=6h").await?;
    page.element("tbody a.trace-link", 30).await?;
    wait_for_module(page, "split_trace_detail-").await?;
    ensure!(
        page.eval("return location.pathname").await? == "/traces",
        "the page left the search before the trace was clicked"
    );
    page.click("tbody a.trace-link").await?;
    page.element(".trace-page, .waterfall", 30).await?;
    Ok(())
}

/// Waits until the page has fetched a module whose name starts with `prefix`.
async fn wait_for_module(page: &Page<'_>, prefix: &str) -> Result<()> {
    let script = format!(
        "return performance.getEntriesByType('resource')\
            .some(e => new URL(e.name).pathname.startsWith('/{prefix}'));"
    );
    page.wait_until(&format!("{prefix}* to be fetched"), 20, &script)
        .await
}

async fn fetched_modules(page: &Page<'_>) -> Result<Vec<String>> {
    Ok(serde_json::from_value(page.eval(FETCHED_MODULES).await?)?)
}

async fn click_link(page: &Page<'_>, text: &str) -> Result<()> {
    page.client
        .find(Locator::LinkText(text))
        .await?
        .click()
        .await?;
    Ok(())
}

/// DevTools' network emulation: offline, every request fails as with no network at all.
async fn offline(session: &Session, offline: bool) -> Result<()> {
    session.browser.cdp("Network.enable", json!({})).await?;
    let conditions = json!({
        "offline": offline,
        "latency": 0,
        "downloadThroughput": -1,
        "uploadThroughput": -1,
    });
    session
        .browser
        .cdp("Network.emulateNetworkConditions", conditions)
        .await?;
    Ok(())
}
