//! The services view in a real browser against `runtrace demo --scenario movies`: a person finds
//! `movies_app`, turns its tracing off and on again through the switch, watches each deployment
//! run ("Deploying… N s", or the row's OPERATION_IN_PROGRESS) back to RUNNING, and the service map
//! loses and then regains the service's traffic. Screenshots of the list and the service page,
//! light and dark.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail, ensure};
use e2e::{Page, Session};
use fantoccini::Locator;

const SERVICE: &str = "movies_app";
const REGION: &str = "us-east-1";
const ROW: &str = "tr[data-service='movies_app']";

#[tokio::test(flavor = "multi_thread")]
async fn tracing_can_be_turned_off_and_on_and_the_map_follows() -> Result<()> {
    let args = ["--scenario", "movies", "--operation-seconds", "3"];
    Session::run(&args, check_services).await
}

async fn check_services(page: &Page<'_>) -> Result<()> {
    page.open("/services").await?;
    let row = page.text(ROW).await?;
    ensure!(
        row.contains(REGION) && row.contains("RUNNING"),
        "the movies_app row reads {row:?}"
    );
    ensure!(
        switch_state(page).await? == "true",
        "movies_app should start with tracing on"
    );
    page.screenshots("services").await?;

    let off_at = change_tracing(page, "off").await?;
    let traffic = service_requests(page, off_at, Duration::from_secs(8)).await?;
    ensure!(
        traffic == 0,
        "{SERVICE} still sent {traffic} requests to the map after tracing went off"
    );

    let on_at = change_tracing(page, "on").await?;
    let mut regained = 0;
    for _ in 0..30 {
        regained = service_requests(page, on_at, Duration::from_secs(4)).await?;
        if regained > 0 {
            break;
        }
    }
    ensure!(
        regained > 0,
        "{SERVICE} never reappeared on the map after tracing went back on"
    );

    page.open(&format!("/services/{SERVICE}?region={REGION}"))
        .await?;
    let facts = page.text(".service-facts").await?;
    ensure!(
        facts.contains("arn:aws:apprunner"),
        "the service page lacks the ARN: {facts:?}"
    );
    let operations = page.text(".operations-table").await?;
    ensure!(
        operations.contains("SUCCEEDED"),
        "the recent operations show no success: {operations:?}"
    );
    page.screenshots("service-detail").await?;
    Ok(())
}

/// Flips the switch, confirms, and waits through OPERATION_IN_PROGRESS to RUNNING with the new
/// state read back. Returns when the change was confirmed, in epoch seconds.
async fn change_tracing(page: &Page<'_>, to: &str) -> Result<f64> {
    let switch = page
        .client
        .find(Locator::Css(&format!("{ROW} .tracing-switch")))
        .await?;
    switch
        .click()
        .await
        .context("clicking the tracing switch")?;
    let dialog = page.text("dialog.confirm-dialog[open]").await?;
    ensure!(
        dialog.contains("redeploys"),
        "the confirmation does not say what happens: {dialog:?}"
    );
    page.click("dialog.confirm-dialog[open] button.confirm")
        .await?;
    wait_for_row(page, "an operation in progress", |row| {
        row.contains("OPERATION_IN_PROGRESS") || row.contains("Deploying… ")
    })
    .await?;
    let done = format!("Done: tracing is {to}");
    wait_for_row(page, &done, |row| {
        row.contains(&done) && row.contains("RUNNING")
    })
    .await?;
    let expect = if to == "on" { "true" } else { "false" };
    ensure!(
        switch_state(page).await? == expect,
        "the switch does not show tracing {to}"
    );
    Ok(epoch_now())
}

async fn wait_for_row(page: &Page<'_>, what: &str, predicate: impl Fn(&str) -> bool) -> Result<()> {
    let mut last = String::new();
    for _ in 0..600 {
        last = page.text(ROW).await?;
        if predicate(&last) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("the movies_app row never showed {what}: {last:?}")
}

/// The switch's state, once there is a switch: on a cold cache the list shows first with the
/// tracing "checking…", and the switch when the service is described.
async fn switch_state(page: &Page<'_>) -> Result<String> {
    page.text_attribute(&format!("{ROW} .tracing-switch"), "aria-checked")
        .await
}

/// Requests movies_app served according to the service map, in a window that starts just after
/// `since` and lasts `length` (waiting for it to pass first).
async fn service_requests(page: &Page<'_>, since: f64, length: Duration) -> Result<u64> {
    // The emulator emits traffic every half second; skip what may still be in flight.
    let start = since.floor() as i64 + 2;
    let end = start + length.as_secs() as i64;
    while epoch_now() < end as f64 + 1.0 {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let url = format!("/api/v1/map?region={REGION}&start={start}&end={end}");
    let map = page.fetch_json(&url).await?;
    let nodes = map["nodes"]
        .as_array()
        .with_context(|| format!("no nodes in {map}"))?;
    let count = nodes
        .iter()
        .filter(|node| node["name"] == SERVICE)
        .map(|node| node["stats"]["total"].as_u64().unwrap_or(0))
        .sum();
    Ok(count)
}

fn epoch_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |elapsed| elapsed.as_secs_f64())
}
