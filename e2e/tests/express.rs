//! ECS Express Mode beside App Runner (issue 21) in Chromium on `runtrace demo --scenario shop`,
//! a fleet mid-migration: both kinds in one list with a kind column, the trapped service
//! (`search`, still exporting to `localhost:4317`) reading "configured, no spans arriving", an
//! Express service's page (configuration, `OTEL_*` variables, deployments, its map node or that
//! none matches), the same on a 390 px phone card; turning `search`'s tracing on (the question
//! lists the variables, ADOT, the task role and Transaction Search), the canary deployment
//! followed in words to its end and `search`'s spans then on the map; and a rolled-back
//! deployment shown with its reason. Screenshots light and dark.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail, ensure};
use e2e::{Page, Session};

const SEARCH_ROW: &str = "tr[data-service='search'][data-kind='ecs_express']";
const REGION: &str = "us-east-1";
/// Long enough for the 1 s polls to see the canary (25 % to 55 % of it), short enough to wait for.
const DEPLOYMENT_SECONDS: &str = "12";

#[tokio::test(flavor = "multi_thread")]
async fn both_kinds_are_listed_and_the_trap_reads_configured_without_spans() -> Result<()> {
    let session = Session::start(&["--scenario", "shop"]).await?;
    let outcome = async {
        session.viewport(1400, 900, false).await?;
        let page = session.page();
        check_list(&page).await?;
        check_pages(&page).await?;
        session.viewport(390, 844, true).await?;
        check_phone(&page).await
    }
    .await;
    session.finish(outcome, &[]).await
}

async fn check_list(page: &Page<'_>) -> Result<()> {
    page.open("/services").await?;
    let search = page.text(SEARCH_ROW).await?;
    for expected in [
        "ECS Express",
        "ACTIVE",
        "deployment SUCCESSFUL",
        "configured, no spans arriving",
        "Off",
    ] {
        ensure!(
            search.contains(expected),
            "search reads {search:?}, without {expected:?}"
        );
    }
    let traced = page
        .text("tr[data-service='recommendations'][data-kind='ecs_express']")
        .await?;
    ensure!(
        traced.contains("configured, spans arriving"),
        "recommendations reads {traced:?}"
    );
    let app_runner = page
        .text("tr[data-service='frontend'][data-kind='app_runner']")
        .await?;
    ensure!(
        app_runner.contains("App Runner") && app_runner.contains("RUNNING"),
        "frontend reads {app_runner:?}"
    );
    // Sorted by kind, descending: the Express services first, on screen.
    page.open("/services?sort=kind&order=desc").await?;
    let first = page.text(".services-table tbody tr:first-child").await?;
    ensure!(
        first.contains("ECS Express"),
        "sorted by kind, the first row is {first:?}"
    );
    page.screenshots("express-list").await?;

    // The kind filter, through the URL like the others.
    page.eval(
        "const s = document.querySelector('#service-kind-filter'); s.value = 'ecs_express';
         s.dispatchEvent(new Event('change')); return null;",
    )
    .await?;
    page.wait_for_url("kind=ecs_express", |url| url.contains("kind=ecs_express"))
        .await?;
    page.wait_until(
        "only the Express services listed",
        10,
        "return document.querySelectorAll('.services-table tbody tr').length === 2",
    )
    .await?;
    Ok(())
}

