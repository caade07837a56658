//! The service map in a real browser, demo mode (`movies`): the list shows client → movies_app →
//! the DynamoDB table, a real pointer click on movies_app in the canvas opens the panel with a
//! histogram, and its "Faults" link opens /traces with a filter whose traces all have a fault.

use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use e2e::{Page, Session};
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread")]
async fn map_shows_the_movies_graph_and_drills_into_a_node() -> Result<()> {
    Session::run(&["--scenario", "movies"], check_map).await
}

async fn check_map(page: &Page<'_>) -> Result<()> {
    page.open("/map?view=list").await?;
    let row = |name: &str| format!("table.map-list tr[data-node='{name}']");
    let calls = |name: &str| format!("{} td.calls", row(name));
    page.text(&row("movies_app")).await?;
    let app_calls = page.text(&calls("movies_app")).await?;
    ensure!(
        app_calls.contains("movies-app"),
        "movies_app should call the movies-app table, the list says {app_calls:?}"
    );
    let table_kind = page
        .client
        .find(Locator::Css(&row("movies-app")))
        .await?
        .attr("data-kind")
        .await?;
    ensure!(
        table_kind.as_deref() == Some("DynamoDB"),
        "movies-app is a {table_kind:?}"
    );
    let client_calls = page
        .text("table.map-list tr[data-kind='Client'] td.calls")
        .await?;
    ensure!(
        client_calls.contains("movies_app"),
        "the client should call movies_app, the list says {client_calls:?}"
    );

    page.click_button("Graph").await?;
    click_node(page.client, "movies_app").await?;
    page.wait_for_url("to select node=movies_app", |url| {
        url.contains("node=movies_app")
    })
    .await?;
    let title = page.text(".map-panel h2").await?;
    ensure!(title == "movies_app", "the panel shows {title:?}");
    let bins = page
        .client
        .find(Locator::Css(".map-panel figure[data-histogram-bins]"))
        .await?
        .attr("data-histogram-bins")
        .await?
        .unwrap_or_default();
    ensure!(
        bins.parse::<usize>().unwrap_or(0) > 0,
        "the histogram is empty ({bins:?} bins)"
    );
    // The charts draw after the time series arrives.
    page.screenshots_after("map", Duration::from_millis(800))
        .await?;

    let faults = page
        .client
        .find(Locator::Css(".map-links a[data-filter$='{ fault }']"))
        .await
        .context("the panel has no Faults link")?;
    faults.click().await?;
    let url = page
        .wait_for_url("/traces?filter=…", |url| {
            url.contains("/traces?") && url.contains("filter=")
        })
        .await?;
    let filter = url::Url::parse(&url)?
        .query_pairs()
        .find(|(key, _)| key == "filter")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    ensure!(
        filter == r#"service("movies_app") { fault }"#,
        "the Faults link filters by {filter:?}"
    );
    check_traces_have_faults(page.client, &filter).await
}

/// A real pointer click at the node's place, read from the canvas's `data-node-positions`.
async fn click_node(client: &Client, name: &str) -> Result<()> {
    let canvas = client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("canvas.map-canvas[data-node-positions]"))
        .await
        .context("the map canvas never published its node positions")?;
    let positions = canvas
        .attr("data-node-positions")
        .await?
        .unwrap_or_default();
    let positions: Value = serde_json::from_str(&positions)?;
    let Some([x, y]) = positions[name]
        .as_array()
        .map(|p| [p[0].as_f64(), p[1].as_f64()])
    else {
        bail!("{name} is not on the canvas: {positions}");
    };
    let (x, y) = (x.unwrap_or_default(), y.unwrap_or_default());
    let size = client
        .execute(
            "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];",
            vec![serde_json::to_value(&canvas)?],
        )
        .await?;
    let (width, height) = (
        size[0].as_f64().unwrap_or_default(),
        size[1].as_f64().unwrap_or_default(),
    );
    // WebDriver offsets are from the element's centre.
    let click = MouseActions::new("mouse".to_owned())
        .then(PointerAction::MoveToElement {
            element: canvas,
            duration: None,
            x: (x - width / 2.0).round(),
            y: (y - height / 2.0).round(),
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    client.perform_actions(click).await?;
    Ok(())
}

/// Through the API (the trace view is built elsewhere): every trace the filter finds has a fault.
async fn check_traces_have_faults(client: &Client, filter: &str) -> Result<()> {
    let page = client
        .execute(
            "return fetch('/api/v1/traces?filter=' + encodeURIComponent(arguments[0])).then(r => r.json());",
            vec![json!(filter)],
        )
        .await?;
    let traces = page["traces"]
        .as_array()
        .with_context(|| format!("/api/v1/traces answered {page}"))?;
    ensure!(!traces.is_empty(), "no traces match {filter}");
    let without: Vec<&Value> = traces.iter().filter(|t| t["has_fault"] != true).collect();
    ensure!(
        without.is_empty(),
        "traces without a fault match {filter}: {without:?}"
    );
    Ok(())
}
