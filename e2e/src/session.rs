//! The prologue and epilogue of every browser test: start `runtrace demo`, open Chromium, and at
//! the end read the browser console, close both (before asserting, so a failed check never
//! leaves Chromium running) and fail on the check's error or on any console error.

use anyhow::{Result, ensure};

use crate::{Browser, Demo, Env, Page};

/// A demo server and a browser for one test.
pub struct Session {
    pub env: Env,
    pub demo: Demo,
    pub browser: Browser,
}

impl Session {
    /// Starts `runtrace demo` with `args` (see [`Demo::start`]) and a browser.
    pub async fn start(args: &[&str]) -> Result<Self> {
        let env = Env::from_env()?;
        let demo = Demo::start(&env, args).await?;
        let browser = Browser::start(&env).await?;
        Ok(Session { env, demo, browser })
    }

    /// The whole of a simple test: a session with `args`, `check` on its page, the ending.
    pub async fn run(
        args: &[&str],
        check: impl AsyncFnOnce(&Page<'_>) -> Result<()>,
    ) -> Result<()> {
        let session = Session::start(args).await?;
        let outcome = check(&session.page()).await;
        session.finish(outcome, &[]).await
    }

    /// A page of the demo's dashboard.
    pub fn page(&self) -> Page<'_> {
        self.page_at(&self.demo.url)
    }

    /// A page of another site (a portal that embeds the dashboard).
    pub fn page_at(&self, base: &str) -> Page<'_> {
        Page::new(&self.browser.client, base, &self.env)
    }

    /// Ends the test: the check's `outcome` first, then the console, where every error must match
    /// one of `tolerated` (the browser's own line for a request a test made fail on purpose).
    pub async fn finish(self, outcome: Result<()>, tolerated: &[&str]) -> Result<()> {
        // The log lives in the browser: read it before closing.
        let errors = self.page().console_errors().await;
        self.close().await?;
        outcome?;
        let errors: Vec<String> = errors?
            .into_iter()
            .filter(|error| !tolerated.iter().any(|allowed| error.contains(allowed)))
            .collect();
        ensure!(
            errors.is_empty(),
            "the browser console has errors: {errors:#?}"
        );
        Ok(())
    }

    /// Closes the browser and stops the demo, without looking at the console (the benchmark,
    /// which measures rather than checks).
    pub async fn close(self) -> Result<()> {
        self.browser.close().await?;
        self.demo.stop().await
    }
}
