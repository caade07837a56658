use axum::body::Body;
use axum::http::{Method, StatusCode};
use emulator::ScenarioName;
use serde_json::Value;

use crate::common::Harness;

fn node<'a>(map: &'a Value, name: &str) -> &'a Value {
    map["nodes"]
        .as_array()
        .and_then(|nodes| nodes.iter().find(|n| n["name"] == name))
        .unwrap_or_else(|| panic!("no node {name} in {map}"))
}

#[tokio::test]
async fn the_map_has_nodes_edges_and_derived_figures() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let map = &harness.ok("/api/v1/map?window=15m").await;
    let app = node(map, "movies_app");
    let table = node(map, "movies-app");
    assert_eq!(app["kind"], "app_runner_service");
    assert_eq!(table["kind"], "dynamo_db_table");

    let total = app["stats"]["total"].as_f64().expect("a count");
    assert!(total > 0.0);
    // 15 minutes of traffic: req/min is the count over 15.
    let per_minute = app["derived"]["requests_per_minute"]
        .as_f64()
        .expect("a rate");
    assert!(
        (per_minute - total / 15.0).abs() < 1e-6,
        "{per_minute} vs {total}"
    );
    let mean = app["derived"]["mean_latency_s"].as_f64().expect("a mean");
    let expected_mean = app["stats"]["total_response_time"].as_f64().expect("a sum") / total;
    assert!((mean - expected_mean).abs() < 1e-9);
    assert!(
        app["derived"]["fault_ratio"]
            .as_f64()
            .is_some_and(|r| r > 0.0),
        "movies has 500s"
    );
    assert!(
        !app["response_time_histogram"]
            .as_array()
            .expect("bins")
            .is_empty()
    );

    let (app_id, table_id) = (&app["id"], &table["id"]);
    let edges = map["edges"].as_array().expect("edges");
    assert!(
        edges
            .iter()
            .any(|e| &e["source"] == app_id && &e["target"] == table_id),
        "movies_app calls its table: {edges:?}"
    );
}

#[tokio::test]
async fn time_series_of_a_node_and_of_an_edge() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let node = harness
        .ok("/api/v1/map/timeseries?window=15m&period=60&node=movies_app&type=AWS::AppRunner::Service").await;
    assert_eq!(node["period_s"], 60);
    let points = node["points"].as_array().expect("points");
    assert!(
        (1..=16).contains(&points.len()),
        "{} points in 15 minutes",
        points.len()
    );
    let stamps: Vec<f64> = points
        .iter()
        .filter_map(|p| p["timestamp"].as_f64())
        .collect();
    assert!(
        stamps.windows(2).all(|w| w[0] < w[1]),
        "oldest first: {stamps:?}"
    );
    assert!(
        points
            .iter()
            .any(|p| p["stats"]["total"].as_u64() > Some(0))
    );

    let edge = harness
        .get("/api/v1/map/timeseries?window=15m&period=300&source=movies_app&target=movies-app")
        .await;
    assert_eq!(edge.status, StatusCode::OK, "{}", edge.body);
    assert_eq!(edge.body["period_s"], 300);
    let edge_points = edge.body["points"].as_array().expect("points");
    assert!(
        edge_points
            .iter()
            .any(|p| p["stats"]["total"].as_u64() > Some(0)),
        "{}",
        edge.body
    );
}

#[tokio::test]
async fn groups_are_listed_and_draw_their_own_map() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let created = harness.emulator().xray.handle(
        "us-east-1",
        "/CreateGroup",
        br#"{"GroupName": "faults", "FilterExpression": "fault"}"#,
    );
    assert!(created.is_ok(), "{created:?}");
    let answer = harness.ok("/api/v1/groups").await;
    let groups = answer.as_array().expect("a list");
    let faults = groups
        .iter()
        .find(|g| g["name"] == "faults")
        .expect("the new group");
    assert_eq!(faults["filter_expression"], "fault");

    let all = harness.get("/api/v1/map?window=15m").await;
    let only_faults = harness.get("/api/v1/map?window=15m&group=faults").await;
    assert_eq!(only_faults.status, StatusCode::OK, "{}", only_faults.body);
    let total = |map: &Value| {
        node(map, "movies_app")["stats"]["total"]
            .as_u64()
            .unwrap_or(0)
    };
    assert!(
        total(&only_faults.body) < total(&all.body),
        "the group keeps only faulty traces"
    );
}

#[tokio::test]
async fn cached_answers_are_sent_compressed_as_the_client_accepts() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let uri = "/api/v1/map?window=15m";
    let plain = harness.get(uri).await;
    assert!(plain.headers.get("content-encoding").is_none());
    let brotli = harness
        .request(
            Method::GET,
            uri,
            Body::empty(),
            &[("accept-encoding", "gzip, br")],
        )
        .await;
    assert_eq!(
        brotli.headers.get("content-encoding").map(|v| v.as_bytes()),
        Some(&b"br"[..])
    );
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &brotli.raw[..], &mut decoded).expect("valid brotli");
    assert_eq!(decoded, plain.raw, "the same answer, compressed");
}
