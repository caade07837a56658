//! Issue 19, items 1 and 3, in Chromium at 1400×900 on `runtrace demo --scenario shop`: the trace
//! search's counts and scatter plot cover the whole window (not the newest page), the kiosk's
//! numbers are the map's for the same window, and the results read one line a trace, with the
//! first rows on the first screen and an empty result that says how to widen the search.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, ensure};
use e2e::{Page, Session};
use serde_json::Value;

/// A fixed window in the scenario's history (it starts 30 minutes back), so the page and the
/// test ask the same question.
fn history_window() -> (u64, u64) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (now - 20 * 60, now - 5 * 60)
}

async fn shop() -> Result<Session> {
    let session = Session::start(&["--scenario", "shop"]).await?;
    session.viewport(1400, 900, false).await?;
    Ok(session)
}

#[tokio::test(flavor = "multi_thread")]
async fn item_1_counts_and_plot_cover_the_window_and_the_kiosk_agrees_with_the_map() -> Result<()> {
    let session = shop().await?;
    let outcome = check_whole_window(&session.page()).await;
    session.finish(outcome, &[]).await
}

async fn check_whole_window(page: &Page<'_>) -> Result<()> {
    let (start, end) = history_window();
    let window = format!("start={start}&end={end}");
    page.open("/services").await?;
    let api = page
        .fetch_json(&format!("/api/v1/traces?{window}&overview=1"))
        .await?;
    let points = api["overview"]["points"]
        .as_array()
        .context("the API answers an overview")?;
    let listed = api["traces"].as_array().map_or(0, Vec::len);
    ensure!(
        points.len() > listed,
        "the window should hold more than a page: {} points, {listed} listed",
        points.len()
    );
    ensure!(api["overview"]["complete"] == true, "the bound was hit");

    page.open(&format!("/traces?{window}")).await?;
    let summary = format!("{} traces match in this window", grouped(points.len()));
    page.wait_until(
        "the summary of the whole window",
        20,
        &format!(
            "return document.querySelector('.results-summary')?.textContent.includes('{summary}')"
        ),
    )
    .await?;
    let dots: usize = page
        .text_attribute("canvas.scatter-canvas", "data-dots")
        .await?
        .parse()
        .unwrap_or_default();
    let timed = points.iter().filter(|p| p["seconds"].is_number()).count();
    ensure!(
        dots == timed,
        "{dots} dots for {timed} timed traces of the window"
    );
    let chips = page
        .eval(
            "return [...document.querySelectorAll('[aria-label=\"Traces by status\"] .count-chip')]
                .map(c => Number(c.textContent.trim().split(/\\s+/).pop()))
                .reduce((a, b) => a + b, 0);",
        )
        .await?;
    let with_status = points.iter().filter(|p| p["status"].is_number()).count();
    ensure!(
        chips.as_u64() == Some(with_status as u64),
        "the status counts add up to {chips}, the window has {with_status} traces with a status"
    );
    page.screenshots("console-1-search").await?;

    // The kiosk reads the map of the same window: its requests and faults are the calls out of
    // the client node.
    let map = page.fetch_json(&format!("/api/v1/map?{window}")).await?;
    let (requests, faults) = client_calls(&map);
    page.open(&format!("/kiosk?views=traces&every=30s&{window}"))
        .await?;
    page.wait_until(
        "the kiosk's numbers",
        20,
        "return document.querySelectorAll('.kiosk-number').length === 6",
    )
    .await?;
    let numbers = page
        .eval(
            "return [...document.querySelectorAll('.kiosk-number')]
                .map(n => [n.querySelector('.kiosk-number-label').textContent, n.querySelector('.kiosk-number-value').textContent]);",
        )
        .await?;
    let number = |label: &str| {
        numbers
            .as_array()
            .into_iter()
            .flatten()
            .find(|pair| pair[0] == label)
            .and_then(|pair| pair[1].as_str()?.parse::<u64>().ok())
    };
    ensure!(
        number("Requests") == Some(requests) && number("Faults (5xx)") == Some(faults),
        "the kiosk says {numbers}, the map's client calls {requests} requests, {faults} faults"
    );
    ensure!(
        requests > 100,
        "a quarter hour of the shop has more than a page of requests"
    );
    page.screenshots_of_kiosk("console-1-kiosk").await?;
    Ok(())
}

