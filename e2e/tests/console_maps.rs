//! Issue 19, items 2 and 9, in Chromium at 1400×900 on `runtrace demo --scenario shop`: both maps
//! label every node at the fitted zoom (the service map and one trace's map, remote APIs
//! included) with a legend for the colours, and a drag across the node panel's latency
//! histogram narrows its trace links to that band, which the trace search then applies. (That no
//! label lies over another or over a node is measured natively, over the recorded `shop` and
//! `large` maps: `model::map::readability_tests`.)

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use e2e::{Page, Session};
use fantoccini::Locator;
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};

async fn shop() -> Result<Session> {
    let session = Session::start(&["--scenario", "shop"]).await?;
    session.viewport(1400, 900, false).await?;
    Ok(session)
}

#[tokio::test(flavor = "multi_thread")]
async fn item_2_every_node_of_both_maps_is_labelled_with_a_legend() -> Result<()> {
    let session = shop().await?;
    let outcome = check_maps(&session.page()).await;
    session.finish(outcome, &[]).await
}

/// `(nodes, labels)` of the first map canvas that has both.
async fn labelled(page: &Page<'_>, nodes_attr: &str) -> Result<(u64, u64)> {
    let script = format!(
        "const canvas = document.querySelector('canvas.map-canvas[data-labels]');
        const holder = document.querySelector('[{nodes_attr}]');
        if (!canvas || !holder) return null;
        return [Number(holder.getAttribute('{nodes_attr}')), Number(canvas.dataset.labels)];"
    );
    for _ in 0..100 {
        if let Some([nodes, labels]) = page
            .eval(&script)
            .await?
            .as_array()
            .map(|pair| [pair[0].as_u64(), pair[1].as_u64()])
        {
            return Ok((nodes.unwrap_or(0), labels.unwrap_or(0)));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::bail!("no map canvas with labels appeared")
}

async fn check_maps(page: &Page<'_>) -> Result<()> {
    page.open("/map?window=15m").await?;
    page.element("canvas.map-canvas[data-node-positions]", 20)
        .await?;
    let (nodes, labels) = labelled(page, "data-node-count").await?;
    ensure!(
        nodes > 15 && labels == nodes,
        "the fitted shop map labels {labels} of its {nodes} nodes"
    );
    let legend = page.text(".map-legend").await?;
    ensure!(
        legend.contains("5xx") && legend.contains("429"),
        "the map explains its colours: {legend:?}"
    );
    page.screenshots_after("console-2-map", Duration::from_millis(500))
        .await?;

    // A checkout trace reaches the payments API: its own map, fitted, labels every node.
    let filter = "service(\"api.payments.example\")";
    let found = page
        .fetch_json(&format!(
            "/api/v1/traces?window=15m&filter={}",
            filter.replace('"', "%22")
        ))
        .await?;
    let id = found["traces"][0]["id"]
        .as_str()
        .context("a trace through the payments API")?
        .to_owned();
    page.open(&format!("/traces/{id}")).await?;
    page.click(".trace-map-section > summary").await?;
    page.element("[data-trace-map-nodes]", 20).await?;
    let (nodes, labels) = labelled(page, "data-trace-map-nodes").await?;
    ensure!(
        nodes >= 5 && labels == nodes,
        "the trace's fitted map labels {labels} of its {nodes} nodes"
    );
    page.screenshots_after("console-2-trace-map", Duration::from_millis(500))
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn item_9_a_drag_on_the_latency_histogram_narrows_the_traces_link() -> Result<()> {
    let session = shop().await?;
    let outcome = check_panel(&session.page()).await;
    session.finish(outcome, &[]).await
}

async fn check_panel(page: &Page<'_>) -> Result<()> {
    page.open("/map?window=15m&node=checkout").await?;
    let canvas = page
        .element(".map-panel figure[data-histogram-bins] canvas", 20)
        .await?;
    page.element(".map-panel .chart-legend", 20).await?;
    // The legends are beside the charts, not on them.
    let inside = page
        .eval(
            "const legend = document.querySelector('.chart-legend').getBoundingClientRect();
            return [...document.querySelectorAll('.map-panel canvas')].some(c => {
                const r = c.getBoundingClientRect();
                return legend.top < r.bottom && legend.bottom > r.top;
            });",
        )
        .await?;
    ensure!(inside == false, "a legend lies over a chart");
    let width = page
        .eval("return document.querySelector('.map-panel figure[data-histogram-bins] canvas').getBoundingClientRect().width;")
        .await?
        .as_f64()
        .unwrap_or_default();
    // From a fifth to three fifths of the plot: a band of the faster responses.
    let drag = MouseActions::new("mouse".to_owned())
        .then(PointerAction::MoveToElement {
            element: canvas.clone(),
            duration: None,
            x: -(width * 0.3).round(),
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveToElement {
            element: canvas,
            duration: Some(Duration::from_millis(200)),
            x: (width * 0.1).round(),
            y: 0.0,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    page.client.perform_actions(drag).await?;
    let link = page
        .element(".map-links a[data-filter*='responsetime >=']", 10)
        .await
        .context("the links were not narrowed to the dragged band")?;
    let filter = link.attr("data-filter").await?.unwrap_or_default();
    ensure!(
        filter.starts_with("service(\"checkout\") {") && filter.contains("responsetime <="),
        "the link filters {filter:?}"
    );
    let note = page.text(".map-band").await?;
    ensure!(note.contains("selected"), "the band is named: {note:?}");
    page.screenshots_after("console-9-panel", Duration::from_millis(500))
        .await?;
    page.client
        .find(Locator::Css(".map-links a"))
        .await?
        .click()
        .await?;
    page.wait_for_url("the search with the band", |url| {
        url.contains("/traces?") && url.contains("responsetime")
    })
    .await?;
    Ok(())
}
