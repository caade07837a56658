//! The whole tracing toggle, on the emulator's manual clock: off → the operation settles → the
//! service's traffic leaves the map; on → it comes back.

use axum::http::StatusCode;
use emulator::ScenarioName;
use emulator::apprunner::{ServiceSeed, ServiceStatus};
use serde_json::{Value, json};

use crate::common::{Harness, NOW};

const SERVICE: &str = "/api/v1/services/us-east-1/movies_app";
const OPERATION_SECONDS: f64 = 30.0;

/// Starts a change and follows its operation to the end; returns the final progress.
async fn toggle(harness: &Harness, enabled: bool) -> Value {
    let accepted = harness
        .put_json(&format!("{SERVICE}/tracing"), json!({ "enabled": enabled }))
        .await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);
    let id = accepted.body["operation_id"]
        .as_str()
        .expect("an operation id")
        .to_owned();
    let poll = format!("{SERVICE}/operations/{id}");

    let running = harness.ok(&poll).await;
    assert!(
        !["SUCCEEDED", "FAILED"].contains(&running["operation"]["status"].as_str().unwrap_or(""))
    );
    assert_eq!(running["service_status"], "OPERATION_IN_PROGRESS");
    assert_eq!(
        running["tracing"],
        Value::Null,
        "no final state while it runs"
    );

    // A second change while the first runs is refused, not lost.
    let busy = harness
        .put_json(
            &format!("{SERVICE}/tracing"),
            json!({ "enabled": !enabled }),
        )
        .await;
    assert_eq!(busy.status, StatusCode::CONFLICT, "{}", busy.body);
    assert_eq!(busy.body["code"], "service_busy");

    harness.emulator().clock.advance(OPERATION_SECONDS + 1.0);
    let done = harness.get(&poll).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.body["operation"]["status"], "SUCCEEDED");
    assert_eq!(done.body["service_status"], "RUNNING");
    assert_eq!(done.body["tracing"]["enabled"], enabled);
    done.body
}

/// Total requests the map shows for `movies_app` in `[from, to)` seconds after NOW.
async fn movies_app_requests(harness: &Harness, from: f64, to: f64) -> u64 {
    let (start, end) = ((NOW + from) as i64, (NOW + to) as i64);
    let map = harness
        .ok(&format!("/api/v1/map?start={start}&end={end}"))
        .await;
    map["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["name"] == "movies_app")
        .map(|n| n["stats"]["total"].as_u64().unwrap_or(0))
        .sum()
}

fn traffic(harness: &Harness, from: f64, to: f64) {
    emulator::scenario::generate(
        ScenarioName::Movies,
        harness.emulator(),
        7,
        NOW + from,
        NOW + to,
        2.0,
    );
}

#[tokio::test]
async fn turning_tracing_off_and_on_changes_the_map() {
    let harness = Harness::start(ScenarioName::Movies).await;

    let off = toggle(&harness, false).await;
    assert_eq!(off["tracing"]["configuration_arn"], Value::Null);
    traffic(&harness, 40.0, 100.0);
    assert_eq!(
        movies_app_requests(&harness, 40.0, 100.0).await,
        0,
        "tracing is off"
    );
    let listed = harness.get("/api/v1/services").await;
    assert_eq!(
        listed.body["services"][0]["tracing"]["enabled"], false,
        "the list is not stale"
    );

    let on = toggle(&harness, true).await;
    assert!(
        on["tracing"]["configuration_arn"]
            .as_str()
            .is_some_and(|a| a.contains("observabilityconfiguration"))
    );
    traffic(&harness, 140.0, 200.0);
    assert!(
        movies_app_requests(&harness, 140.0, 200.0).await > 0,
        "tracing is back on"
    );
}

#[tokio::test]
async fn a_paused_service_cannot_change_tracing() {
    let harness = Harness::start(ScenarioName::Empty).await;
    harness.emulator().apprunner.add_service(ServiceSeed {
        region: "us-east-1".into(),
        name: "sleepy".into(),
        tracing_enabled: false,
        status: Some(ServiceStatus::Paused),
        instance_role_arn: None,
    });
    let answer = harness
        .put_json(
            "/api/v1/services/us-east-1/sleepy/tracing",
            json!({"enabled": true}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.body);
    assert!(
        answer.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("PAUSED"))
    );
}

/// Enables tracing on a new service and returns the name of the configuration it got.
async fn configuration_chosen(harness: &Harness, name: &str) -> Value {
    harness.emulator().apprunner.add_service(ServiceSeed {
        region: "us-east-1".into(),
        name: name.into(),
        tracing_enabled: false,
        status: None,
        instance_role_arn: None,
    });
    let url = format!("/api/v1/services/us-east-1/{name}");
    let accepted = harness
        .put_json(&format!("{url}/tracing"), json!({"enabled": true}))
        .await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);
    harness.emulator().clock.advance(OPERATION_SECONDS + 1.0);
    let detail = harness.get(&url).await;
    assert_eq!(
        detail.body["service"]["tracing"]["enabled"], true,
        "{}",
        detail.body
    );
    assert_eq!(detail.body["observability"]["status"], "ACTIVE");
    assert_eq!(detail.body["observability"]["vendor"], "AWSXRAY");
    detail.body["observability"]["name"].clone()
}

#[tokio::test]
async fn an_active_xray_configuration_is_reused_and_runtrace_own_preferred() {
    let harness = Harness::start(ScenarioName::Empty).await;
    // Every region has App Runner's X-Ray `DefaultConfiguration`: nothing needs creating.
    assert_eq!(
        configuration_chosen(&harness, "first_svc").await,
        "DefaultConfiguration"
    );
    let created = harness.emulator().apprunner.handle(
        "us-east-1",
        "CreateObservabilityConfiguration",
        br#"{"ObservabilityConfigurationName": "runtrace-xray", "TraceConfiguration": {"Vendor": "AWSXRAY"}}"#,
    );
    assert!(created.is_ok(), "{created:?}");
    assert_eq!(
        configuration_chosen(&harness, "second_svc").await,
        "runtrace-xray"
    );
}

#[tokio::test]
async fn an_unknown_operation_is_not_found() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let operation = |id: &str| format!("{SERVICE}/operations/{id}");
    harness
        .check_refusals(&[
            (
                operation("0d9a4f4e-8c0a-4f8b-9d55-1f3f8f1b2c3d"),
                (StatusCode::NOT_FOUND, "not_found"),
            ),
            (
                operation("not-a-uuid"),
                (StatusCode::BAD_REQUEST, "bad_request"),
            ),
        ])
        .await;
}
