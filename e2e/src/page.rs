use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::Env;

/// One tab of the dashboard: navigation relative to the demo's URL, waiting, console errors and
/// screenshots.
pub struct Page<'a> {
    pub client: &'a Client,
    base: String,
    env: &'a Env,
}

impl<'a> Page<'a> {
    pub fn new(client: &'a Client, base: &str, env: &'a Env) -> Self {
        Page {
            client,
            base: base.trim_end_matches('/').to_owned(),
            env,
        }
    }

    /// Opens `path` (e.g. `/services?window=1h`) and waits until the app has mounted.
    pub async fn open(&self, path: &str) -> Result<()> {
        self.client.goto(&format!("{}{path}", self.base)).await?;
        self.wait_ready().await
    }

    /// Waits for `<body data-app="ready">`, which the app sets once it has mounted, then for
    /// the routed view, whose code the release bundle fetches when its route opens (no
    /// `.view-loading` left), and for what the view says it is still reading (no
    /// `aria-busy="true"`: the services list's first load, a service's tracing "checking…"). If
    /// the WASM module fails to start, this is where the test fails.
    pub async fn wait_ready(&self) -> Result<()> {
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css("body[data-app='ready']"))
            .await
            .context("the app did not mount within 30 s (body[data-app=ready] never appeared)")?;
        self.wait_until(
            "the routed view's code and first data to load (.view-loading and aria-busy gone)",
            30,
            "return document.querySelector('.view-loading, [aria-busy=\"true\"]') === null;",
        )
        .await
    }

    /// Waits until `predicate` holds for the current URL.
    pub async fn wait_for_url(
        &self,
        what: &str,
        predicate: impl Fn(&str) -> bool,
    ) -> Result<String> {
        for _ in 0..100 {
            let url = self.client.current_url().await?.to_string();
            if predicate(&url) {
                return Ok(url);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!(
            "the URL never became {what}: {}",
            self.client.current_url().await?
        )
    }

    /// The first element matching `css`, waiting up to `seconds` for one to appear.
    pub async fn element(&self, css: &str, seconds: u64) -> Result<Element> {
        self.client
            .wait()
            .at_most(Duration::from_secs(seconds))
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("no element matches {css}"))
    }

    pub async fn text(&self, css: &str) -> Result<String> {
        Ok(self.element(css, 10).await?.text().await?)
    }

    /// The value of `attribute` on the first element matching `css` (empty when it is absent).
    pub async fn text_attribute(&self, css: &str, attribute: &str) -> Result<String> {
        let element = self.element(css, 10).await?;
        Ok(element.attr(attribute).await?.unwrap_or_default())
    }

    /// Clicks the first element matching `css`.
    pub async fn click(&self, css: &str) -> Result<()> {
        self.element(css, 10).await?.click().await?;
        Ok(())
    }

    /// Clicks the button whose text is `label`.
    pub async fn click_button(&self, label: &str) -> Result<()> {
        let xpath = format!("//button[normalize-space()='{label}']");
        self.client
            .find(Locator::XPath(&xpath))
            .await?
            .click()
            .await?;
        Ok(())
    }

    pub async fn count(&self, css: &str) -> Result<usize> {
        Ok(self.client.find_all(Locator::Css(css)).await?.len())
    }

    /// Saves a PNG screenshot as `<artifacts>/<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> Result<String> {
        let png = self.client.screenshot().await?;
        let path = self.env.artifacts.join(format!("{name}.png"));
        std::fs::write(&path, png).with_context(|| format!("writing {}", path.display()))?;
        Ok(path.display().to_string())
    }

    /// Screenshots `<name>-light.png` and `<name>-dark.png` (whichever theme is on first), using
    /// the app's own theme toggle; the page ends in the theme it started in. Answers the two
    /// themes in the order they were shot.
    pub async fn screenshots(&self, name: &str) -> Result<[String; 2]> {
        self.screenshots_after(name, Duration::ZERO).await
    }

    /// [`Page::screenshots`], each taken `pause` after the theme is set (canvases repaint, charts
    /// wait for their data).
    pub async fn screenshots_after(&self, name: &str, pause: Duration) -> Result<[String; 2]> {
        let mut themes: [String; 2] = Default::default();
        for theme in &mut themes {
            tokio::time::sleep(pause).await;
            *theme = self.theme().await?;
            self.screenshot(&format!("{name}-{theme}")).await?;
            self.toggle_theme().await?;
        }
        Ok(themes)
    }

    /// [`Page::screenshots`] of a page without the theme toggle (the kiosk covers the top bar):
    /// the theme is set on `<html data-theme>` directly, as a portal's `theme=` would.
    pub async fn screenshots_of_kiosk(&self, name: &str) -> Result<()> {
        for theme in ["light", "dark"] {
            let script =
                format!("document.documentElement.dataset.theme = '{theme}'; return null;");
            self.eval(&script).await?;
            tokio::time::sleep(Duration::from_millis(400)).await;
            self.screenshot(&format!("{name}-{theme}")).await?;
        }
        Ok(())
    }

    /// `<html data-theme>`: `light` or `dark` (empty when unset).
    pub async fn theme(&self) -> Result<String> {
        let theme = self
            .client
            .execute("return document.documentElement.dataset.theme", vec![])
            .await?;
        Ok(theme.as_str().unwrap_or_default().to_owned())
    }

    /// Clicks the app's theme toggle.
    pub async fn toggle_theme(&self) -> Result<()> {
        self.click("#theme-toggle").await
    }

    /// Runs `script` (a function body; `return` gives the answer) in the page.
    pub async fn eval(&self, script: &str) -> Result<Value> {
        Ok(self.client.execute(script, vec![]).await?)
    }

    /// Waits until `script` answers `true`, up to `seconds`; `what` says what was waited for.
    pub async fn wait_until(&self, what: &str, seconds: u64, script: &str) -> Result<()> {
        for _ in 0..seconds * 10 {
            if self.eval(script).await? == Value::Bool(true) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("{what} did not happen within {seconds} s")
    }

    /// GET through the page's own `fetch`, so the request is exactly what the app could make.
    pub async fn fetch_json(&self, url: &str) -> Result<Value> {
        let script = "const [url, done] = arguments;
            fetch(url).then(r => r.ok ? r.json() : r.text().then(t => ({ failed: r.status, body: t })))
                .then(done, e => done({ failed: 0, body: String(e) }));";
        let answer = self.client.execute_async(script, vec![json!(url)]).await?;
        ensure!(answer.get("failed").is_none(), "GET {url} failed: {answer}");
        Ok(answer)
    }

    /// Browser console messages at level SEVERE (errors and uncaught exceptions) since the last call.
    pub async fn console_errors(&self) -> Result<Vec<String>> {
        let entries = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .context("reading the browser log")?;
        let Value::Array(entries) = entries else {
            bail!("unexpected browser log: {entries}")
        };
        Ok(entries
            .iter()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
            .collect())
    }
}

/// chromedriver's log endpoint (not part of W3C WebDriver, so fantoccini has no method for it).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}
