//! How separately sent subsegment documents join their trace: in any order, at any depth, and
//! what a missing parent does to the summary.

mod xray_support;

use serde_json::{Value, json};
use xray_support::*;

/// A root segment and `depth` subsegment documents, each the parent of the next; the deepest one
/// calls the DynamoDB table `deep`.
fn chain(depth: u64) -> Vec<Value> {
    let start = NOW - 100.0;
    let mut documents = vec![segment(&trace_id(1), 1, "api", start, 10.0, 200)];
    for level in 1..=depth {
        let offset = level as f64 * 0.001;
        let mut doc = json!({
            "id": id(level + 1), "parent_id": id(level), "trace_id": trace_id(1), "type": "subsegment",
            "name": format!("step-{level}"), "start_time": start + offset, "end_time": start + 10.0 - offset,
        });
        if level == depth {
            doc["subsegments"] = json!([dynamo(0xdee9, "deep", start + 1.0, 0.5, 200)]);
        }
        documents.push(doc);
    }
    documents
}

fn summary(emulator: &emulator::Emulator) -> Value {
    let page = call(emulator, "/TraceSummaries", over_last(3600.0, json!({})));
    page["TraceSummaries"][0].clone()
}

#[test]
fn a_deep_chain_sent_in_reverse_order_still_forms_one_trace() {
    let emulator = emulator();
    let mut documents = chain(2_000);
    documents.reverse();
    put(&emulator, &documents);
    let summary = summary(&emulator);
    assert_eq!(summary["IsPartial"], false);
    assert_eq!(summary["Duration"], 10.0);
    let names: Vec<&str> = summary["ServiceIds"]
        .as_array()
        .expect("ids")
        .iter()
        .filter_map(|s| s["Name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["api", "deep"],
        "the deepest call is attributed to the service"
    );
    let edge = matching_ids(&emulator, r#"edge("api", "deep")"#).expect("valid");
    assert_eq!(edge, [trace_id(1)]);
}

#[test]
fn a_missing_parent_makes_the_trace_partial() {
    let emulator = emulator();
    let mut documents = chain(3);
    documents.remove(1);
    put(&emulator, &documents);
    assert_eq!(summary(&emulator)["IsPartial"], true);
    assert_eq!(
        matching_ids(&emulator, "partial").expect("valid"),
        [trace_id(1)]
    );
}
