//! The test harness: the emulator on a loopback port, and the app pointed at it through the
//! same AWS code path `runtrace demo` uses, driven with `oneshot` (no socket for the app).

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request};
use backend::aws::{AwsSettings, AwsUpstream, Clients, RetrySettings};
use backend::http::assets::Assets;
use backend::http::{AppState, ServerSettings, app};
use emulator::{Clock, EmulatorConfig, RunningEmulator, ScenarioName};
use serde_json::Value;

#[path = "../support/answer.rs"]
mod support_answer;
pub use support_answer::{Answer, answer};

/// A fixed "now" for the emulator's manual clock: every test sees the same history.
pub const NOW: f64 = 1_795_000_000.0;

pub struct Harness {
    pub app: Router,
    pub running: RunningEmulator,
}

impl Harness {
    /// The scenario on a manual clock, without live traffic, with operations that take 30 s.
    pub async fn start(scenario: ScenarioName) -> Self {
        Self::with(scenario_config(scenario), |_| {}).await
    }

    pub async fn with(config: EmulatorConfig, tweak: impl FnOnce(&mut AwsSettings)) -> Self {
        let regions = config
            .scenario
            .regions()
            .iter()
            .map(|r| (*r).to_owned())
            .collect();
        let clock = config.clock.clone();
        let running = emulator::start(config).await.expect("the emulator starts");
        let mut settings =
            AwsSettings::endpoint(&running.endpoint_url(), regions, ("test", "test"));
        // Retries as in production, with short waits so failing tests stay fast.
        settings.retry = RetrySettings {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
        };
        tweak(&mut settings);
        let clients = Clients::connect(&settings).await.expect("clients");
        let mut server = ServerSettings::new(false, Some("test".into()));
        server.clock = Arc::new(move || clock.now() as i64);
        let state = AppState {
            upstream: Arc::new(AwsUpstream::new(clients, &settings)),
            settings: Arc::new(server),
            assets: Arc::new(Assets::empty()),
        };
        Self {
            app: app(state),
            running,
        }
    }

    pub fn emulator(&self) -> &emulator::Emulator {
        self.running.emulator()
    }

    pub async fn get(&self, uri: &str) -> Answer {
        self.request(Method::GET, uri, Body::empty(), &[]).await
    }

    pub async fn put_json(&self, uri: &str, body: Value) -> Answer {
        self.request(
            Method::PUT,
            uri,
            Body::from(body.to_string()),
            &[("content-type", "application/json")],
        )
        .await
    }

    pub async fn request(
        &self,
        method: Method,
        uri: &str,
        body: Body,
        headers: &[(&str, &str)],
    ) -> Answer {
        send(&self.app, method, uri, body, headers).await
    }
}

pub fn scenario_config(scenario: ScenarioName) -> EmulatorConfig {
    EmulatorConfig {
        scenario,
        live: false,
        operation_seconds: 30.0,
        clock: Clock::manual(NOW),
        ..EmulatorConfig::default()
    }
}

pub async fn send(
    app: &Router,
    method: Method,
    uri: &str,
    body: Body,
    headers: &[(&str, &str)],
) -> Answer {
    // runtrace's own pages mark every change with this header (the CSRF check wants it).
    let marks_itself = headers.iter().any(|(name, _)| *name == "x-runtrace-csrf");
    let mut request = Request::builder().method(method.clone()).uri(uri);
    if method != Method::GET && !marks_itself {
        request = request.header("x-runtrace-csrf", "1");
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(body).expect("a valid request");
    answer(app, request).await
}

/// The app with `assets` and an AWS endpoint nobody listens on: for tests of everything that
/// does not reach AWS (static files, input validation, unreachable upstream).
pub async fn app_without_aws(assets: Assets, read_only: bool) -> Router {
    let mut settings = AwsSettings::endpoint(
        "http://127.0.0.1:9",
        vec!["us-east-1".into()],
        ("test", "test"),
    );
    settings.retry.initial_backoff = Duration::from_millis(5);
    settings.retry.max_backoff = Duration::from_millis(20);
    let clients = Clients::connect(&settings).await.expect("clients");
    let state = AppState {
        upstream: Arc::new(AwsUpstream::new(clients, &settings)),
        settings: Arc::new(ServerSettings::new(read_only, None)),
        assets: Arc::new(assets),
    };
    app(state)
}
