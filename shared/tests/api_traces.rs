//! The trace routes' types: summaries, pages and the assembled trace.

use std::collections::BTreeMap;

use serde_json::json;
use shared::api::*;

#[test]
fn trace_summary_annotations_are_plain_json_values() {
    let mut annotations = BTreeMap::new();
    annotations.insert(
        "tenant".to_owned(),
        vec![
            AnnotationValue::String("acme".into()),
            AnnotationValue::Number(7.0),
        ],
    );
    annotations.insert("cached".to_owned(), vec![AnnotationValue::Bool(true)]);
    let summary = TraceSummary {
        id: "1-58406520-a006649127e371903a2de979".into(),
        start_time: 1_480_615_200.01,
        duration: Some(0.5),
        response_time: Some(0.4),
        has_fault: true,
        has_error: false,
        has_throttle: false,
        is_partial: false,
        http: Some(HttpSummary {
            status: Some(500),
            method: Some("GET".into()),
            ..Default::default()
        }),
        services: vec![ServiceId {
            name: Some("movies_app".into()),
            service_type: Some("AWS::AppRunner::Service".into()),
            ..Default::default()
        }],
        entry_point: None,
        users: vec![],
        annotations,
        fault_root_causes: vec![RootCause {
            services: vec![],
            client_impacting: true,
        }],
        error_root_causes: vec![],
        revision: Some(3),
    };
    let written = serde_json::to_value(&summary).expect("writes");
    assert_eq!(
        written["annotations"],
        json!({"cached": [true], "tenant": ["acme", 7.0]})
    );
    assert_eq!(
        written["services"][0]["type"],
        json!("AWS::AppRunner::Service")
    );
    let read: TraceSummary = serde_json::from_value(written).expect("reads");
    assert_eq!(read, summary);
}

fn raw(id: &str, document: serde_json::Value) -> RawSegment {
    RawSegment {
        id: id.to_owned(),
        document: document.to_string(),
    }
}

#[test]
fn trace_detail_flags_partial_traces() {
    let root = json!({"id": "a", "name": "api", "start_time": 1.0, "end_time": 2.0});
    let child = json!({"id": "b", "name": "db", "type": "subsegment", "parent_id": "a",
        "start_time": 1.2, "end_time": 1.5});
    let orphan = json!({"id": "c", "name": "db", "type": "subsegment", "parent_id": "zz",
        "start_time": 1.2, "end_time": 1.5});
    let cases = [
        (
            vec![raw("a", root.clone()), raw("b", child.clone())],
            false,
            false,
        ),
        (
            vec![raw("a", root.clone()), raw("b", child.clone())],
            true,
            true,
        ),
        (vec![raw("a", root.clone()), raw("c", orphan)], false, true),
        (
            vec![raw("a", root.clone()), raw("x", json!("{broken"))],
            false,
            true,
        ),
    ];
    for (segments, limit_exceeded, partial) in cases {
        let detail = TraceDetail::assemble("1-x".into(), Some(1.0), limit_exceeded, segments);
        assert_eq!(detail.partial, partial, "{:?}", detail.problems);
    }
}

#[test]
fn trace_detail_round_trips() {
    let segments = vec![raw(
        "a",
        json!({"id": "a", "name": "api", "start_time": 1.0,
        "end_time": 2.0, "subsegments": [{"id": "b", "name": "DynamoDB", "namespace": "aws",
        "start_time": 1.1, "end_time": 1.2, "aws": {"operation": "GetItem", "x": [1]}}]}),
    )];
    let detail = TraceDetail::assemble("1-x".into(), Some(1.0), false, segments);
    let written = serde_json::to_value(&detail).expect("writes");
    assert_eq!(written["trace"]["spans"][1]["downstream"], json!("aws"));
    assert_eq!(written["trace"]["spans"][1]["parent"], json!(0));
    // The raw documents stay on the server (served on their own): everything else round-trips.
    assert!(written["trace"].get("documents").is_none(), "{written}");
    let read: TraceDetail = serde_json::from_value(written).expect("reads");
    let mut without_documents = detail;
    without_documents.trace.documents.clear();
    assert_eq!(read, without_documents);
}
