//! A headless Chromium for measuring. It is started here rather than with `e2e::Browser` because
//! the heap figures need `--enable-precise-memory-info` (without it `performance.memory` is
//! rounded and refreshed rarely), and the WASM memory hook needs a DevTools command.

use std::net::TcpListener;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use e2e::Env;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::process::{Child, Command};

/// The e2e harness's flags (see e2e/src/browser.rs for why each is there) plus precise memory.
const FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,800",
    "--enable-precise-memory-info",
    // Lets the memory figures be read after a full garbage collection (window.gc).
    "--js-flags=--expose-gc",
];

/// Trunk's loader announces the WASM instance in this event; keeping it lets the bench read the
/// module's linear memory, which the app does not expose otherwise.
const WASM_HOOK: &str = "addEventListener('TrunkApplicationStarted', \
    (event) => { window.__runtraceBenchWasm = event.detail.wasm; });";

pub struct Chrome {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
}

impl Chrome {
    pub async fn start(env: &Env) -> Result<Self> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .context("finding a free port for chromedriver")?
            .port();
        let driver = Command::new(&env.chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {}", env.chromedriver.display()))?;
        let profile = tempfile::tempdir().context("a temporary Chromium profile")?;
        let mut args: Vec<String> = FLAGS.iter().map(|flag| (*flag).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let Value::Object(capabilities) =
            json!({ "goog:chromeOptions": { "binary": env.chromium, "args": args } })
        else {
            bail!("capabilities must be a JSON object");
        };
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(capabilities);
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..50 {
            match builder.connect(&url).await {
                Ok(client) => {
                    let chrome = Chrome {
                        client,
                        driver,
                        _profile: profile,
                    };
                    chrome.cdp("Page.enable", json!({})).await?;
                    let hook = json!({ "source": WASM_HOOK });
                    chrome
                        .cdp("Page.addScriptToEvaluateOnNewDocument", hook)
                        .await?;
                    return Ok(chrome);
                }
                Err(error) => last_error = Some(error),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        bail!("chromedriver at {url} did not accept a session: {last_error:?}")
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        let command = Cdp {
            body: json!({ "cmd": cmd, "params": params }).to_string(),
        };
        self.client
            .issue_cmd(command)
            .await
            .with_context(|| format!("DevTools command {cmd}"))
    }

    pub async fn close(mut self) -> Result<()> {
        let closed = self.client.close().await;
        let _ = self.driver.kill().await;
        closed.context("closing the browser session")
    }
}

/// chromedriver's DevTools pass-through (not part of W3C WebDriver, so fantoccini lacks it).
#[derive(Debug)]
struct Cdp {
    body: String,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.clone()))
    }
}
