//! The seed's own app, instrumented for real: the movies API (Flask + boto3 on a DynamoDB table
//! served by moto) runs under `opentelemetry-instrument` exporting OTLP to the emulator, then
//! once more on the X-Ray SDK for Python sending to the emulator's X-Ray daemon. What it sent
//! must show in runtrace: the map has movies_app → the movies-app table, `http.status = 500`
//! finds exactly the 500s, and a 500's trace shows the DynamoDB call with its table and the
//! exception — through `/api/v1` and in the browser, with screenshots of the map and the trace.

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use e2e::{Demo, Page, Session};
use serde_json::Value;
use tokio::process::Command;

const DRIVER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seed_app/drive.py");

#[derive(Clone, Copy, Debug)]
enum Tracing {
    /// OpenTelemetry's zero-code instrumentation, OTLP/HTTP to the emulator.
    OpenTelemetry,
    /// The X-Ray SDK for Python, UDP to the emulator's X-Ray daemon.
    XRaySdk,
}

impl Tracing {
    /// The DynamoDB call's subsegment, as each instrumentation names it.
    fn dynamodb_span(self) -> &'static str {
        match self {
            Tracing::OpenTelemetry => "DynamoDB",
            Tracing::XRaySdk => "dynamodb",
        }
    }
}

/// What the driver reports it sent.
#[derive(Debug)]
struct Sent {
    requests: u64,
    by_status: BTreeMap<String, u64>,
}

