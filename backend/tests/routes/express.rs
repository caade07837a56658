//! ECS Express services beside App Runner ones, on `shop` mid-migration and the emulator's
//! manual clock: both kinds in one list, the trapped service "configured" with no spans, its
//! page, turning its tracing on (the canary deployment followed to its end, its spans then on
//! the map) and off again (exactly what was added removed), and a rollback. Refusals:
//! `express_refusals`.

use axum::http::StatusCode;
use emulator::{FaultConfig, ScenarioName};
use serde_json::{Value, json};

use crate::common::{Harness, NOW};

const SEARCH: &str = "/api/v1/services/us-east-1/search";
const RECOMMENDATIONS: &str = "/api/v1/services/us-east-1/recommendations";
/// The emulator's default deployment time.
const DEPLOYMENT_SECONDS: f64 = 30.0;
const XRAY: &str = "https://xray.us-east-1.amazonaws.com/v1/traces";

fn by_name<'a>(list: &'a Value, name: &str) -> &'a Value {
    list["services"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["name"] == name))
        .unwrap_or_else(|| panic!("{name} is not listed: {list}"))
}

/// The search service's environment as ECS holds it.
fn search_environment(harness: &Harness) -> Value {
    let described = harness
        .emulator()
        .ecs
        .handle(
            "us-east-1",
            "DescribeExpressGatewayService",
            br#"{"serviceArn": "arn:aws:ecs:us-east-1:123456789012:service/default/search"}"#,
        )
        .expect("described");
    let configurations = &described["service"]["activeConfigurations"];
    assert_eq!(configurations.as_array().map(Vec::len), Some(1));
    configurations[0]["primaryContainer"]["environment"].clone()
}

#[tokio::test]
async fn both_kinds_are_listed_and_the_trap_is_configured_without_spans() {
    let harness = Harness::start(ScenarioName::Shop).await;
    let list = harness.get("/api/v1/services").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert_eq!(list.body["failures"], json!([]));

    let search = by_name(&list.body, "search");
    assert_eq!(search["kind"], "ecs_express");
    assert_eq!(search["status"], "RUNNING");
    assert_eq!(search["tracing"]["enabled"], false);
    let express = &search["express"];
    assert_eq!(express["status"], "ACTIVE");
    assert_eq!(express["cluster"], "default");
    assert_eq!(express["setup"]["state"], "configured");
    assert_eq!(express["setup"]["exporter"], "local_collector");
    assert_eq!(express["spans"]["arriving"], false);
    assert_eq!(express["deployment"]["status"], "SUCCESSFUL");
    let url = express["url"].as_str().expect("a URL");
    assert!(
        url.starts_with("https://") && url.ends_with(".ecs.us-east-1.on.aws"),
        "{url}"
    );
    assert_eq!(search["url"].as_str(), url.strip_prefix("https://"));
    assert_eq!(
        shared::api::express::tracing_label(
            serde_json::from_value(express["setup"].clone())
                .ok()
                .as_ref(),
            serde_json::from_value(express["spans"].clone())
                .ok()
                .as_ref(),
        ),
        "configured, no spans arriving in the last 15 min"
    );

    let recommendations = by_name(&list.body, "recommendations");
    assert_eq!(recommendations["tracing"]["enabled"], true);
    assert_eq!(recommendations["express"]["setup"]["exporter"], "xray_otlp");
    assert_eq!(recommendations["express"]["spans"]["arriving"], true);
    assert_eq!(
        recommendations["express"]["spans"]["node"],
        json!({"name": "recommendations", "type": "AWS::ECS::Fargate"})
    );

    let frontend = by_name(&list.body, "frontend");
    assert_eq!(frontend["kind"], "app_runner");
    assert!(
        frontend.get("express").is_none(),
        "App Runner rows are unchanged"
    );
}

#[tokio::test]
async fn the_page_of_an_express_service_shows_its_configuration_and_what_a_change_does() {
    let harness = Harness::start(ScenarioName::Shop).await;
    let answer = harness.get(SEARCH).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let detail = &answer.body;
    assert_eq!(detail["service"]["kind"], "ecs_express");
    let express = &detail["express"];
    let configuration = &express["configuration"];
    assert!(
        configuration["image"]
            .as_str()
            .is_some_and(|i| i.ends_with("/search:latest"))
    );
    assert_eq!(
        (
            configuration["cpu"].as_str(),
            configuration["memory"].as_str()
        ),
        (Some("512"), Some("1024"))
    );
    assert_eq!(configuration["scaling"]["metric"], "AVERAGE_CPU");
    assert_eq!(
        configuration["task_role_arn"],
        "arn:aws:iam::123456789012:role/search-task"
    );
    assert_eq!(detail["instance_role_arn"], configuration["task_role_arn"]);
    assert!(express["infrastructure_role_arn"].is_string());
    let otel: Vec<&str> = configuration["otel_environment"]
        .as_array()
        .expect("OTel variables")
        .iter()
        .filter_map(|v| v["name"].as_str())
        .collect();
    assert!(
        otel.contains(&"OTEL_EXPORTER_OTLP_ENDPOINT") && !otel.contains(&"LOG_LEVEL"),
        "{otel:?}"
    );
    assert_eq!(express["active_configurations"], 1);
    assert_eq!(express["deployments"][0]["status"], "SUCCESSFUL");
    assert_eq!(detail["operations"][0]["status"], "SUCCEEDED");
    let plan = &express["plan"];
    let turn_on = plan["turn_on"].as_array().expect("changes");
    assert!(
        turn_on
            .iter()
            .any(|c| c["name"] == "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" && c["to"] == XRAY)
    );
    assert!(
        plan["turn_off_refused"]
            .as_str()
            .is_some_and(|r| r.contains("not set up by runtrace"))
    );
    // The emulator's default, as an account before Transaction Search: the page can offer it.
    assert_eq!(express["transaction_search"]["destination"], "XRay");
    assert_eq!(express["transaction_search"]["all_spans"], false);

    let traced = harness.get(RECOMMENDATIONS).await;
    assert_eq!(traced.status, StatusCode::OK, "{}", traced.body);
    assert!(
        traced.body["express"]["plan"]["turn_on_refused"]
            .as_str()
            .is_some_and(|r| r.contains("already exports"))
    );
    assert_eq!(
        traced.body["service"]["express"]["spans"]["node"]["type"],
        "AWS::ECS::Fargate"
    );
}

