//! Turning an ECS Express service's tracing on is a change like any other: audited, refused
//! without the operator's same-origin request, and not served at all in read-only mode.

mod auth_common;

use axum::http::{Method, StatusCode};
use backend::auth::{AuditLog, Mode};
use emulator::ecs::ExpressSeed;
use serde_json::Value;

use auth_common::{SAME_ORIGIN, TestApp, settings};

const CHANGE: &str = "/api/v1/services/us-east-1/orders-api/tracing?kind=ecs_express";

fn add_express_service(app: &TestApp) {
    app.emulator().ecs.add_express_service(ExpressSeed {
        region: "us-east-1".into(),
        name: "orders-api".into(),
        image: "orders-api:1".into(),
        environment: vec![(
            "OTEL_EXPORTER_OTLP_ENDPOINT".into(),
            "http://localhost:4317".into(),
        )],
        task_role_arn: Some("arn:aws:iam::123456789012:role/orders-api-task".into()),
    });
}

#[tokio::test]
async fn an_express_change_is_audited_and_needs_a_same_origin_request() {
    let dir = std::env::temp_dir().join(format!("runtrace-auth-express-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join("audit.jsonl");
    let mut auth = settings(Mode::None, None);
    auth.audit = AuditLog::open(&path).expect("the audit log opens");
    let app = TestApp::start(auth, false).await;
    add_express_service(&app);

    let cross_site = app
        .call(
            Method::PUT,
            CHANGE,
            &[("sec-fetch-site", "cross-site")],
            None,
        )
        .await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    let accepted = app.call(Method::PUT, CHANGE, &SAME_ORIGIN, None).await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{:?}", accepted.body);
    assert!(accepted.body["express"]["deployment_arn"].is_string());

    let text = std::fs::read_to_string(&path).expect("the audit log");
    let lines: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    for (line, result) in lines.iter().zip(["refused", "ok"]) {
        assert_eq!(line["service"], "orders-api");
        assert_eq!(line["region"], "us-east-1");
        assert_eq!(line["result"], result);
    }
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn read_only_serves_no_express_change_either() {
    let app = TestApp::start(settings(Mode::None, None), true).await;
    add_express_service(&app);
    let change = app.call(Method::PUT, CHANGE, &SAME_ORIGIN, None).await;
    assert!(
        matches!(
            change.status,
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
        ),
        "{:?} {:?}",
        change.status,
        change.body
    );
    let read = app
        .get(
            "/api/v1/services/us-east-1/orders-api?kind=ecs_express",
            &SAME_ORIGIN,
        )
        .await;
    assert_eq!(read.status, StatusCode::OK, "{:?}", read.body);
    let environment = app.emulator().ecs.export("us-east-1", "orders-api");
    assert_eq!(
        environment,
        Some(emulator::ecs::Export::LocalCollector),
        "unchanged"
    );
}
