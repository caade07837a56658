//! The access-control tests' part of the harness (`tests/support`): the `movies` scenario, the
//! app with the given auth settings, requests sent exactly as given with an optional peer
//! address, and the tokens, keys and headers the tests use.

#![allow(dead_code)] // Each test file uses its own part of the harness.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::http::Method;
use backend::auth::embed::KeyRing;
use backend::auth::embed::keys::parse_key;
use backend::auth::tokens::TokenStore;
use backend::auth::{AuditLog, AuthSettings, Mode, Policy};
use backend::http::assets::Assets;
use emulator::ScenarioName;

pub const NOW: i64 = support_harness::NOW as i64;
pub const SERVICE: &str = "/api/v1/services/us-east-1/movies_app";
pub const TRACING: &str = "/api/v1/services/us-east-1/movies_app/tracing";
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

#[path = "../support/answer.rs"]
mod support_answer;
#[path = "../support/harness.rs"]
mod support_harness;
pub use support_answer::Answer;
use support_harness::{Harness, scenario_config, send_exactly};

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
        policy: Policy {
            hosts: backend::auth::host::HostPolicy::new(&[], !matches!(mode, Mode::None))
                .expect("the default host policy"),
            mode,
            embed_keys,
        },
        audit: AuditLog::default(),
        frame_ancestors: "'self'".into(),
    }
}

/// The `movies` scenario and the app with `auth`; requests are sent exactly as given.
pub struct TestApp(Harness);

impl TestApp {
    pub async fn start(auth: AuthSettings, read_only: bool) -> Self {
        let config = scenario_config(ScenarioName::Movies);
        let harness = Harness::with(config, |setup| {
            setup.server.read_only = read_only;
            setup.server.auth = Arc::new(auth);
            setup.assets = bundle();
        })
        .await;
        Self(harness)
    }

    pub async fn get(&self, uri: &str, headers: &[(&str, &str)]) -> Answer {
        self.call(Method::GET, uri, headers, None).await
    }

    pub fn emulator(&self) -> &emulator::Emulator {
        self.0.emulator()
    }

    /// Turns tracing of `movies_app` on, with `headers`.
    pub async fn toggle(&self, headers: &[(&str, &str)]) -> Answer {
        self.call(Method::PUT, TRACING, headers, None).await
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
        send_exactly(&self.0.app, method, uri, body, headers, peer).await
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