/// Starts a tracing change on `search` and returns the poll URL.
async fn change(harness: &Harness, enabled: bool) -> String {
    let accepted = harness
        .put_json(&format!("{SEARCH}/tracing"), json!({ "enabled": enabled }))
        .await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);
    let id = accepted.body["operation_id"]
        .as_str()
        .expect("a deployment id");
    let express = &accepted.body["express"];
    assert!(
        express["deployment_arn"]
            .as_str()
            .is_some_and(|a| a.ends_with(id))
    );
    assert!(express["changes"].as_array().is_some_and(|c| !c.is_empty()));
    if enabled {
        // Reported with the change, so the page can say the OTLP endpoint needs it.
        assert_eq!(express["transaction_search"]["destination"], "XRay");
        assert_eq!(express["transaction_search"]["all_spans"], false);
    }
    format!("{SEARCH}/operations/{id}")
}

#[tokio::test]
async fn turning_tracing_on_follows_the_canary_and_then_spans_reach_the_map() {
    let harness = Harness::start(ScenarioName::Shop).await;
    let before = search_environment(&harness);
    let poll = change(&harness, true).await;

    harness.emulator().clock.advance(0.3 * DEPLOYMENT_SECONDS);
    let canary = harness.get(&poll).await;
    assert_eq!(canary.status, StatusCode::OK, "{}", canary.body);
    assert_eq!(canary.body["operation"]["status"], "IN_PROGRESS");
    assert_eq!(canary.body["service_status"], "OPERATION_IN_PROGRESS");
    assert_eq!(
        canary.body["deployment"]["stage"],
        "PRODUCTION_TRAFFIC_SHIFT"
    );
    assert_eq!(canary.body["deployment"]["target_weight"], 5.0);
    assert_eq!(canary.body["tracing"], Value::Null);
    let busy = harness
        .put_json(&format!("{SEARCH}/tracing"), json!({ "enabled": false }))
        .await;
    assert_eq!(busy.status, StatusCode::CONFLICT, "{}", busy.body);
    assert_eq!(busy.body["code"], "service_busy");

    harness.emulator().clock.advance(DEPLOYMENT_SECONDS);
    let done = harness.get(&poll).await;
    assert_eq!(
        done.body["operation"]["status"], "SUCCEEDED",
        "{}",
        done.body
    );
    assert_eq!(done.body["service_status"], "RUNNING");
    assert_eq!(done.body["tracing"]["enabled"], true);

    emulator::scenario::generate(
        ScenarioName::Shop,
        harness.emulator(),
        5,
        NOW + 40.0,
        NOW + 160.0,
        2.0,
    );
    let (start, end) = ((NOW + 40.0) as i64, (NOW + 160.0) as i64);
    let map = harness
        .get(&format!("/api/v1/map?start={start}&end={end}"))
        .await;
    assert_eq!(map.status, StatusCode::OK, "{}", map.body);
    let search_node = map.body["nodes"].as_array().and_then(|nodes| {
        nodes
            .iter()
            .find(|n| n["name"] == "search" && n["node_type"] == "AWS::ECS::Fargate")
    });
    assert!(
        search_node.is_some(),
        "search is on the map: {}",
        map.body["nodes"]
    );
    harness.emulator().clock.advance(200.0);
    let list = harness.get("/api/v1/services").await;
    let express = &by_name(&list.body, "search")["express"];
    assert_eq!(express["spans"]["arriving"], true, "{express}");
    assert!(
        express["setup"]["set_by_runtrace"]
            .as_bool()
            .unwrap_or(false)
    );

    let poll = change(&harness, false).await;
    harness.emulator().clock.advance(DEPLOYMENT_SECONDS + 1.0);
    let off = harness.get(&poll).await;
    assert_eq!(off.body["operation"]["status"], "SUCCEEDED", "{}", off.body);
    assert_eq!(off.body["tracing"]["enabled"], false);
    assert_eq!(
        search_environment(&harness),
        before,
        "exactly what was added is removed"
    );
}

#[tokio::test]
async fn a_rolled_back_deployment_is_reported_and_changes_nothing() {
    let harness = Harness::start(ScenarioName::Shop).await;
    let before = search_environment(&harness);
    harness.emulator().faults.set(FaultConfig {
        rollback_deployments: true,
        ..FaultConfig::default()
    });
    let poll = change(&harness, true).await;
    harness.emulator().clock.advance(DEPLOYMENT_SECONDS);
    let done = harness.get(&poll).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.body["operation"]["status"], "ROLLBACK_SUCCEEDED");
    assert_eq!(done.body["deployment"]["status"], "ROLLBACK_SUCCESSFUL");
    assert!(
        done.body["deployment"]["rollback_reason"]
            .as_str()
            .is_some_and(|r| r.contains("ALARM"))
    );
    assert_eq!(done.body["tracing"]["enabled"], false);
    assert_eq!(search_environment(&harness), before);
}
