//! Just enough HTTP/1.0 for the bench: GET a document from runtrace, and serve the peer viewer's
//! files on a loopback port. (The e2e crate has no HTTP server, and these needs are tiny.)

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// GETs `path` from `base` (`http://127.0.0.1:PORT`) and returns the body of a 200 answer.
pub async fn get(base: &str, path: &str) -> Result<Vec<u8>> {
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(host)
        .await
        .with_context(|| format!("connecting to {host}"))?;
    let request =
        format!("GET {path} HTTP/1.0\r\nHost: {host}\r\nAccept: application/json\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    let split = find(&response, b"\r\n\r\n").context("an HTTP answer without a header end")?;
    let head = String::from_utf8_lossy(&response[..split]);
    let status = head.lines().next().unwrap_or_default();
    if !status.contains(" 200 ") {
        bail!("GET {path} answered `{status}`");
    }
    Ok(response[split + 4..].to_vec())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Files served from memory by path (e.g. `/trace-10k.json`), falling back to a folder.
pub struct Site {
    pub folder: PathBuf,
    pub files: HashMap<String, Vec<u8>>,
}

/// Serves `site` on a free loopback port until the process ends; returns the base URL.
pub async fn serve(site: Site) -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let site = Arc::new(site);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let site = site.clone();
            tokio::spawn(async move {
                if let Err(error) = answer(stream, &site).await {
                    eprintln!("bench: the peer's static server failed a request: {error:#}");
                }
            });
        }
    });
    Ok(url)
}

async fn answer(mut stream: TcpStream, site: &Site) -> Result<()> {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    while find(&request, b"\r\n\r\n").is_none() {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            return Ok(());
        }
        request.extend_from_slice(&buffer[..read]);
    }
    let line = String::from_utf8_lossy(&request);
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let body = match site.files.get(path) {
        Some(body) => Some(body.clone()),
        None => match local_path(&site.folder, path) {
            Some(file) => tokio::fs::read(file).await.ok(),
            None => None,
        },
    };
    let head = match &body {
        Some(body) => format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
            content_type(path),
            body.len()
        ),
        None => {
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned()
        }
    };
    stream.write_all(head.as_bytes()).await?;
    if let Some(body) = body {
        stream.write_all(&body).await?;
    }
    stream.shutdown().await?;
    Ok(())
}

/// The file under `folder` a URL path names; `None` for paths that climb out of it.
fn local_path(folder: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = Path::new(url_path.trim_start_matches('/'));
    let safe = relative
        .components()
        .all(|component| matches!(component, Component::Normal(_)));
    (safe && !url_path.trim_start_matches('/').is_empty()).then(|| folder.join(relative))
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "css" => "text/css",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_inside_the_folder_are_served() {
        let check = |url: &str, expect: Option<&str>| {
            let got = local_path(Path::new("/peer"), url);
            assert_eq!(got.as_deref(), expect.map(Path::new), "{url}");
        };
        check("/speedscope.js", Some("/peer/speedscope.js"));
        check("/a/b.css", Some("/peer/a/b.css"));
        check("/../etc/passwd", None);
        check("/", None);
    }

    #[test]
    fn content_types_follow_the_extension() {
        let check = |path: &str, expect: &str| assert_eq!(content_type(path), expect, "{path}");
        check("/index.html", "text/html; charset=utf-8");
        check("/x.wasm", "application/wasm");
        check("/trace.json", "application/json");
        check("/unknown", "application/octet-stream");
    }
}