async fn check_pages(page: &Page<'_>) -> Result<()> {
    page.open("/services").await?;
    page.click(&format!("{SEARCH_ROW} th a")).await?;
    page.wait_for_url("search's page", |url| {
        url.contains("/services/search") && url.contains("kind=ecs_express")
    })
    .await?;
    let facts = page.text(".express-facts").await?;
    for expected in [
        "search:latest",
        "0.5 vCPU, 1 GB",
        "role/search-task",
        "AVERAGE_CPU",
    ] {
        ensure!(
            facts.contains(expected),
            "search's facts lack {expected:?}: {facts:?}"
        );
    }
    let variables = page.text(".express-tracing").await?;
    ensure!(
        variables.contains("OTEL_EXPORTER_OTLP_ENDPOINT") && variables.contains("localhost:4317"),
        "the OTel variables read {variables:?}"
    );
    let warnings = page.text(".express-tracing .fact-warning").await?;
    ensure!(
        warnings.contains("localhost"),
        "no word of the trap: {warnings:?}"
    );
    let no_node = page.text(".no-node").await?;
    ensure!(
        no_node.contains("No node of this name in the service map"),
        "search's page reads {no_node:?}"
    );
    let deployments = page.text(".deployments-table").await?;
    ensure!(
        deployments.contains("SUCCESSFUL"),
        "deployments: {deployments:?}"
    );
    page.screenshots("express-service-search").await?;

    page.open(&format!(
        "/services/recommendations?region={REGION}&kind=ecs_express&cluster=default"
    ))
    .await?;
    let map = page
        .text_attribute(".service-links a[href^='/map']", "href")
        .await?;
    ensure!(
        map.contains("node=recommendations"),
        "the map link is {map:?}"
    );
    let traces = page
        .text_attribute(".service-links a[href^='/traces']", "href")
        .await?;
    ensure!(
        traces.contains("AWS%3A%3AECS%3A%3AFargate") || traces.contains("AWS::ECS::Fargate"),
        "the traces link is {traces:?}"
    );
    page.screenshots("express-service-recommendations").await?;
    page.click(".service-links a[href^='/traces']").await?;
    page.wait_until(
        "the traces of recommendations",
        20,
        "return document.querySelectorAll('tbody a.trace-link').length > 0",
    )
    .await?;
    Ok(())
}

