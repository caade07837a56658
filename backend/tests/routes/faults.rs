//! AWS failing: throttling and server faults injected by the emulator (the SDK retries, then the
//! route answers — never hangs), refused credentials, an endpoint nobody listens on, an answer
//! slower than the server's time limit.

use std::time::Duration;

use axum::http::{StatusCode, header};
use backend::aws::CredentialSource;
use backend::http::assets::Assets;
use emulator::{FaultConfig, ScenarioName};

use crate::common::{Harness, app_without_aws, scenario_config, send};

#[tokio::test]
async fn throttling_after_retries_is_503_with_retry_after() {
    let harness = Harness::start(ScenarioName::Movies).await;
    harness.emulator().faults.set(FaultConfig {
        throttle_ratio: 1.0,
        ..FaultConfig::default()
    });
    let answer = harness.get("/api/v1/map?window=15m").await;
    assert_eq!(
        answer.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        answer.body
    );
    assert_eq!(answer.body["code"], "throttled");
    assert_eq!(answer.body["detail"]["aws_code"], "ThrottledException");
    assert_eq!(
        answer
            .headers
            .get(header::RETRY_AFTER)
            .map(|v| v.as_bytes()),
        Some(&b"5"[..])
    );

    // Once AWS recovers, the same request works: errors are not cached.
    harness.emulator().faults.set(FaultConfig::default());
    assert_eq!(
        harness.get("/api/v1/map?window=15m").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn server_faults_after_retries_are_502() {
    let harness = Harness::start(ScenarioName::Movies).await;
    harness.emulator().faults.set(FaultConfig {
        error_ratio: 1.0,
        ..FaultConfig::default()
    });
    let answer = harness.get("/api/v1/groups").await;
    assert_eq!(answer.status, StatusCode::BAD_GATEWAY, "{}", answer.body);
    assert_eq!(answer.body["code"], "upstream_error");
    let health = harness.get("/api/v1/health").await;
    assert_eq!(health.status, StatusCode::OK, "runtrace itself is alive");
    assert_eq!(health.body["ok"], false);
    assert_eq!(health.body["upstream"]["reachable"], false);
}

#[tokio::test]
async fn a_wrong_secret_is_401_with_what_to_do() {
    let harness = Harness::with(scenario_config(ScenarioName::Movies), |setup| {
        setup.aws.credentials = CredentialSource::Static {
            access_key_id: "test".into(),
            secret_access_key: "not-the-secret".into(),
        };
    })
    .await;
    let answer = harness.get("/api/v1/services").await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.body);
    assert_eq!(answer.body["code"], "unauthorized");
    assert!(
        answer.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("renew"))
    );
}

#[tokio::test]
async fn an_unreachable_endpoint_is_503_and_health_says_so() {
    let app = app_without_aws(Assets::empty(), false).await;
    let get = |uri: &'static str| {
        send(
            &app,
            axum::http::Method::GET,
            uri,
            axum::body::Body::empty(),
            &[],
        )
    };
    let map = get("/api/v1/map").await;
    assert_eq!(map.status, StatusCode::SERVICE_UNAVAILABLE, "{}", map.body);
    assert_eq!(map.body["code"], "upstream_unavailable");
    let health = get("/api/v1/health").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.body["ok"], false);
    assert!(health.body["upstream"]["message"].is_string());
}

#[tokio::test]
async fn health_reports_a_reachable_upstream() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let health = harness.get("/api/v1/health").await;
    assert_eq!(health.status, StatusCode::OK, "{}", health.body);
    assert_eq!(health.body["ok"], true);
    assert!(
        health.body["upstream"]["latency_ms"]
            .as_f64()
            .is_some_and(|ms| ms >= 0.0)
    );
    let config = harness.get("/api/v1/config").await;
    assert_eq!(config.body["regions"], serde_json::json!(["us-east-1"]));
    assert_eq!(config.body["read_only"], false);
}

#[tokio::test]
async fn a_request_past_the_time_limit_gets_the_json_error_body() {
    let harness = Harness::with(scenario_config(ScenarioName::Movies), |setup| {
        setup.server.request_timeout = Duration::from_millis(200);
    })
    .await;
    harness.emulator().faults.set(FaultConfig {
        extra_latency_ms: 60_000,
        ..FaultConfig::default()
    });
    // Through every layer: the auth layer, the deadline, the body limit, compression.
    let answer = harness.get("/api/v1/map?window=15m").await;
    assert_eq!(
        answer.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        answer.body
    );
    assert_eq!(answer.body["code"], "upstream_unavailable");
    assert!(
        answer.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("gave up on this request after 0.2 s")),
        "{}",
        answer.body
    );
    assert_eq!(
        answer
            .headers
            .get(header::CONTENT_TYPE)
            .map(|v| v.as_bytes()),
        Some(&b"application/json"[..])
    );
    assert!(answer.headers.contains_key("x-request-id"));
}
