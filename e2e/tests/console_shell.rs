//! Issue 19, items 6, 8 and 10, in Chromium on `runtrace demo --scenario shop`: controls that do
//! what they say (shown only where a page reads them; "Collapse all" clears what it hides; one
//! "not found"), every page on a 390 px phone without sideways scrolling, and the words: progress
//! in seconds, throttles named as part of the errors, the client's requests, a clean status dot,
//! a kiosk that names its region and window, fits the screen and has no zoom buttons.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use e2e::{Page, Session};

async fn shop(width: u32, height: u32, mobile: bool) -> Result<Session> {
    let session = Session::start(&["--scenario", "shop"]).await?;
    session.viewport(width, height, mobile).await?;
    Ok(session)
}

/// Whether the first element matching `css` is displayed.
async fn shown(page: &Page<'_>, css: &str) -> Result<bool> {
    let script = format!(
        "const e = document.querySelector(\"{css}\"); return !!e && e.getClientRects().length > 0;"
    );
    Ok(page.eval(&script).await? == true)
}

async fn trace_with(page: &Page<'_>, service: &str) -> Result<String> {
    let found = page
        .fetch_json(&format!(
            "/api/v1/traces?window=15m&filter=service(%22{service}%22)"
        ))
        .await?;
    Ok(found["traces"][0]["id"]
        .as_str()
        .context("a trace")?
        .to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn item_6_controls_do_what_they_say() -> Result<()> {
    let session = shop(1400, 900, false).await?;
    let outcome = check_controls(&session.page()).await;
    session.finish(outcome, &["404"]).await
}

async fn check_controls(page: &Page<'_>) -> Result<()> {
    for (path, region, time) in [
        ("/services", false, false),
        ("/map", true, true),
        ("/traces", true, true),
    ] {
        page.open(path).await?;
        let controls = (
            shown(page, "#region").await?,
            shown(page, "#time-range").await?,
        );
        ensure!(
            controls == (region, time),
            "{path} shows (region, time) = {controls:?}"
        );
    }
    page.open("/services").await?;
    let heading = page.text(".services-header h1").await?;
    ensure!(
        heading.contains("all regions: us-east-1, eu-west-1"),
        "the list says it covers every region: {heading:?}"
    );

    let id = trace_with(page, "orders").await?;
    page.open(&format!("/traces/{id}")).await?;
    ensure!(
        shown(page, "#region").await? && !shown(page, "#time-range").await?,
        "a trace has its own time; the region still applies"
    );
    page.click(".tl-row[data-name='SQS']").await?;
    page.wait_for_url("the SQS call in the link", |url| url.contains("span="))
        .await?;
    page.click_button("Collapse all").await?;
    page.wait_for_url("the hidden span out of the link", |url| {
        !url.contains("span=")
    })
    .await?;
    ensure!(
        page.count(".tl-row[aria-selected='true']").await? == 0,
        "a hidden span stays selected"
    );
    let side = page.text(".trace-side").await?;
    ensure!(side.contains("Select a span"), "{side:?}");

    page.open("/services/no-such-service?region=us-east-1")
        .await?;
    page.element(".error-panel", 20).await?;
    // One panel says so; nothing else on the page does.
    let says = page
        .eval(
            "const visible = e => e.getClientRects().length > 0;
            const panels = [...document.querySelectorAll('.error-panel')].filter(visible).length;
            const elsewhere = [...document.querySelectorAll('body *')]
                .filter(e => e.children.length === 0 && visible(e) && !e.closest('.error-panel'))
                .filter(e => /not found|no longer|failed/i.test(e.textContent)).length;
            return [panels, elsewhere];",
        )
        .await?;
    ensure!(
        says[0] == 1 && says[1] == 0,
        "the missing service is reported by {} panels and {} other lines",
        says[0],
        says[1]
    );
    ensure!(
        !shown(page, ".refresh-control").await? && !shown(page, ".service-links").await?,
        "a missing service offers no refresh or links"
    );
    page.screenshots("console-6-missing").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn item_8_phones_never_scroll_sideways() -> Result<()> {
    let session = shop(390, 844, true).await?;
    let outcome = check_phone(&session.page()).await;
    session.finish(outcome, &[]).await
}

async fn check_phone(page: &Page<'_>) -> Result<()> {
    page.open("/services").await?;
    let id = trace_with(page, "orders").await?;
    let pages = [
        (
            "services",
            "/services".to_owned(),
            "table.services-table tr[data-service]",
        ),
        (
            "service",
            "/services/frontend?region=us-east-1".to_owned(),
            ".service-summary",
        ),
        (
            "map",
            "/map?window=15m".to_owned(),
            "canvas.map-canvas[data-node-positions]",
        ),
        (
            "traces",
            "/traces?window=15m".to_owned(),
            "table.trace-table tbody tr",
        ),
        ("trace", format!("/traces/{id}"), ".tl-row"),
    ];
    for (name, path, ready) in pages {
        page.open(&path).await?;
        page.element(ready, 20).await?;
        let sizes = page
            .eval("return [document.documentElement.scrollWidth, innerWidth]")
            .await?;
        ensure!(
            sizes[0].as_f64() <= sizes[1].as_f64(),
            "{path} scrolls sideways: {sizes}"
        );
        page.screenshots(&format!("console-8-{name}")).await?;
    }
    page.open("/services").await?;
    // Once described: a service's tracing reads "checking…" until then.
    page.element("tr[data-service] .tracing-switch", 20).await?;
    let switch = page
        .eval(
            "const s = document.querySelector('tr[data-service] .tracing-switch').getBoundingClientRect();
            return s.width > 0 && s.left >= 0 && s.right <= innerWidth;",
        )
        .await?;
    ensure!(
        switch == true,
        "the tracing switch is out of reach on a phone card"
    );
    page.open(&format!("/traces/{id}")).await?;
    page.element(".tl-row", 20).await?;
    let bars = page
        .eval(
            "return [...document.querySelectorAll('.tl-bar')].filter(b => {
                const r = b.getBoundingClientRect();
                return r.width >= 2 && r.left >= 0 && r.right <= innerWidth;
            }).length",
        )
        .await?;
    ensure!(bars.as_u64() > Some(5), "{bars} bars show on a phone");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn item_10_the_words() -> Result<()> {
    let session = shop(1400, 900, false).await?;
    let outcome = check_words(&session.page()).await;
    session.finish(outcome, &[]).await
}

async fn check_words(page: &Page<'_>) -> Result<()> {
    page.open("/services").await?;
    let dot = page
        .eval(
            "const d = document.querySelector('.status-bar .status-dot');
            if (!d) return null;
            const r = d.getBoundingClientRect(), s = getComputedStyle(d);
            return [r.width, r.height, s.borderRadius, s.backgroundColor];",
        )
        .await?;
    ensure!(
        dot[0] == dot[1] && dot[2] == "50%" && dot[3] != "rgba(0, 0, 0, 0)",
        "the status dot is a round dot: {dot}"
    );

    // An App Runner service (`search` runs on ECS Express now; e2e/tests/express.rs follows its
    // canary).
    page.click("tr[data-service='notifications'] .tracing-switch")
        .await?;
    page.click_button("Turn tracing on").await?;
    page.wait_until(
        "progress in words and seconds",
        15,
        "return /^(Deploying|Waiting for App Runner)… \\d+ s$/.test(document.querySelector('.toggle-progress')?.textContent.trim() ?? '')",
    )
    .await?;
    page.screenshots("console-10-progress").await?;

    page.open("/map?window=15m&view=list").await?;
    let client = page
        .text("table.map-list tr[data-kind='Client'] td.num")
        .await?;
    ensure!(client != "0/min", "the client node reads {client}");
    page.open("/map?window=15m&node=checkout").await?;
    let figures = page.text(".map-figures").await?;
    ensure!(
        figures.contains("of which throttled (429)"),
        "throttles are named as part of the errors: {figures:?}"
    );

    page.open("/kiosk?views=services,map,traces&every=5s&window=15m")
        .await?;
    let mut seen = Vec::new();
    for _ in 0..80 {
        let view = page.text_attribute(".kiosk", "data-kiosk-view").await?;
        if !seen.contains(&view) {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let scope = page.text(".kiosk-scope").await?;
            ensure!(
                scope == "us-east-1 · the last 15m",
                "the {view} view names {scope:?}"
            );
            let fits = page
                .eval(
                    "const rows = [...document.querySelectorAll('.kiosk-table tr')];
                    return rows.every(r => r.getBoundingClientRect().bottom <= innerHeight);",
                )
                .await?;
            ensure!(fits == true, "the {view} view runs off the screen");
            ensure!(
                !shown(page, ".kiosk .map-zoom").await?,
                "zoom buttons on a kiosk"
            );
            page.screenshots_of_kiosk(&format!("console-10-kiosk-{view}"))
                .await?;
            seen.push(view);
        }
        if seen.len() == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    ensure!(seen.len() == 3, "the kiosk showed only {seen:?}");
    Ok(())
}
