//! Trace search and the trace timeline in a real browser (demo mode, `movies`): refine by
//! status 500 and method POST, check every row, drag across the scatter plot to narrow the window,
//! open a trace, find the DynamoDB call in the timeline and its table in the details and in its
//! raw document, open the trace's own service map. Screenshots of both views in both themes.
//! The large benchmark traces (1,000 to 100,000 segments) are opened by `cargo xtask bench`.

use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use e2e::{Page, Session};
use fantoccini::Locator;
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::key::Key;

#[tokio::test(flavor = "multi_thread")]
async fn search_by_refiners_then_open_the_timeline() -> Result<()> {
    Session::run(&["--scenario", "movies"], check_search_and_timeline).await
}

async fn check_search_and_timeline(page: &Page<'_>) -> Result<()> {
    page.open("/traces?window=6h").await?;
    let status = page.element("#refiner-status", 10).await?;
    status.send_keys("500").await?;
    status.send_keys(&char::from(Key::Tab).to_string()).await?;
    page.wait_for_url("to hold the status filter", |url| {
        url.contains("filter=http.status")
    })
    .await?;
    page.click("#refiner-method-POST").await?;
    let url = page
        .wait_for_url("to hold the method filter", |url| url.contains("POST"))
        .await?;
    ensure!(
        url.contains("500"),
        "the status refiner was lost when adding the method: {url}"
    );
    let expression = page
        .client
        .find(Locator::Css("#filter-expression"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    ensure!(
        expression == "http.status = 500 AND http.method = \"POST\"",
        "the raw box does not follow the refiners: {expression:?}"
    );

    let rows = wait_for_rows(page).await?;
    for (status, method) in &rows {
        ensure!(
            status == "500" && method == "POST",
            "a row does not match the refiners: {status} {method}"
        );
    }
    page.screenshots("traces-search").await?;
    narrow_by_dragging_the_scatter(page, rows.len()).await?;

    page.click("tbody a.trace-link").await?;
    page.wait_for_url("/traces/<id>", |url| url.contains("/traces/1-"))
        .await?;
    let dynamo = page
        .element(".tl-row[data-name='DynamoDB']", 15)
        .await
        .context("the timeline has no DynamoDB row")?;
    dynamo.click().await?;
    let details = page.text(".span-details").await?;
    ensure!(
        details.contains("movies-app"),
        "the DynamoDB call's details lack the table name: {details:?}"
    );
    page.click(".raw-json-show").await?;
    let raw = page
        .element("pre.raw-json", 10)
        .await
        .context("the raw document did not load")?
        .text()
        .await?;
    ensure!(
        raw.contains("\"table_name\": \"movies-app\""),
        "the raw document lacks the DynamoDB call: {raw:.300}"
    );

    page.click(".trace-map-section > summary").await?;
    let map = page
        .element("[data-trace-map-nodes]", 10)
        .await
        .context("the trace's service map did not load")?;
    let nodes: usize = map
        .attr("data-trace-map-nodes")
        .await?
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();
    ensure!(
        nodes >= 3,
        "the trace's map should hold its client, movies_app and the table: {nodes} nodes"
    );
    page.screenshots("trace-timeline").await?;
    Ok(())
}

/// A dot per row; a drag across the whole plot puts a fixed range into the URL, and the search
/// reloads with the refiners kept.
async fn narrow_by_dragging_the_scatter(page: &Page<'_>, rows: usize) -> Result<()> {
    let canvas = page
        .client
        .find(Locator::Css("canvas.scatter-canvas"))
        .await?;
    let dots: usize = canvas
        .attr("data-dots")
        .await?
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();
    ensure!(dots == rows, "{dots} dots for {rows} rows");
    let width = page
        .client
        .execute(
            "return arguments[0].getBoundingClientRect().width;",
            vec![serde_json::to_value(&canvas)?],
        )
        .await?
        .as_f64()
        .unwrap_or_default();
    // WebDriver offsets are from the element's centre; the plot starts after the y labels.
    let drag = MouseActions::new("mouse".to_owned())
        .then(PointerAction::MoveToElement {
            element: canvas.clone(),
            duration: None,
            x: -(width / 2.0 - 70.0).round(),
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveToElement {
            element: canvas,
            duration: Some(Duration::from_millis(200)),
            x: (width / 2.0 - 4.0).round(),
            y: 0.0,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    page.client.perform_actions(drag).await?;
    let url = page
        .wait_for_url("to hold the dragged range", |url| {
            url.contains("start=") && url.contains("end=")
        })
        .await?;
    ensure!(
        url.contains("POST") && !url.contains("window="),
        "the drag should replace the window and keep the filter: {url}"
    );
    for (status, method) in wait_for_rows(page).await? {
        ensure!(
            status == "500" && method == "POST",
            "after narrowing, a row does not match the refiners: {status} {method}"
        );
    }
    Ok(())
}

/// (status, method) of every row, once the search has answered with at least one.
async fn wait_for_rows(page: &Page<'_>) -> Result<Vec<(String, String)>> {
    for _ in 0..100 {
        let rows = page
            .client
            .find_all(Locator::Css("table.trace-table tbody tr"))
            .await?;
        if !rows.is_empty() {
            let mut seen = Vec::new();
            for row in rows {
                let status = row.attr("data-status").await?.unwrap_or_default();
                let method = row.attr("data-method").await?.unwrap_or_default();
                seen.push((status, method));
            }
            return Ok(seen);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let summary = page.text(".results-summary").await.unwrap_or_default();
    bail!("no trace matched status 500 and POST within 10 s ({summary})")
}
