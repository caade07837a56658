//! AWS failing: throttling and server faults injected by the emulator (the SDK retries, then the
//! route answers — never hangs), refused credentials, an endpoint nobody listens on, an answer
//! slower than the server's time limit.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use backend::aws::CredentialSource;
use backend::http::assets::Assets;
use emulator::{FaultConfig, ScenarioName};

use crate::common::{Answer, Harness, Setup, app_without_aws, scenario_config, send};

/// The movies scenario with `faults` injected and the app as `tweak` sets it up; the answer
/// to GET `uri`, which must be the `expect`ed status and error code.
async fn failing(
    faults: FaultConfig,
    tweak: impl FnOnce(&mut Setup),
    uri: &str,
    expect: (StatusCode, &str),
) -> (Harness, Answer) {
    let harness = Harness::with(scenario_config(ScenarioName::Movies), tweak).await;
    harness.emulator().faults.set(faults);
    let answer = harness.get(uri).await;
    assert_eq!(answer.refusal(), expect, "{uri}: {}", answer.body);
    (harness, answer)
}

fn header(answer: &Answer, name: header::HeaderName) -> Option<&[u8]> {
    answer.headers.get(name).map(|v| v.as_bytes())
}

fn message(answer: &Answer) -> &str {
    answer.body["message"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn throttling_after_retries_is_503_with_retry_after() {
    let throttled = FaultConfig {
        throttle_ratio: 1.0,
        ..FaultConfig::default()
    };
    let uri = "/api/v1/map?window=15m";
    let expect = (StatusCode::SERVICE_UNAVAILABLE, "throttled");
    let (harness, answer) = failing(throttled, |_| {}, uri, expect).await;
    assert_eq!(answer.body["detail"]["aws_code"], "ThrottledException");
    assert_eq!(header(&answer, header::RETRY_AFTER), Some(&b"5"[..]));

    // Once AWS recovers, the same request works: errors are not cached.
    harness.emulator().faults.set(FaultConfig::default());
    harness.ok(uri).await;
}

#[tokio::test]
async fn server_faults_after_retries_are_502() {
    let failed = FaultConfig {
        error_ratio: 1.0,
        ..FaultConfig::default()
    };
    let expect = (StatusCode::BAD_GATEWAY, "upstream_error");
    let (harness, _) = failing(failed, |_| {}, "/api/v1/groups", expect).await;
    // runtrace itself is alive.
    let health = harness.ok("/api/v1/health").await;
    assert_eq!(health["ok"], false);
    assert_eq!(health["upstream"]["reachable"], false);
}

#[tokio::test]
async fn a_wrong_secret_is_401_with_what_to_do() {
    let wrong_secret = |setup: &mut Setup| {
        setup.aws.credentials = CredentialSource::Static {
            access_key_id: "test".into(),
            secret_access_key: "not-the-secret".into(),
        };
    };
    let expect = (StatusCode::UNAUTHORIZED, "unauthorized");
    let none = FaultConfig::default();
    let (_, answer) = failing(none, wrong_secret, "/api/v1/services", expect).await;
    assert!(message(&answer).contains("renew"), "{}", answer.body);
}

#[tokio::test]
async fn a_request_past_the_time_limit_gets_the_json_error_body() {
    let slow = FaultConfig {
        extra_latency_ms: 60_000,
        ..FaultConfig::default()
    };
    let short_limit = |setup: &mut Setup| setup.server.request_timeout = Duration::from_millis(200);
    // Through every layer: the auth layer, the deadline, the body limit, compression.
    let expect = (StatusCode::SERVICE_UNAVAILABLE, "upstream_unavailable");
    let (_, answer) = failing(slow, short_limit, "/api/v1/map?window=15m", expect).await;
    assert!(
        message(&answer).contains("gave up on this request after 0.2 s"),
        "{}",
        answer.body
    );
    let json = Some(&b"application/json"[..]);
    assert_eq!(header(&answer, header::CONTENT_TYPE), json);
    assert!(answer.headers.contains_key("x-request-id"));
}

#[tokio::test]
async fn an_unreachable_endpoint_is_503_and_health_says_so() {
    let app = app_without_aws(Assets::empty(), false).await;
    let get = |uri: &'static str| send(&app, Method::GET, uri, Body::empty(), &[]);
    let map = get("/api/v1/map").await;
    assert_eq!(
        map.refusal(),
        (StatusCode::SERVICE_UNAVAILABLE, "upstream_unavailable"),
        "{}",
        map.body
    );
    let health = get("/api/v1/health").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.body["ok"], false);
    assert!(health.body["upstream"]["message"].is_string());
}

#[tokio::test]
async fn health_reports_a_reachable_upstream() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let health = harness.ok("/api/v1/health").await;
    assert_eq!(health["ok"], true);
    assert!(
        health["upstream"]["latency_ms"]
            .as_f64()
            .is_some_and(|ms| ms >= 0.0)
    );
    let config = harness.get("/api/v1/config").await;
    assert_eq!(config.body["regions"], serde_json::json!(["us-east-1"]));
    assert_eq!(config.body["read_only"], false);
}
