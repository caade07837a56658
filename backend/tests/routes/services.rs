use axum::http::StatusCode;
use emulator::ScenarioName;
use emulator::apprunner::{ServiceSeed, ServiceStatus};

use crate::common::Harness;

#[tokio::test]
async fn every_region_is_listed_with_tracing_state() {
    let harness = Harness::start(ScenarioName::Shop).await;
    let answer = harness.get("/api/v1/services").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let services = answer.body["services"].as_array().expect("a list");
    assert!(
        services.len() >= 10,
        "shop has a dozen services: {}",
        services.len()
    );
    for region in ["us-east-1", "eu-west-1"] {
        assert!(
            services.iter().any(|s| s["region"] == region),
            "no service in {region}"
        );
    }
    for service in services {
        assert!(
            service["tracing"]["enabled"].is_boolean(),
            "tracing unknown: {service}"
        );
        // shop runs two of its services on ECS Express (see emulator::scenario).
        let prefix = match service["kind"].as_str() {
            Some("ecs_express") => "arn:aws:ecs:",
            _ => "arn:aws:apprunner:",
        };
        assert!(
            service["arn"]
                .as_str()
                .is_some_and(|a| a.starts_with(prefix)),
            "{service}"
        );
    }
    assert_eq!(answer.body["failures"], serde_json::json!([]));
}

#[tokio::test]
async fn one_service_has_its_configuration_and_operations() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let answer = harness.get("/api/v1/services/us-east-1/movies_app").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let detail = &answer.body;
    assert_eq!(detail["service"]["name"], "movies_app");
    assert_eq!(detail["service"]["status"], "RUNNING");
    assert_eq!(detail["service"]["tracing"]["enabled"], true);
    assert_eq!(detail["observability"]["vendor"], "AWSXRAY");
    assert_eq!(
        detail["observability"]["arn"],
        detail["service"]["tracing"]["configuration_arn"]
    );
    assert!(detail["operations"].is_array());
}

#[tokio::test]
async fn unknown_services_and_regions_are_refused_clearly() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let missing = harness
        .get("/api/v1/services/us-east-1/no_such_service")
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.body["code"], "not_found");
    assert!(
        missing.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("no_such_service"))
    );

    let region = harness
        .get("/api/v1/services/mars-north-1/movies_app")
        .await;
    assert_eq!(region.status, StatusCode::BAD_REQUEST);
    assert_eq!(region.body["code"], "unknown_region");
}

#[tokio::test]
async fn a_service_created_after_the_list_is_found() {
    let harness = Harness::start(ScenarioName::Movies).await;
    assert_eq!(harness.get("/api/v1/services").await.status, StatusCode::OK);
    harness.emulator().apprunner.add_service(ServiceSeed {
        region: "us-east-1".into(),
        name: "late_arrival".into(),
        tracing_enabled: false,
        status: Some(ServiceStatus::Running),
        instance_role_arn: None,
    });
    let answer = harness.get("/api/v1/services/us-east-1/late_arrival").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["service"]["tracing"]["enabled"], false);
    assert_eq!(answer.body["observability"], serde_json::Value::Null);
}
