//! The app shell in a real browser: the WASM app starts, the navigation and the time-range picker
//! work, the state lives in the URL, the theme toggle is remembered, unknown pages get a 404 page,
//! and the browser console stays free of errors.

use anyhow::{Context, Result, ensure};
use e2e::{Browser, Demo, Env, Page};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread")]
async fn shell_renders_and_keeps_its_state_in_the_url() -> Result<()> {
    let env = Env::from_env()?;
    let demo = Demo::start(&env, &["--scenario", "movies"]).await?;
    let browser = Browser::start(&env).await?;
    let outcome = check_shell(&Page::new(&browser.client, &demo.url, &env)).await;
    browser.close().await?;
    demo.stop().await?;
    outcome
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
    let theme = |page: &Page<'_>| {
        let client = page.client.clone();
        async move {
            let value = client
                .execute("return document.documentElement.dataset.theme", vec![])
                .await?;
            anyhow::Ok(value.as_str().unwrap_or_default().to_owned())
        }
    };
    let first = theme(page).await?;
    ensure!(
        first == "light" || first == "dark",
        "html[data-theme] is {first:?}"
    );
    page.screenshot(&format!("shell-{first}")).await?;

    page.client
        .find(Locator::Css("#theme-toggle"))
        .await?
        .click()
        .await?;
    let second = theme(page).await?;
    ensure!(
        second != first,
        "the theme toggle left the theme at {first:?}"
    );
    page.screenshot(&format!("shell-{second}")).await?;
    page.client.refresh().await?;
    page.wait_ready().await?;
    ensure!(
        theme(page).await? == second,
        "the chosen theme was not remembered across a reload"
    );

    page.open("/no-such-page").await?;
    let body = page.text("main").await?;
    ensure!(
        body.contains("Page not found"),
        "an unknown path showed {body:?}"
    );

    let errors = page.console_errors().await?;
    ensure!(
        errors.is_empty(),
        "the browser console has errors: {errors:#?}"
    );
    Ok(())
}
