//! The one harness of the backend's integration tests: the emulator on a loopback port with a
//! manual clock, and the app pointed at it through the same AWS code path `runtrace demo` uses,
//! driven with `oneshot` (no socket for the app). Shared by the route and the access-control
//! tests (included with `#[path]`, since each test binary is its own crate).

#![allow(dead_code)] // Each test binary uses its own part of the harness.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode};
use backend::aws::{AwsSettings, AwsUpstream, Clients, RetrySettings};
use backend::http::assets::Assets;
use backend::http::{AppState, ServerSettings, app};
use emulator::{Clock, EmulatorConfig, RunningEmulator, ScenarioName};
use serde_json::Value;

use super::support_answer::{Answer, answer};

/// A fixed "now" for the emulator's manual clock: every test sees the same history.
pub const NOW: f64 = 1_795_000_000.0;

/// Everything the app is started with besides the emulator; a test changes what it is about.
pub struct Setup {
    pub aws: AwsSettings,
    pub server: ServerSettings,
    pub assets: Assets,
}

impl Setup {
    /// `endpoint` for `regions`, static test credentials, retries as in production with short
    /// waits (so failing tests stay fast), read-write, no sign-in, no bundle.
    pub fn new(endpoint: &str, regions: Vec<String>) -> Self {
        let mut aws = AwsSettings::endpoint(endpoint, regions, ("test", "test"));
        aws.retry = RetrySettings {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
        };
        Self {
            aws,
            server: ServerSettings::new(false, Some("test".into())),
            assets: Assets::empty(),
        }
    }

    pub async fn app(self) -> Router {
        let clients = Clients::connect(&self.aws).await.expect("clients");
        app(AppState {
            upstream: Arc::new(AwsUpstream::new(clients, &self.aws)),
            settings: Arc::new(self.server),
            assets: Arc::new(self.assets),
        })
    }
}

pub struct Harness {
    pub app: Router,
    pub running: RunningEmulator,
}

impl Harness {
    /// The scenario on a manual clock, without live traffic, with operations that take 30 s.
    pub async fn start(scenario: ScenarioName) -> Self {
        Self::with(scenario_config(scenario), |_| {}).await
    }

    /// The emulator with `config`; the app on the emulator's clock, as `tweak` sets it up.
    pub async fn with(config: EmulatorConfig, tweak: impl FnOnce(&mut Setup)) -> Self {
        let regions = config
            .scenario
            .regions()
            .iter()
            .map(|r| (*r).to_owned())
            .collect();
        let clock = config.clock.clone();
        let running = emulator::start(config).await.expect("the emulator starts");
        let mut setup = Setup::new(&running.endpoint_url(), regions);
        setup.server.clock = Arc::new(move || clock.now() as i64);
        tweak(&mut setup);
        Self {
            app: setup.app().await,
            running,
        }
    }

    pub fn emulator(&self) -> &emulator::Emulator {
        self.running.emulator()
    }

    pub async fn get(&self, uri: &str) -> Answer {
        self.request(Method::GET, uri, Body::empty(), &[]).await
    }

    /// GET `uri`, which must answer 200: its body.
    pub async fn ok(&self, uri: &str) -> Value {
        let answer = self.get(uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
        answer.body
    }

    /// Each GET of `cases` answers its status and error code.
    pub async fn check_refusals(&self, cases: &[(impl AsRef<str>, (StatusCode, &str))]) {
        for (uri, expect) in cases {
            let answer = self.get(uri.as_ref()).await;
            assert_eq!(
                answer.refusal(),
                *expect,
                "{}: {}",
                uri.as_ref(),
                answer.body
            );
        }
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

/// The app with `assets` and an AWS endpoint nobody listens on: for tests of everything that
/// does not reach AWS (static files, input validation, unreachable upstream).
pub async fn app_without_aws(assets: Assets, read_only: bool) -> Router {
    let mut setup = Setup::new("http://127.0.0.1:9", vec!["us-east-1".into()]);
    setup.server = ServerSettings::new(read_only, None);
    setup.assets = assets;
    setup.app().await
}

/// One request as runtrace's own pages send it: a change carries the CSRF header unless
/// `headers` name it.
pub async fn send(
    app: &Router,
    method: Method,
    uri: &str,
    body: Body,
    headers: &[(&str, &str)],
) -> Answer {
    let marks_itself = headers.iter().any(|(name, _)| *name == "x-runtrace-csrf");
    let mut all = headers.to_vec();
    if method != Method::GET && !marks_itself {
        all.push(("x-runtrace-csrf", "1"));
    }
    send_exactly(app, method, uri, body, &all, None).await
}

/// One request with exactly these headers, from `peer` (an address, when the test is about
/// who is asking).
pub async fn send_exactly(
    app: &Router,
    method: Method,
    uri: &str,
    body: Body,
    headers: &[(&str, &str)],
    peer: Option<&str>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = request.body(body).expect("a valid request");
    if let Some(peer) = peer {
        let peer: SocketAddr = peer.parse().expect("a socket address");
        request.extensions_mut().insert(ConnectInfo(peer));
    }
    answer(app, request).await
}