/// (requests, faults) of the calls out of the map's client nodes.
fn client_calls(map: &Value) -> (u64, u64) {
    let nodes = map["nodes"].as_array().cloned().unwrap_or_default();
    let clients: Vec<i64> = nodes
        .iter()
        .filter(|n| n["kind"] == "client")
        .filter_map(|n| n["id"].as_i64())
        .collect();
    let edges = map["edges"].as_array().cloned().unwrap_or_default();
    edges
        .iter()
        .filter(|e| e["source"].as_i64().is_some_and(|s| clients.contains(&s)))
        .fold((0, 0), |(requests, faults), e| {
            let stats = &e["stats"];
            (
                requests + stats["total"].as_u64().unwrap_or(0),
                faults + stats["fault_other"].as_u64().unwrap_or(0),
            )
        })
}

fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn item_3_results_read_one_line_a_trace() -> Result<()> {
    let session = shop().await?;
    let outcome = check_results(&session.page()).await;
    session.finish(outcome, &[]).await
}

async fn check_results(page: &Page<'_>) -> Result<()> {
    page.open("/traces?window=15m").await?;
    page.element("table.trace-table tbody tr", 20).await?;
    let rows = page
        .eval(
            "const rows = [...document.querySelectorAll('table.trace-table tbody tr')];
            const line = parseFloat(getComputedStyle(rows[0]).lineHeight) || 20;
            return {
                tallest: Math.max(...rows.map(r => r.getBoundingClientRect().height)),
                line,
                firstBottom: rows[0].getBoundingClientRect().bottom,
                screen: innerHeight,
                paths: rows.map(r => r.querySelector('.cell-url').textContent.replace('\\u200e', '')),
                headers: [...document.querySelectorAll('table.trace-table th')].map(h => h.textContent.trim()),
                services: rows[0].querySelector('.cell-services').title,
            };",
        )
        .await?;
    let tallest = rows["tallest"].as_f64().unwrap_or(f64::MAX);
    let line = rows["line"].as_f64().unwrap_or(20.0);
    ensure!(
        tallest < line * 2.0,
        "a row is {tallest} px high, two lines of {line} px: {rows}"
    );
    ensure!(
        rows["firstBottom"].as_f64() < rows["screen"].as_f64(),
        "the first result is below the first screen: {rows}"
    );
    let paths = rows["paths"].as_array().context("paths")?;
    ensure!(
        paths
            .iter()
            .all(|p| p.as_str().is_some_and(|p| p.starts_with('/'))),
        "the URL column shows paths: {paths:?}"
    );
    let headers = rows["headers"].to_string();
    ensure!(
        headers.matches("Duration").count() == 1 && !headers.contains("Response"),
        "the shop's traces answer when they end: one timing column, not two ({headers})"
    );
    ensure!(
        rows["services"]
            .as_str()
            .is_some_and(|s| s.contains("frontend")),
        "the services count names them on hover: {rows}"
    );
    page.screenshots("console-3-results").await?;

    page.open("/traces?window=5m&filter=http.status%20%3D%20599")
        .await?;
    let empty = page.element(".results-empty", 20).await?.text().await?;
    ensure!(
        empty.contains("No traces match") && empty.contains("Search the last 15m"),
        "an empty result says so and how to widen it: {empty:?}"
    );
    ensure!(
        empty.contains("Clear the filter"),
        "the empty result offers to clear the filter: {empty:?}"
    );
    page.screenshots("console-3-empty").await?;
    page.click_button("Search the last 15m").await?;
    page.wait_for_url("the wider window", |url| url.contains("window=15m"))
        .await?;
    Ok(())
}
