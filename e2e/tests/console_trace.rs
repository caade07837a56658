//! Issue 19, items 4, 5 and 7, in Chromium at 1400×900 on `runtrace demo --scenario shop`: exact
//! times and words on a trace's page (one time format, its zone named once, UTC on request),
//! links that keep the search, the span and the minutes, and the finished timeline (labels never
//! cut off, one toolbar row, find into collapsed spans, the keyboard, the skip link).

use anyhow::{Context, Result, ensure};
use e2e::{Page, Session};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::Value;

async fn shop() -> Result<Session> {
    let session = Session::start(&["--scenario", "shop"]).await?;
    session.viewport(1400, 900, false).await?;
    Ok(session)
}

/// The newest trace that `filter` finds in the last 15 minutes.
async fn trace_id(page: &Page<'_>, filter: &str) -> Result<String> {
    let encoded = filter.replace('"', "%22").replace(' ', "%20");
    let found = page
        .fetch_json(&format!("/api/v1/traces?window=15m&filter={encoded}"))
        .await?;
    Ok(found["traces"][0]["id"]
        .as_str()
        .with_context(|| format!("no trace for {filter}"))?
        .to_owned())
}

async fn key(page: &Page<'_>, key: Key) -> Result<()> {
    let target = page.client.active_element().await?;
    target.send_keys(&char::from(key).to_string()).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn item_4_exact_times_and_the_request_a_trace_answered() -> Result<()> {
    let session = shop().await?;
    let outcome = check_times(&session.page()).await;
    session.finish(outcome, &[]).await
}

async fn check_times(page: &Page<'_>) -> Result<()> {
    page.open("/services").await?;
    let id = trace_id(page, "service(\"orders\")").await?;
    page.open(&format!("/traces/{id}")).await?;
    let request = page.text(".trace-request").await?;
    ensure!(
        request.starts_with("frontend POST") && request.contains("/checkout"),
        "the header names the root service, method and URL: {request:?}"
    );
    let facts = page.text(".trace-facts").await?;
    ensure!(
        !facts.contains(" 1 segments") && !facts.contains(" 1 spans"),
        "{facts:?}"
    );
    page.click(".tl-row[data-name^='orders@']").await?;
    let details = page.text(".span-details").await?;
    let start = details
        .lines()
        .skip_while(|line| !line.starts_with("Start"))
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    let digits = start.chars().filter(char::is_ascii_digit).count();
    ensure!(
        start.len() >= 16
            && start.as_bytes().get(8) == Some(&b'.')
            && start.contains("(+")
            && digits >= 10,
        "a span starts at HH:MM:SS.mmm (+offset): {start:?}"
    );
    let sql = page
        .eval(
            "const sql = document.querySelector('pre.sql');
            if (!sql) return null;
            const style = getComputedStyle(sql);
            return [style.fontFamily, style.whiteSpace, style.wordBreak];",
        )
        .await?;
    ensure!(
        sql[0].as_str().is_some_and(|f| f.contains("monospace"))
            && sql[1] == "pre-wrap"
            && sql[2] == "normal",
        "SQL is monospace and wraps at word boundaries: {sql}"
    );
    page.screenshots("console-4-span").await?;

    // The zone is named once, at the bottom; UTC is one click away and stays.
    let zone = page.text(".zone").await?;
    ensure!(zone.starts_with("Times in UTC"), "{zone:?}");
    let utc = page
        .eval("return new Date().getTimezoneOffset() === 0")
        .await?
        == Value::Bool(true);
    if !zone.contains("show local") {
        page.click(".zone button").await?;
        page.wait_until(
            "the reload in UTC",
            20,
            "return document.querySelector('.zone')?.textContent.includes('show local') === true",
        )
        .await?;
    }
    let zone = page.text(".zone").await?;
    ensure!(
        zone.starts_with("Times in UTC show local") || (utc && zone.contains("UTC")),
        "after asking for UTC: {zone:?}"
    );
    // A fixed range is shown where it is applied (in UTC now: the choice outlives the reload).
    let end = page
        .eval("return Math.floor(Date.now() / 60000) * 60")
        .await?;
    let end = end.as_i64().context("now")?;
    page.open(&format!("/traces?start={}&end={end}", end - 900))
        .await?;
    let range = page.text(".range-edit").await?;
    let expect = page
        .eval(&format!(
            "const at = s => new Date(s * 1000).toISOString().slice(0, 16).replace('T', ' ');
            return at({}) + ' – ' + at({end});",
            end - 900
        ))
        .await?;
    ensure!(
        expect == range.as_str(),
        "the fixed range beside the picker, in UTC: {range:?}, not {expect}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn item_5_links_keep_the_search_the_span_and_the_minutes() -> Result<()> {
    let session = shop().await?;
    let outcome = check_links(&session.page()).await;
    session.finish(outcome, &[]).await
}

async fn check_links(page: &Page<'_>) -> Result<()> {
    page.open("/traces?window=15m&filter=http.method%20%3D%20%22POST%22")
        .await?;
    ensure!(
        page.eval("return document.title").await? == "Traces · runtrace",
        "the search's title"
    );
    page.click("tbody a.trace-link").await?;
    let url = page
        .wait_for_url("a trace with the search and its span", |url| {
            url.contains("/traces/1-") && url.contains("filter=") && url.contains("span=")
        })
        .await?;
    let title = page.eval("return document.title").await?;
    ensure!(
        title.as_str().is_some_and(|t| t.starts_with("Trace 1-")),
        "{title}"
    );
    // Another span, then a reload: the link names it and the page opens on it.
    page.click(".tl-row[data-name='DynamoDB']").await?;
    let chosen = page
        .text_attribute(".tl-row[aria-selected='true']", "data-span")
        .await?;
    let url = page.wait_for_url("the new span", |now| now != url).await?;
    page.client.goto(&url).await?;
    page.wait_ready().await?;
    page.element(".tl-row[aria-selected='true']", 20).await?;
    let reopened = page
        .text_attribute(".tl-row[aria-selected='true']", "data-span")
        .await?;
    ensure!(
        reopened == chosen,
        "the link opened span {reopened}, not {chosen}"
    );
    for (what, css) in [
        ("back link", "a.back-link"),
        ("Traces tab", ".main-nav a[href^='/traces']"),
    ] {
        let href = page.text_attribute(css, "href").await?;
        ensure!(
            href.contains("filter=http.method"),
            "the {what} drops the search: {href}"
        );
    }
    // The search survives a visit elsewhere.
    page.click(".main-nav a[href^='/map']").await?;
    page.wait_for_url("the map", |url| url.contains("/map"))
        .await?;
    let href = page
        .text_attribute(".main-nav a[href^='/traces']", "href")
        .await?;
    ensure!(
        href.contains("filter="),
        "the Traces tab forgot the search: {href}"
    );
    ensure!(
        page.eval("return document.title").await? == "Service map · runtrace",
        "the map's title"
    );

    page.click(".share > summary").await?;
    let here = page.text(".share-here").await?;
    let pinned = page.text(".share-pinned").await?;
    ensure!(here.contains("window=15m"), "{here}");
    ensure!(
        pinned.contains("start=") && pinned.contains("end=") && !pinned.contains("window="),
        "the absolute-time link: {pinned}"
    );
    page.screenshots("console-5-share").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn item_7_the_timeline_finished() -> Result<()> {
    let session = shop().await?;
    let outcome = check_timeline(&session.page()).await;
    session.finish(outcome, &[]).await
}

async fn check_timeline(page: &Page<'_>) -> Result<()> {
    page.open("/services").await?;
    let id = trace_id(page, "service(\"orders\")").await?;
    page.open(&format!("/traces/{id}")).await?;
    page.element(".tl-row", 20).await?;
    let layout = page
        .eval(
            "const bar = document.querySelector('.tl-toolbar').getBoundingClientRect();
            const button = document.querySelector('.tl-toolbar button').getBoundingClientRect();
            const clipped = [...document.querySelectorAll('.tl-row')].filter(row => {
                const track = row.querySelector('.tl-track').getBoundingClientRect();
                const label = row.querySelector('.tl-duration').getBoundingClientRect();
                return label.left < track.left - 0.5 || label.right > track.right + 0.5;
            }).map(row => row.dataset.name);
            return { rows: Math.floor(bar.height / button.height), clipped };",
        )
        .await?;
    ensure!(layout["rows"] == 1, "the toolbar wraps: {layout}");
    ensure!(
        layout["clipped"].as_array().is_some_and(Vec::is_empty),
        "durations cut off: {layout}"
    );
    page.screenshots("console-7-timeline").await?;

    // Find reaches into collapsed spans and opens the way to the match.
    page.click_button("Collapse all").await?;
    let find = page.element("#trace-find", 5).await?;
    find.send_keys("SQS").await?;
    find.send_keys(&char::from(Key::Enter).to_string()).await?;
    page.element(".tl-row[data-name='SQS'][aria-selected='true']", 10)
        .await
        .context("find did not open the collapsed SQS call")?;

    // The keyboard: ← from a leaf goes to its parent, Enter closes it, PageDown moves a page.
    page.click(".tl-row[data-name='SQS']").await?;
    key(page, Key::Left).await?;
    let parent = page
        .text_attribute(".tl-row[aria-selected='true']", "data-name")
        .await?;
    ensure!(parent == "orders", "← from SQS selected {parent:?}");
    key(page, Key::Enter).await?;
    let expanded = page
        .text_attribute(".tl-row[aria-selected='true']", "aria-expanded")
        .await?;
    ensure!(expanded == "false", "Enter did not close the span");
    key(page, Key::Home).await?;
    key(page, Key::PageDown).await?;
    let index = page
        .eval("return [...document.querySelectorAll('.tl-row')].findIndex(r => r.getAttribute('aria-selected') === 'true')")
        .await?;
    ensure!(index.as_i64() > Some(5), "PageDown moved to row {index}");

    // The skip link is the first stop of the keyboard and lands in the main content.
    page.open("/traces?window=15m").await?;
    page.eval("document.activeElement.blur(); return null")
        .await?;
    let tab = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down {
            value: char::from(Key::Tab),
        })
        .then(KeyAction::Up {
            value: char::from(Key::Tab),
        });
    page.client.perform_actions(tab).await?;
    let first = page.eval("return document.activeElement.className").await?;
    ensure!(first == "skip-link", "the first Tab reaches {first}");
    key(page, Key::Enter).await?;
    let landed = page.eval("return document.activeElement.id").await?;
    ensure!(
        landed == "content",
        "the skip link moved the focus to {landed}"
    );
    Ok(())
}
