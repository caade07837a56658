//! The `shop` scenario mid-migration: `recommendations` on ECS Express sends its spans to X-Ray's
//! OTLP endpoint and shows as an `AWS::ECS::Fargate` node, exactly as X-Ray makes it of an ECS
//! task's OTLP spans; `search`, still exporting to `localhost:4317`, sends nothing until its
//! environment points at X-Ray and the deployment that says so has finished.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use emulator::ecs::Export;
use emulator::server::{ServerOptions, router};
use emulator::{Clock, Emulator, EmulatorConfig, ScenarioName, scenario};
use serde_json::{Value, json};
use tower::ServiceExt as _;

const NOW: f64 = 1_767_225_600.0;
const REGION: &str = "us-east-1";
const DEPLOYMENT_SECONDS: f64 = 120.0;
const XRAY: &str = "https://xray.us-east-1.amazonaws.com/v1/traces";

fn shop() -> Emulator {
    let emulator = Emulator::new(&EmulatorConfig {
        clock: Clock::manual(NOW),
        deployment_seconds: DEPLOYMENT_SECONDS,
        ..EmulatorConfig::default()
    });
    scenario::install(ScenarioName::Shop, &emulator, 1);
    emulator
}

fn xray(emulator: &Emulator, path: &str, body: Value) -> Value {
    emulator
        .xray
        .handle(REGION, path, body.to_string().as_bytes())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ecs(emulator: &Emulator, operation: &str, body: Value) -> Value {
    emulator
        .ecs
        .handle(REGION, operation, body.to_string().as_bytes())
        .unwrap_or_else(|e| panic!("{operation}: {e}"))
}

/// Traces in the window whose segments include a service of this name and type.
fn traces_of(emulator: &Emulator, name: &str, node_type: &str, from: f64, to: f64) -> Vec<Value> {
    let filter = format!(r#"service(id(name: "{name}", type: "{node_type}"))"#);
    let answer = xray(
        emulator,
        "/TraceSummaries",
        json!({"StartTime": from, "EndTime": to, "FilterExpression": filter}),
    );
    answer["TraceSummaries"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The first segment document named `name` in the trace.
fn segment(emulator: &Emulator, trace_id: &str, name: &str) -> Value {
    let traces = xray(emulator, "/Traces", json!({"TraceIds": [trace_id]}));
    let segments = traces["Traces"][0]["Segments"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    segments
        .iter()
        .filter_map(|s| serde_json::from_str::<Value>(s["Document"].as_str()?).ok())
        .find(|document| document["name"] == name)
        .unwrap_or_else(|| panic!("no segment of {name} in {trace_id}"))
}

#[test]
fn the_traced_express_service_is_an_ecs_node_and_the_trapped_one_only_a_callee() {
    let emulator = shop();
    assert_eq!(
        emulator.ecs.export(REGION, "recommendations"),
        Some(Export::XRay)
    );
    assert_eq!(
        emulator.ecs.export(REGION, "search"),
        Some(Export::LocalCollector)
    );
    let fargate = traces_of(
        &emulator,
        "recommendations",
        "AWS::ECS::Fargate",
        NOW - 1800.0,
        NOW,
    );
    assert!(
        fargate.len() > 20,
        "recommendations traced: {}",
        fargate.len()
    );
    assert!(
        traces_of(
            &emulator,
            "recommendations",
            "AWS::AppRunner::Service",
            NOW - 1800.0,
            NOW
        )
        .is_empty()
    );
    assert!(traces_of(&emulator, "search", "AWS::ECS::Fargate", NOW - 1800.0, NOW).is_empty());
    assert!(
        !traces_of(&emulator, "search", "remote", NOW - 1800.0, NOW).is_empty(),
        "frontend still records its calls to search"
    );
    let apprunner = emulator.apprunner.service_names(REGION);
    assert!(
        !apprunner.contains(&"search".to_owned())
            && !apprunner.contains(&"recommendations".to_owned())
    );
    let express = ecs(
        &emulator,
        "ListServices",
        json!({"resourceManagementType": "ECS"}),
    );
    assert_eq!(express["serviceArns"].as_array().map(Vec::len), Some(2));
    let eu = emulator
        .ecs
        .handle("eu-west-1", "ListClusters", b"{}")
        .expect("eu clusters");
    assert_eq!(
        eu["clusterArns"],
        json!([]),
        "the EU shop has no Express service"
    );
}

/// What the scenario writes for an Express service is what X-Ray's OTLP endpoint makes of an
/// ECS Fargate task's span: the same origin, the same `aws.ecs` block, no `resource_arn`.
#[tokio::test]
async fn express_segments_match_what_xray_makes_of_ecs_spans() {
    let emulator = shop();
    let fargate = traces_of(
        &emulator,
        "recommendations",
        "AWS::ECS::Fargate",
        NOW - 600.0,
        NOW,
    );
    let id = fargate[0]["Id"].as_str().expect("a trace id");
    let scenario = segment(&emulator, id, "recommendations");
    let ecs_block = &scenario["aws"]["ecs"];
    let resource = [
        ("service.name", "recommendations"),
        ("cloud.provider", "aws"),
        ("cloud.platform", "aws_ecs"),
        (
            "cloud.availability_zone",
            ecs_block["availability_zone"].as_str().unwrap_or_default(),
        ),
        ("aws.ecs.launchtype", "fargate"),
        (
            "aws.ecs.cluster.arn",
            ecs_block["cluster_arn"].as_str().unwrap_or_default(),
        ),
        (
            "aws.ecs.task.arn",
            ecs_block["task_arn"].as_str().unwrap_or_default(),
        ),
        (
            "aws.ecs.task.family",
            ecs_block["task_family"].as_str().unwrap_or_default(),
        ),
        ("container.name", "Main"),
        (
            "container.id",
            ecs_block["container_id"].as_str().unwrap_or_default(),
        ),
        ("telemetry.sdk.name", "opentelemetry"),
        ("telemetry.sdk.language", "java"),
        ("telemetry.sdk.version", "1.32.0"),
        ("telemetry.auto.version", "2.11.0"),
    ];
    let attributes: Vec<Value> = resource
        .iter()
        .map(|(key, value)| json!({"key": key, "value": {"stringValue": value}}))
        .collect();
    let nanos = |t: f64| format!("{}", (t * 1e9) as u64);
    let export = json!({"resourceSpans": [{
        "resource": {"attributes": attributes},
        "scopeSpans": [{"scope": {"name": "io.opentelemetry.tomcat-10.0"}, "spans": [{
            "traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7",
            "name": "GET /recommendations", "kind": 2,
            "startTimeUnixNano": nanos(NOW - 60.0), "endTimeUnixNano": nanos(NOW - 59.9),
            "attributes": [{"key": "http.response.status_code", "value": {"intValue": "200"}}]
        }]}]
    }]});
    let request = Request::post("/v1/traces")
        .header("content-type", "application/json")
        .body(Body::from(export.to_string()))
        .expect("request");
    let app = router(emulator.clone(), ServerOptions { credentials: None });
    let response = app.oneshot(request).await.expect("answered");
    assert_eq!(response.status(), StatusCode::OK);
    let exported = segment(
        &emulator,
        "1-4bf92f35-77b34da6a3ce929d0e0e4736",
        "recommendations",
    );
    assert_eq!(exported["origin"], "AWS::ECS::Fargate");
    assert_eq!(scenario["origin"], exported["origin"]);
    assert_eq!(scenario["aws"]["ecs"], exported["aws"]["ecs"]);
    assert_eq!(scenario["aws"]["xray"], exported["aws"]["xray"]);
    assert_eq!(scenario.get("resource_arn"), exported.get("resource_arn"));
    assert_eq!(
        scenario["aws"].get("account_id"),
        exported["aws"].get("account_id")
    );
}

/// Turning tracing on for `search` is an environment change: its spans reach X-Ray once the
/// canary deployment has finished, not before.
#[test]
fn search_is_traced_once_its_exporter_points_at_xray_and_the_deployment_ends() {
    let emulator = shop();
    let arn = "arn:aws:ecs:us-east-1:123456789012:service/default/search";
    let described = ecs(
        &emulator,
        "DescribeExpressGatewayService",
        json!({"serviceArn": arn}),
    );
    let mut container = described["service"]["activeConfigurations"][0]["primaryContainer"].clone();
    let environment = container["environment"]
        .as_array_mut()
        .expect("an environment");
    environment.retain(|v| v["name"] != "OTEL_EXPORTER_OTLP_ENDPOINT");
    environment.push(json!({"name": "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "value": XRAY}));
    ecs(
        &emulator,
        "UpdateExpressGatewayService",
        json!({"serviceArn": arn, "primaryContainer": container}),
    );
    let during = NOW + 0.9 * DEPLOYMENT_SECONDS;
    emulator.clock.advance(0.9 * DEPLOYMENT_SECONDS);
    scenario::generate(ScenarioName::Shop, &emulator, 2, NOW, during, 2.0);
    assert!(
        traces_of(&emulator, "search", "AWS::ECS::Fargate", NOW, during).is_empty(),
        "the old tasks serve until the deployment ends"
    );
    emulator.clock.advance(0.1 * DEPLOYMENT_SECONDS);
    let after = NOW + DEPLOYMENT_SECONDS;
    emulator.clock.advance(300.0);
    scenario::generate(ScenarioName::Shop, &emulator, 3, after, after + 300.0, 2.0);
    let traced = traces_of(
        &emulator,
        "search",
        "AWS::ECS::Fargate",
        after,
        after + 300.0,
    );
    assert!(
        traced.len() > 5,
        "search traced after the deployment: {}",
        traced.len()
    );
}
