//! The app shell in a real browser: the WASM app starts, the navigation and the time-range picker
//! work, the state lives in the URL, the theme toggle is remembered, unknown pages get a 404 page,
//! and the browser console stays free of errors.

use anyhow::{Context, Result, ensure};
use e2e::{Page, Session};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread")]
async fn shell_renders_and_keeps_its_state_in_the_url() -> Result<()> {
    Session::run(&["--scenario", "movies"], check_shell).await
}

async fn check_shell(page: &Page<'_>) -> Result<()> {
    page.open("/").await?;
    page.wait_for_url("/services", |url| url.contains("/services"))
        .await?;

    let nav = page.text("nav[aria-label='Main']").await?;
    for link in ["Services", "Service map", "Traces"] {
        ensure!(
            nav.contains(link),
            "the main navigation lacks {link:?}: {nav:?}"
        );
    }

    let picker = page.client.find(Locator::Css("select#time-range")).await?;
    picker
        .select_by_value("1h")
        .await
        .context("choosing 1h in the time-range picker")?;
    page.wait_for_url("to hold window=1h", |url| url.contains("window=1h"))
        .await?;

    page.client
        .find(Locator::LinkText("Traces"))
        .await?
        .click()
        .await?;
    page.wait_for_url("/traces with window=1h kept", |url| {
        url.contains("/traces") && url.contains("window=1h")
    })
    .await?;
    let [first, second] = page.screenshots("shell").await?;
    ensure!(
        first == "light" || first == "dark",
        "html[data-theme] is {first:?}"
    );
    ensure!(
        second != first,
        "the theme toggle left the theme at {first:?}"
    );
    // The screenshots toggled twice; once more makes the choice differ from the start.
    page.toggle_theme().await?;
    ensure!(
        page.theme().await? == second,
        "a third click on the theme toggle left the theme at {first:?}"
    );
    page.client.refresh().await?;
    page.wait_ready().await?;
    ensure!(
        page.theme().await? == second,
        "the chosen theme was not remembered across a reload"
    );

    page.open("/no-such-page").await?;
    let body = page.text("main").await?;
    ensure!(
        body.contains("Page not found"),
        "an unknown path showed {body:?}"
    );
    Ok(())
}