async fn check_phone(page: &Page<'_>) -> Result<()> {
    page.open("/services?kind=ecs_express").await?;
    let card = page.text(SEARCH_ROW).await?;
    ensure!(
        card.contains("configured, no spans arriving") && card.contains("ACTIVE"),
        "search's card reads {card:?}"
    );
    let widths = page
        .eval("return [document.documentElement.scrollWidth, innerWidth]")
        .await?;
    ensure!(
        widths[0] == widths[1],
        "the list scrolls sideways on a phone: {widths}"
    );
    page.screenshots("express-phone").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn turning_tracing_on_follows_the_canary_and_then_spans_reach_the_map() -> Result<()> {
    let args = [
        "--scenario",
        "shop",
        "--deployment-seconds",
        DEPLOYMENT_SECONDS,
    ];
    Session::run(&args, check_turning_on).await
}

async fn check_turning_on(page: &Page<'_>) -> Result<()> {
    // Only the Express services, so that search's row is on screen for the screenshots.
    page.open("/services?kind=ecs_express").await?;
    let dialog = ask(page).await?;
    for expected in [
        "Turn tracing on for search?",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=https://xray.us-east-1.amazonaws.com/v1/traces",
        "ADOT auto-instrumentation",
        "role/search-task) needs X-Ray write access",
        "Transaction Search is off in us-east-1",
    ] {
        ensure!(
            dialog.contains(expected),
            "the question lacks {expected:?}: {dialog:?}"
        );
    }
    // The modal dialog makes the theme toggle unreachable: the theme is set on <html> directly,
    // then put back to the one the app holds.
    let theme = page.theme().await?;
    page.screenshots_of_kiosk("express-confirm").await?;
    page.eval(&format!(
        "document.documentElement.dataset.theme = '{theme}'; return null;"
    ))
    .await?;
    page.click("dialog.confirm-dialog[open] button.confirm")
        .await?;

    let canary = wait_for_row(page, "the canary in words", |row| {
        row.contains("Deploying… ") && row.contains("canary: 5 % of traffic")
    })
    .await?;
    ensure!(
        canary.contains("OPERATION_IN_PROGRESS")
            || canary.contains("deployment IN_PROGRESS")
            || canary.contains("Deploying"),
        "{canary}"
    );
    page.screenshots("express-deploying").await?;
    wait_for_row(page, "the change read back", |row| {
        row.contains("Done: tracing is on")
    })
    .await?;
    let on_at = epoch_now();
    let mut spans = 0;
    // A window from the change's end that grows by 4 s a try: search serves a share of the
    // shop's requests, so a short window may hold none of them.
    for tries in 1..=20 {
        spans = search_requests(page, on_at, Duration::from_secs(4 * tries)).await?;
        if spans > 0 {
            break;
        }
    }
    ensure!(
        spans > 0,
        "search never reached the map after its tracing went on"
    );
    // The list reads it back on its next refreshes: set up by runtrace, and sending.
    wait_for_row(page, "spans arriving", |row| {
        row.contains("configured, spans arriving") && row.contains("On")
    })
    .await?;
    page.screenshots("express-traced").await?;
    page.open(&format!(
        "/services/search?region={REGION}&kind=ecs_express&cluster=default"
    ))
    .await?;
    let endpoint = page.text(".express-tracing").await?;
    ensure!(
        endpoint.contains("https://xray.us-east-1.amazonaws.com/v1/traces (set by runtrace)"),
        "search's tracing setup reads {endpoint:?}"
    );
    let map = page
        .text_attribute(".service-links a[href^='/map']", "href")
        .await?;
    ensure!(map.contains("node=search"), "search's map link is {map:?}");

    // And off again: the question names what it restores, the deployment ends with tracing off.
    page.open("/services?kind=ecs_express").await?;
    let dialog = ask(page).await?;
    ensure!(
        dialog.contains("Turn tracing off for search?")
            && dialog.contains("It restores these variables")
            && dialog.contains("remove OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (was https://xray."),
        "the question to turn off reads {dialog:?}"
    );
    page.click("dialog.confirm-dialog[open] button.confirm")
        .await?;
    wait_for_row(page, "tracing off read back", |row| {
        row.contains("Done: tracing is off")
    })
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rolled_back_deployment_is_shown_with_its_reason() -> Result<()> {
    let args = [
        "--scenario",
        "shop",
        "--deployment-seconds",
        DEPLOYMENT_SECONDS,
        "--rollback-deployments",
    ];
    Session::run(&args, check_rollback).await
}

async fn check_rollback(page: &Page<'_>) -> Result<()> {
    page.open("/services?kind=ecs_express").await?;
    ask(page).await?;
    page.click("dialog.confirm-dialog[open] button.confirm")
        .await?;
    let row = wait_for_row(page, "the rollback's reason", |row| {
        row.contains("ROLLBACK_SUCCEEDED") && row.contains("ALARM")
    })
    .await?;
    ensure!(
        row.contains("ECS kept the previous configuration"),
        "the rollback reads {row:?}"
    );
    page.screenshots("express-rollback").await?;
    let switch = page
        .text_attribute(&format!("{SEARCH_ROW} .tracing-switch"), "aria-checked")
        .await?;
    ensure!(
        switch == "false",
        "after the rollback the switch reads {switch}"
    );
    Ok(())
}

/// Clicks search's switch and answers the question's text once it is open.
async fn ask(page: &Page<'_>) -> Result<String> {
    page.click(&format!("{SEARCH_ROW} .tracing-switch")).await?;
    page.element("dialog.confirm-dialog[open]", 15).await?;
    page.text("dialog.confirm-dialog[open]").await
}

async fn wait_for_row(
    page: &Page<'_>,
    what: &str,
    predicate: impl Fn(&str) -> bool,
) -> Result<String> {
    let mut last = String::new();
    for _ in 0..900 {
        last = page.text(SEARCH_ROW).await?;
        if predicate(&last) {
            return Ok(last);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("search's row never showed {what}: {last:?}")
}

/// Requests of `search` on the service map, in a window that starts just after `since` and lasts
/// `length` (waiting for it to pass first).
async fn search_requests(page: &Page<'_>, since: f64, length: Duration) -> Result<u64> {
    let start = since.floor() as i64 + 1;
    let end = start + length.as_secs() as i64;
    while epoch_now() < end as f64 + 1.0 {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let map = page
        .fetch_json(&format!(
            "/api/v1/map?region={REGION}&start={start}&end={end}"
        ))
        .await?;
    let nodes = map["nodes"]
        .as_array()
        .with_context(|| format!("no nodes in {map}"))?;
    Ok(nodes
        .iter()
        .filter(|node| node["name"] == "search" && node["node_type"] == "AWS::ECS::Fargate")
        .map(|node| node["stats"]["total"].as_u64().unwrap_or(0))
        .sum())
}

fn epoch_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |elapsed| elapsed.as_secs_f64())
}
