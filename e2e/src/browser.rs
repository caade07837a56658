use std::net::TcpListener;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tempfile::TempDir;
use tokio::process::{Child, Command};

use crate::Env;

/// Flags every Chromium here needs: root needs `--no-sandbox`, and without the background-networking
/// flags Chromium keeps trying to reach the internet, which this machine refuses.
const CHROMIUM_FLAGS: &[&str] = &[
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
    // Memory checks (the kiosk's long run) read exact heap sizes after a full collection.
    "--enable-precise-memory-info",
    "--js-flags=--expose-gc",
];

/// Trunk's loader announces the WASM instance in this event; keeping it lets a test read the
/// module's linear memory (`window.__runtraceWasm.memory`), which the app does not expose.
const WASM_HOOK: &str = "addEventListener('TrunkApplicationStarted', \
    (event) => { window.__runtraceWasm = event.detail.wasm; });";

/// A headless Chromium behind its own chromedriver, with a fresh profile. Close it with
/// [`Browser::close`] before asserting, so a failed assertion never leaves Chromium running.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
}

impl Browser {
    pub async fn start(env: &Env) -> Result<Self> {
        let port = free_port()?;
        let driver = Command::new(&env.chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {}", env.chromedriver.display()))?;
        let profile = tempfile::tempdir().context("a temporary Chromium profile")?;
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| (*s).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let capabilities = json!({
            "goog:chromeOptions": { "binary": env.chromium, "args": args },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            bail!("capabilities must be a JSON object");
        };
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(capabilities);
        let webdriver = format!("http://127.0.0.1:{port}");
        let client = connect_with_retry(&builder, &webdriver).await?;
        let browser = Browser {
            client,
            driver,
            _profile: profile,
        };
        browser
            .cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": WASM_HOOK }),
            )
            .await?;
        Ok(browser)
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver.
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> Result<serde_json::Value> {
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

async fn connect_with_retry(builder: &ClientBuilder<HttpConnector>, url: &str) -> Result<Client> {
    let mut last_error = None;
    for _ in 0..50 {
        match builder.connect(url).await {
            Ok(client) => return Ok(client),
            Err(error) => last_error = Some(error),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    bail!("chromedriver at {url} did not accept a session: {last_error:?}")
}

/// chromedriver's DevTools pass-through (not part of W3C WebDriver, so fantoccini lacks it).
#[derive(Debug)]
struct Cdp {
    body: String,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
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

pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}