#[tokio::test(flavor = "multi_thread")]
async fn the_seed_app_on_opentelemetry_shows_in_runtrace() -> Result<()> {
    run(Tracing::OpenTelemetry, "seed-otel").await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_seed_app_on_the_xray_sdk_shows_in_runtrace() -> Result<()> {
    run(Tracing::XRaySdk, "seed-xray-sdk").await
}

async fn run(tracing: Tracing, screenshots: &str) -> Result<()> {
    let session = Session::start(&["--scenario", "empty", "--xray-daemon", "127.0.0.1:0"]).await?;
    let outcome = async {
        let sent = drive(session.env.python()?, tracing, &session.demo).await?;
        check(&session.page(), tracing, &sent, screenshots).await
    }
    .await;
    session.finish(outcome, &[]).await
}

/// Runs the app and its fixed plan of requests; the driver stops the app so it flushes.
async fn drive(python: &std::path::Path, tracing: Tracing, demo: &Demo) -> Result<Sent> {
    let mut command = Command::new(python);
    command.arg(DRIVER);
    match tracing {
        Tracing::OpenTelemetry => {
            let endpoint = demo
                .otlp_endpoint
                .as_deref()
                .context("demo printed no OTLP endpoint")?;
            command.args(["--tracing", "otel", "--otlp-endpoint", endpoint]);
        }
        Tracing::XRaySdk => {
            let daemon = demo
                .xray_daemon
                .as_deref()
                .context("demo printed no X-Ray daemon")?;
            command.args(["--tracing", "xray-sdk", "--daemon-address", daemon]);
        }
    }
    let output = tokio::time::timeout(
        Duration::from_secs(120),
        command.stdin(Stdio::null()).stderr(Stdio::piped()).output(),
    )
    .await
    .context("the seed app's driver did not finish within 120 s")??;
    // The driver's reason (its last line) and the app's log before it, in the failure itself:
    // the harness's own output is where a CI log reader looks.
    let stderr = String::from_utf8_lossy(&output.stderr);
    let tail: Vec<&str> = stderr.lines().rev().take(40).collect();
    ensure!(
        output.status.success(),
        "the seed app's driver failed ({}); its stderr ended with:\n{}",
        output.status,
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    );
    let summary: Value = serde_json::from_slice(&output.stdout).with_context(|| {
        format!(
            "the driver printed {:?}",
            String::from_utf8_lossy(&output.stdout)
        )
    })?;
    let by_status = summary["by_status"]
        .as_object()
        .context("no by_status")?
        .iter()
        .map(|(status, n)| (status.clone(), n.as_u64().unwrap_or(0)))
        .collect();
    Ok(Sent {
        requests: summary["requests"].as_u64().context("no request count")?,
        by_status,
    })
}

async fn check(page: &Page<'_>, tracing: Tracing, sent: &Sent, screenshots: &str) -> Result<()> {
    page.open("/map?window=15m&view=list").await?;
    wait_for_every_trace(page, sent.requests).await?;

    // The map: every request reached movies_app, which called the table.
    let map = page.fetch_json("/api/v1/map?window=15m").await?;
    let nodes = map["nodes"].as_array().context("no nodes")?;
    let node = |name: &str| nodes.iter().find(|n| n["name"] == name);
    let app = node("movies_app").with_context(|| format!("no movies_app node in {map}"))?;
    let table = node("movies-app").with_context(|| format!("no movies-app node in {map}"))?;
    ensure!(
        table["node_type"] == "AWS::DynamoDB::Table",
        "the table is a {}",
        table["node_type"]
    );
    ensure!(
        app["stats"]["total"] == sent.requests,
        "movies_app served {} of {} requests",
        app["stats"]["total"],
        sent.requests
    );
    let calls_table = map["edges"]
        .as_array()
        .context("no edges")?
        .iter()
        .any(|e| e["source"] == app["id"] && e["target"] == table["id"]);
    ensure!(calls_table, "no movies_app → movies-app edge in {map}");

    // Exactly the 500s, by filter expression.
    let failed = page
        .fetch_json("/api/v1/traces?window=15m&filter=http.status%20%3D%20500")
        .await?;
    let failed = failed["traces"].as_array().context("no traces")?.clone();
    let expected = sent.by_status.get("500").copied().unwrap_or(0);
    ensure!(expected >= 3, "the plan should hold 500s: {sent:?}");
    ensure!(
        failed.len() as u64 == expected,
        "http.status = 500 found {} traces, {expected} were sent",
        failed.len()
    );
    ensure!(
        failed
            .iter()
            .all(|t| t["http"]["status"] == 500 && t["has_fault"] == true),
        "{failed:?}"
    );

    // One of them, through the API: the DynamoDB call with its table, and the exception.
    let id = failed[0]["id"].as_str().context("no trace id")?;
    let detail = page.fetch_json(&format!("/api/v1/traces/{id}")).await?;
    let spans = detail["trace"]["spans"].as_array().context("no spans")?;
    let call = spans
        .iter()
        .find(|s| s["name"] == tracing.dynamodb_span())
        .with_context(|| format!("no {} span in {detail}", tracing.dynamodb_span()))?;
    ensure!(
        call["aws"]["table_name"] == "movies-app" && call["aws"]["operation"] == "GetItem",
        "{call}"
    );
    let root = spans
        .iter()
        .find(|s| s["name"] == "movies_app")
        .context("no movies_app span")?;
    ensure!(
        root["cause"]["exceptions"][0]["type"] == "TypeError",
        "the 500's exception: {}",
        root["cause"]
    );

    // The same in the browser: the map's list, then the trace's timeline and details.
    page.open("/map?window=15m&view=list").await?;
    let calls = page
        .text("table.map-list tr[data-node='movies_app'] td.calls")
        .await?;
    ensure!(
        calls.contains("movies-app"),
        "the map's list says movies_app calls {calls:?}"
    );
    page.click_button("Graph").await?;
    page.screenshots_after(&format!("{screenshots}-map"), Duration::from_millis(800))
        .await?;

    page.open(&format!("/traces/{id}")).await?;
    let row = |name: &str| format!(".tl-row[data-name='{name}']");
    page.element(&row(tracing.dynamodb_span()), 15)
        .await
        .context("the timeline has no DynamoDB row")?
        .click()
        .await?;
    let details = page.text(".span-details").await?;
    ensure!(
        details.contains("movies-app"),
        "the DynamoDB call's details: {details:?}"
    );
    page.click(&row("movies_app")).await?;
    let details = page.text(".span-details").await?;
    ensure!(
        details.contains("TypeError"),
        "the 500's details lack its exception: {details:?}"
    );
    page.screenshots(&format!("{screenshots}-trace")).await?;
    Ok(())
}

/// Traces show within seconds: the backend reuses answers for 10 s and rounds "now" to 5 s.
async fn wait_for_every_trace(page: &Page<'_>, requests: u64) -> Result<()> {
    let mut processed = 0;
    for _ in 0..60 {
        let answer = page.fetch_json("/api/v1/traces?window=15m").await?;
        processed = answer["processed"].as_u64().unwrap_or(0);
        if processed == requests {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    bail!("{processed} of {requests} requests became traces within 30 s")
}
