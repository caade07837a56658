use axum::http::StatusCode;
use emulator::ScenarioName;
use emulator::apprunner::{ServiceSeed, ServiceStatus};

use crate::common::Harness;

#[tokio::test]
async fn every_region_is_listed_with_tracing_state() {
    let harness = Harness::start(ScenarioName::Shop).await;
    let answer = harness.ok("/api/v1/services").await;
    let services = answer["services"].as_array().expect("a list");
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
    assert_eq!(answer["failures"], serde_json::json!([]));
}

#[tokio::test]
async fn one_service_has_its_configuration_and_operations() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let answer = harness.ok("/api/v1/services/us-east-1/movies_app").await;
    let detail = &answer;
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
    assert_eq!(missing.refusal(), (StatusCode::NOT_FOUND, "not_found"));
    assert!(
        missing.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("no_such_service"))
    );

    let region = "/api/v1/services/mars-north-1/movies_app";
    harness
        .check_refusals(&[(region, (StatusCode::BAD_REQUEST, "unknown_region"))])
        .await;
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
    let answer = harness.ok("/api/v1/services/us-east-1/late_arrival").await;
    assert_eq!(answer["service"]["tracing"]["enabled"], false);
    assert_eq!(answer["observability"], serde_json::Value::Null);
}

/// The DescribeService calls one list of `harness`'s services makes.
async fn describes_of_one_list(harness: &Harness) -> (serde_json::Value, u64) {
    harness.emulator().calls.reset();
    let list = harness.ok("/api/v1/services").await;
    let calls = harness.emulator().calls.snapshot();
    (
        list,
        calls.get("apprunner:DescribeService").copied().unwrap_or(0),
    )
}

fn tracing_of(list: &serde_json::Value, name: &str) -> serde_json::Value {
    let services = list["services"].as_array().expect("a list");
    let service = services.iter().find(|s| s["name"] == name);
    service.map_or(serde_json::Value::Null, |s| s["tracing"]["enabled"].clone())
}

#[tokio::test]
async fn a_list_describes_only_the_services_that_changed() {
    // The read cache off: every list asks ListServices, and only the descriptions are reused.
    let harness = Harness::with(
        crate::common::scenario_config(ScenarioName::Movies),
        |setup| setup.aws.cache_ttl = std::time::Duration::ZERO,
    )
    .await;
    let (first, cold) = describes_of_one_list(&harness).await;
    assert!(cold >= 1, "the first list describes every service");
    assert_eq!(tracing_of(&first, "movies_app"), true);
    let (_, warm) = describes_of_one_list(&harness).await;
    assert_eq!(warm, 0, "nothing changed, nothing is described again");

    // A change shows in the listing (status, UpdatedAt): that service, and only it, is fresh.
    let accepted = harness
        .put_json(
            "/api/v1/services/us-east-1/movies_app/tracing",
            serde_json::json!({ "enabled": false }),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);
    let (changing, described) = describes_of_one_list(&harness).await;
    assert_eq!(described, 1);
    let status = |list: &serde_json::Value| {
        let services = list["services"].as_array().expect("a list");
        services
            .iter()
            .find(|s| s["name"] == "movies_app")
            .map(|s| s["status"].clone())
    };
    assert_eq!(status(&changing), Some("OPERATION_IN_PROGRESS".into()));
    // The operation ends (App Runner applies the configuration then): described once more.
    harness.emulator().clock.advance(31.0);
    let (changed, described) = describes_of_one_list(&harness).await;
    assert_eq!(described, 1);
    assert_eq!(status(&changed), Some("RUNNING".into()));
    assert_eq!(tracing_of(&changed, "movies_app"), false);
}
