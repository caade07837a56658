//! What the Express routes refuse, and how one name on both kinds is told apart.

use axum::http::StatusCode;
use emulator::ScenarioName;
use emulator::apprunner::ServiceSeed;
use serde_json::json;

use crate::common::Harness;

const SEARCH: &str = "/api/v1/services/us-east-1/search";
const RECOMMENDATIONS: &str = "/api/v1/services/us-east-1/recommendations";

#[tokio::test]
async fn changes_that_cannot_be_made_are_refused_with_the_reason() {
    let harness = Harness::start(ScenarioName::Shop).await;
    let not_ours = harness
        .put_json(
            &format!("{RECOMMENDATIONS}/tracing"),
            json!({ "enabled": false }),
        )
        .await;
    assert_eq!(not_ours.status, StatusCode::CONFLICT, "{}", not_ours.body);
    assert_eq!(not_ours.body["code"], "conflict");
    assert!(
        not_ours.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("not set up by runtrace"))
    );
    let already = harness
        .put_json(
            &format!("{RECOMMENDATIONS}/tracing"),
            json!({ "enabled": true }),
        )
        .await;
    assert_eq!(already.status, StatusCode::CONFLICT, "{}", already.body);

    let check = |uri: String, status: StatusCode, code: &'static str| {
        let harness = &harness;
        async move {
            let answer = harness.get(&uri).await;
            assert_eq!(
                (answer.status, answer.body["code"].as_str()),
                (status, Some(code)),
                "{uri}: {}",
                answer.body
            );
        }
    };
    check(
        format!("{SEARCH}?kind=lambda"),
        StatusCode::BAD_REQUEST,
        "bad_request",
    )
    .await;
    check(
        format!("{SEARCH}?cluster=a/b"),
        StatusCode::BAD_REQUEST,
        "bad_request",
    )
    .await;
    check(
        format!("{SEARCH}?cluster=elsewhere"),
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    check(
        "/api/v1/services/us-east-1/abc?kind=ecs_express".into(),
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    check(
        format!("{SEARCH}/operations/not/valid?kind=ecs_express"),
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    check(
        format!("{SEARCH}/operations/0d9a4f4e-8c0a-4f8b-9d55-1f3f8f1b2c3d"),
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    check(
        format!("{SEARCH}/operations/bad.id"),
        StatusCode::BAD_REQUEST,
        "bad_request",
    )
    .await;
}

#[tokio::test]
async fn one_name_on_both_kinds_is_told_apart_by_kind() {
    let harness = Harness::start(ScenarioName::Shop).await;
    harness.emulator().apprunner.add_service(ServiceSeed {
        region: "us-east-1".into(),
        name: "search".into(),
        tracing_enabled: false,
        status: None,
        instance_role_arn: None,
    });
    let plain = harness.get(SEARCH).await;
    assert_eq!(
        plain.body["service"]["kind"], "app_runner",
        "{}",
        plain.body
    );
    let express = harness.get(&format!("{SEARCH}?kind=ecs_express")).await;
    assert_eq!(
        express.body["service"]["kind"], "ecs_express",
        "{}",
        express.body
    );
    let in_cluster = harness.get(&format!("{SEARCH}?cluster=default")).await;
    assert_eq!(
        in_cluster.body["service"]["arn"],
        express.body["service"]["arn"]
    );
    let list = harness.get("/api/v1/services").await;
    let kinds: Vec<&str> = list.body["services"]
        .as_array()
        .expect("services")
        .iter()
        .filter(|s| s["name"] == "search")
        .filter_map(|s| s["kind"].as_str())
        .collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
}
