//! The portal check: a page on another local origin embeds `/map` with a signed link and the map
//! renders inside the iframe; the same URL without the token, or with the token changed by one
//! character, shows no data and says the link is refused.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use e2e::{Env, Page, Session};
use fantoccini::{Client, Locator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const EMBED_KEY: &str = "k1:portal-check-key-0123456789abcdefghij";

#[tokio::test(flavor = "multi_thread")]
async fn a_portal_on_another_origin_embeds_the_map_only_with_a_valid_link() -> Result<()> {
    let portal = TcpListener::bind("127.0.0.1:0")
        .await
        .context("binding the portal")?;
    let portal_origin = format!("http://{}", portal.local_addr()?);
    // Token mode: without a link nobody may read, so a missing token really is refused.
    let tokens = tempfile::NamedTempFile::new().context("a tokens file")?;
    std::fs::write(tokens.path(), "operator:lead:portal-check-operator-token\n")?;
    let ancestors = format!("'self' {portal_origin}");
    let tokens_path = tokens.path().display().to_string();
    let session = Session::start(&[
        "--scenario",
        "movies",
        "--auth",
        "token",
        "--tokens-file",
        &tokens_path,
        "--embed-key",
        EMBED_KEY,
        "--frame-ancestors",
        &ancestors,
    ])
    .await?;
    let outcome = async {
        let link = embed_link(&session.env, &session.demo.url).await?;
        let frames = HashMap::from([
            ("/valid", link.clone()),
            ("/no-token", without_token(&link)),
            ("/tampered", tampered(&link)?),
        ]);
        let server = tokio::spawn(serve_portal(portal, Arc::new(frames)));
        let checked = check_portal(&session.page_at(&portal_origin), &portal_origin).await;
        server.abort();
        checked
    }
    .await;
    // The refused links make the browser log each refused request.
    session.finish(outcome, &["Failed to load resource"]).await
}

async fn check_portal(page: &Page<'_>, portal: &str) -> Result<()> {
    let client = page.client;
    client.goto(&format!("{portal}/valid")).await?;
    client
        .enter_frame(0)
        .await
        .context("switching into the portal's iframe")?;
    page.wait_ready()
        .await
        .context("the embedded app did not start")?;
    let nodes = wait_for_nodes(client).await?;
    ensure!(nodes > 0, "the embedded map has no nodes");
    ensure!(
        page.count(".top-bar").await? == 0,
        "embed mode still shows the top bar"
    );
    let open = page.client.find(Locator::Css("a.embed-open")).await?;
    let open_href = open.attr("href").await?.unwrap_or_default();
    ensure!(
        open_href.starts_with("/map") && !open_href.contains("embed"),
        "\"open in runtrace\" should lead to the plain view: {open_href:?}"
    );
    client.enter_parent_frame().await?;
    page.screenshot("embed-portal-valid").await?;
    let errors = page.console_errors().await?;
    ensure!(
        errors.is_empty(),
        "console errors with a valid link: {errors:#?}"
    );

    // Without a token the bundle loads, but every read is refused: the app says why.
    client.goto(&format!("{portal}/no-token")).await?;
    client.enter_frame(0).await?;
    page.wait_ready().await?;
    let notice = page.text(".embed-refused").await?;
    ensure!(
        notice.contains("not valid or has expired"),
        "no-token notice: {notice:?}"
    );
    ensure!(
        !has_map_data(client).await?,
        "the map rendered data without a token"
    );
    client.enter_parent_frame().await?;
    page.screenshot("embed-portal-no-token").await?;

    // A tampered token is refused before the page itself is served.
    client.goto(&format!("{portal}/tampered")).await?;
    client.enter_frame(0).await?;
    let body = wait_for_body_text(client, "not valid").await?;
    ensure!(
        !has_map_data(client).await?,
        "the map rendered with a tampered token: {body:?}"
    );
    client.enter_parent_frame().await?;
    page.screenshot("embed-portal-tampered").await?;
    Ok(())
}

async fn embed_link(env: &Env, base_url: &str) -> Result<String> {
    let output = tokio::process::Command::new(&env.runtrace_bin)
        .args(["embed-link", "--view", "/map?window=1h", "--ttl", "1h"])
        .args(["--embed-key", EMBED_KEY, "--base-url", base_url])
        .output()
        .await
        .context("running runtrace embed-link")?;
    ensure!(
        output.status.success(),
        "runtrace embed-link failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(String::from_utf8(output.stdout)?.trim().to_owned())
}

fn without_token(link: &str) -> String {
    link.split('&')
        .filter(|part| !part.starts_with("embed_token="))
        .collect::<Vec<_>>()
        .join("&")
}

/// The link with one character of the token's middle changed (the middle, because the last
/// base64 character may carry only padding bits).
fn tampered(link: &str) -> Result<String> {
    let start = link.find("embed_token=").context("the link has no token")? + "embed_token=".len();
    let middle = start + (link.len() - start) / 2;
    let mut bytes = link.as_bytes().to_vec();
    bytes[middle] = if bytes[middle] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(bytes)?;
    ensure!(changed != link, "tampering left the link unchanged");
    Ok(changed)
}

async fn has_map_data(client: &Client) -> Result<bool> {
    Ok(!client
        .find_all(Locator::Css(".map-page[data-node-count]"))
        .await?
        .is_empty())
}

async fn wait_for_nodes(client: &Client) -> Result<usize> {
    for _ in 0..150 {
        let found = client
            .find_all(Locator::Css(".map-page[data-node-count]"))
            .await?;
        if let Some(section) = found.first() {
            let count = section.attr("data-node-count").await?.unwrap_or_default();
            if let Ok(count @ 1..) = count.parse::<usize>() {
                return Ok(count);
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    bail!("the embedded map never showed nodes within 30 s")
}

async fn wait_for_body_text(client: &Client, wanted: &str) -> Result<String> {
    let mut body = String::new();
    for _ in 0..50 {
        body = client.find(Locator::Css("body")).await?.text().await?;
        if body.contains(wanted) {
            return Ok(body);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    bail!("the frame never said {wanted:?}; it shows {body:?}")
}

/// A minimal HTTP server for the portal: each path is a page holding one iframe.
async fn serve_portal(listener: TcpListener, frames: Arc<HashMap<&'static str, String>>) {
    while let Ok((mut socket, _)) = listener.accept().await {
        let frames = Arc::clone(&frames);
        tokio::spawn(async move {
            let mut request = vec![0; 4096];
            let read = socket.read(&mut request).await.unwrap_or(0);
            let head = String::from_utf8_lossy(&request[..read]);
            let path = head.split_whitespace().nth(1).unwrap_or("/");
            let (status, body) = match frames.get(path) {
                Some(src) => ("200 OK", portal_page(src)),
                None => ("404 Not Found", "no such portal page".to_owned()),
            };
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(response.as_bytes()).await;
        });
    }
}

fn portal_page(src: &str) -> String {
    let src = src.replace('&', "&amp;").replace('"', "&quot;");
    format!(
        "<!doctype html><html><head><title>portal</title><link rel=\"icon\" href=\"data:,\"></head><body>\
         <h1>Team portal</h1><iframe src=\"{src}\" width=\"1100\" height=\"650\" \
         title=\"runtrace map\"></iframe></body></html>"
    )
}
