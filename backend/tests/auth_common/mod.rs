//! The harness of the access-control tests: the `movies` scenario on a loopback emulator, the
//! app with the given auth settings, requests with an optional peer address.

#![allow(dead_code)] // Each test file uses its own part of the harness.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{Method, Request};
use backend::auth::embed::KeyRing;
use backend::auth::embed::keys::parse_key;
use backend::auth::tokens::TokenStore;
use backend::auth::{AuditLog, AuthSettings, Mode, Policy};
use backend::aws::{AwsSettings, AwsUpstream, Clients};
use backend::http::assets::Assets;
use backend::http::{AppState, ServerSettings, app};
use emulator::{Clock, EmulatorConfig, RunningEmulator, ScenarioName};

pub const NOW: i64 = 1_795_000_000;
pub const SERVICE: &str = "/api/v1/services/us-east-1/movies_app";
pub const ALICE: &str = "alice-operator-0123456789";
pub const WALL: &str = "wall-viewer-0123456789";
pub const OLD_KEY: &str = "old:old-secret-0123456789abcdef0123456789";
pub const NEW_KEY: &str = "new:new-secret-0123456789abcdef0123456789";
/// What runtrace's own pages send with a change.
pub const SAME_ORIGIN: [(&str, &str); 4] = [
    ("content-type", "application/json"),
    ("x-runtrace-csrf", "1"),
    ("sec-fetch-site", "same-origin"),
    ("host", "127.0.0.1:8080"),
];

pub struct TestApp {
    pub app: Router,
    pub running: RunningEmulator,
}

#[path = "../support/answer.rs"]
mod support_answer;
pub use support_answer::Answer;

impl Answer {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }
}

pub fn tokens() -> Mode {
    let text = format!("operator:alice:{ALICE}\nviewer:wall-screen:{WALL}");
    Mode::Token(TokenStore::parse(&text, "test tokens").expect("valid tokens"))
}

pub fn keys(keys: &[&str]) -> KeyRing {
    let keys = keys
        .iter()
        .map(|k| parse_key(k).expect("a valid key"))
        .collect();
    KeyRing::new(keys).expect("a key ring")
}

pub fn settings(mode: Mode, embed_keys: Option<KeyRing>) -> AuthSettings {
    AuthSettings {
        policy: Policy { mode, embed_keys },
        audit: AuditLog::default(),
        frame_ancestors: "'self'".into(),
    }
}

impl TestApp {
    pub async fn start(auth: AuthSettings, read_only: bool) -> Self {
        let config = EmulatorConfig {
            scenario: ScenarioName::Movies,
            live: false,
            operation_seconds: 30.0,
            clock: Clock::manual(NOW as f64),
            ..EmulatorConfig::default()
        };
        let clock = config.clock.clone();
        let running = emulator::start(config).await.expect("the emulator starts");
        let settings = AwsSettings::endpoint(
            &running.endpoint_url(),
            vec!["us-east-1".into()],
            ("test", "test"),
        );
        let clients = Clients::connect(&settings).await.expect("clients");
        let mut server = ServerSettings::new(read_only, Some("movies".into()));
        server.clock = Arc::new(move || clock.now() as i64);
        server.auth = Arc::new(auth);
        let state = AppState {
            upstream: Arc::new(AwsUpstream::new(clients, &settings)),
            settings: Arc::new(server),
            assets: Arc::new(bundle()),
        };
        Self {
            app: app(state),
            running,
        }
    }

    pub async fn get(&self, uri: &str, headers: &[(&str, &str)]) -> Answer {
        self.call(Method::GET, uri, headers, None).await
    }

    /// Turns tracing of `movies_app` on, with `headers`.
    pub async fn toggle(&self, headers: &[(&str, &str)]) -> Answer {
        self.call(Method::PUT, &format!("{SERVICE}/tracing"), headers, None)
            .await
    }

    pub async fn call(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        peer: Option<&str>,
    ) -> Answer {
        let body = if method == Method::PUT {
            Body::from(r#"{"enabled": true}"#)
        } else {
            Body::empty()
        };
        let mut request = Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut request = request.body(body).expect("a valid request");
        if let Some(peer) = peer {
            let peer: SocketAddr = peer.parse().expect("a socket address");
            request.extensions_mut().insert(ConnectInfo(peer));
        }
        support_answer::answer(&self.app, request).await
    }
}

/// `headers` plus `extra`.
pub fn with<'a>(
    headers: &[(&'a str, &'a str)],
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    headers.iter().chain(extra).copied().collect()
}

fn bundle() -> Assets {
    let index = "<html><head><script type=\"module\">init();</script></head><body></body></html>";
    Assets::from_files(vec![
        ("index.html".to_owned(), Bytes::from(index)),
        ("app-0123.js".to_owned(), Bytes::from("export default 1;")),
    ])
}
