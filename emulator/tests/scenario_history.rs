//! Scenarios: the same seed gives the same history, and the histories look like the scenarios
//! they claim to be.

mod xray_support;

use emulator::{Emulator, ScenarioName, scenario};
use serde_json::{Value, json};
use xray_support::*;

fn installed(name: ScenarioName, seed: u64) -> Emulator {
    let emulator = emulator();
    scenario::install(name, &emulator, seed);
    emulator
}

/// Every stored trace id, newest first, and the documents of the first few.
fn history(emulator: &Emulator) -> (Vec<String>, Vec<Value>) {
    let ids = matching_ids(emulator, "service()").expect("a valid filter");
    let documents = ids
        .chunks(5)
        .take(4)
        .map(|chunk| call(emulator, "/Traces", json!({ "TraceIds": chunk })))
        .collect();
    (ids, documents)
}

#[test]
fn same_seed_same_history_other_seed_other_history() {
    let first = history(&installed(ScenarioName::Shop, 7));
    assert!(
        first.0.len() > 1_000,
        "30 minutes at 1 trace/s, got {}",
        first.0.len()
    );
    assert_eq!(first, history(&installed(ScenarioName::Shop, 7)));
    assert_ne!(first.0, history(&installed(ScenarioName::Shop, 8)).0);
}

#[test]
fn movies_has_its_service_table_bad_requests_and_faults() {
    let emulator = installed(ScenarioName::Movies, 1);
    let graph = call(&emulator, "/ServiceGraph", over_last(3600.0, json!({})));
    let services = graph["Services"].as_array().expect("services");
    let find = |name: &str| {
        services
            .iter()
            .find(|s| s["Name"] == name)
            .unwrap_or_else(|| panic!("no {name} node"))
    };
    let (client, app, table) = (find("client"), find("movies_app"), find("movies-app"));
    assert_eq!(app["Type"], "AWS::AppRunner::Service");
    assert_eq!(table["Type"], "AWS::DynamoDB::Table");
    let targets = |node: &Value| -> Vec<Value> {
        node["Edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e["ReferenceId"].clone())
            .collect()
    };
    assert_eq!(targets(client), vec![app["ReferenceId"].clone()]);
    assert_eq!(targets(app), vec![table["ReferenceId"].clone()]);
    let count = |filter: &str| matching_ids(&emulator, filter).expect("valid").len();
    assert!(count("http.status = 500") > 0);
    assert!(count("http.status = 400") > 0);
    assert_eq!(
        count("http.status = 500"),
        count(r#"rootcause.fault.service { name = "movies-app" }"#),
        "every 500 comes from DynamoDB"
    );
    for method in ["GET", "POST", "PUT", "DELETE"] {
        assert!(
            count(&format!("http.method = \"{method}\"")) > 0,
            "{method} traffic"
        );
    }
}

#[test]
fn shop_spans_two_regions_and_every_kind_of_node() {
    let emulator = installed(ScenarioName::Shop, 1);
    let graph = call(&emulator, "/ServiceGraph", over_last(3600.0, json!({})));
    let mut types: Vec<&str> = graph["Services"]
        .as_array()
        .expect("services")
        .iter()
        .filter_map(|s| s["Type"].as_str())
        .collect();
    types.sort_unstable();
    types.dedup();
    let expect = [
        "AWS::AppRunner::Service",
        "AWS::DynamoDB::Table",
        // recommendations, on ECS Express, exporting to X-Ray's OTLP endpoint.
        "AWS::ECS::Fargate",
        "AWS::S3::Bucket",
        "AWS::SQS::Queue",
        "Database::SQL",
        "client",
        "remote",
    ];
    assert_eq!(types, expect);
    let eu = emulator
        .xray
        .handle(
            "eu-west-1",
            "/ServiceGraph",
            over_last(3600.0, json!({})).to_string().as_bytes(),
        )
        .expect("eu graph");
    assert!(
        eu["Services"]
            .as_array()
            .expect("services")
            .iter()
            .any(|s| s["Name"] == "storefront-eu")
    );
    let count = |filter: &str| matching_ids(&emulator, filter).expect("valid").len();
    assert!(
        count(r#"service("catalog") { responsetime > 1 }"#) > 0,
        "a latency spike"
    );
    assert!(
        count(r#"service("payments") { fault }"#) > 0,
        "a fault burst"
    );
    assert!(count("throttle") > 0, "throttling");
}
