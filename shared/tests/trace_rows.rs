//! Timeline rows: order, depth, offsets, durations, status, collapsing.

use std::collections::HashSet;

use serde_json::json;
use shared::trace::{Row, SpanStatus, Trace, timeline_rows, visible_rows};

mod trace_support;
use trace_support::{build, index_of, segment, subsegment};

/// `(id, depth, offset, duration)` of each row, rounded to the microsecond.
fn outline(trace: &Trace, rows: &[Row]) -> Vec<(String, usize, f64, f64)> {
    let micro = |seconds: f64| (seconds * 1e6).round() / 1e6;
    rows.iter()
        .map(|row| {
            (
                trace.spans[row.span].id.clone(),
                row.depth,
                micro(row.offset),
                micro(row.duration),
            )
        })
        .collect()
}

fn sample() -> Trace {
    let mut api = segment("api", "movies_app", 100.0, 101.0);
    api["subsegments"] = json!([
        {"id": "ddb", "name": "DynamoDB", "namespace": "aws", "start_time": 100.1, "end_time": 100.3},
        {"id": "render", "name": "render", "start_time": 100.4, "end_time": 100.9,
         "subsegments": [{"id": "tpl", "name": "template", "start_time": 100.5, "end_time": 100.6}]}
    ]);
    let mut inferred = segment("table", "movies-app", 100.1, 100.3);
    inferred["inferred"] = json!(true);
    inferred["parent_id"] = json!("ddb");
    build(vec![api, inferred]).trace
}

fn owned(cases: &[(&str, usize, f64, f64)]) -> Vec<(String, usize, f64, f64)> {
    cases
        .iter()
        .map(|&(id, depth, offset, duration)| (id.to_owned(), depth, offset, duration))
        .collect()
}

#[test]
fn rows_are_depth_first_with_offsets_from_the_trace_start() {
    let trace = sample();
    let rows = timeline_rows(&trace);
    let expected = [
        ("api", 0, 0.0, 1.0),
        ("ddb", 1, 0.1, 0.2),
        ("table", 2, 0.1, 0.2),
        ("render", 1, 0.4, 0.5),
        ("tpl", 2, 0.5, 0.1),
    ];
    assert_eq!(outline(&trace, &rows), owned(&expected));
    let services: Vec<&str> = rows.iter().map(|row| row.service_name(&trace)).collect();
    assert_eq!(
        services,
        vec![
            "movies_app",
            "movies_app",
            "movies-app",
            "movies_app",
            "movies_app"
        ]
    );
    let has_children: Vec<bool> = rows.iter().map(|row| row.has_children).collect();
    assert_eq!(has_children, vec![true, true, false, true, false]);
}

#[test]
fn collapsing_hides_descendants_only() {
    let trace = sample();
    let collapsed: HashSet<usize> = [index_of(&trace, "ddb"), index_of(&trace, "tpl")].into();
    let rows = visible_rows(&trace, &collapsed);
    let ids: Vec<&str> = rows
        .iter()
        .map(|row| trace.spans[row.span].id.as_str())
        .collect();
    assert_eq!(ids, vec!["api", "ddb", "render", "tpl"]);
    let flagged: Vec<bool> = rows.iter().map(|row| row.collapsed).collect();
    assert_eq!(flagged, vec![false, true, false, true]);

    let root_collapsed: HashSet<usize> = [index_of(&trace, "api")].into();
    assert_eq!(visible_rows(&trace, &root_collapsed).len(), 1);
}

#[test]
fn in_progress_spans_run_to_the_trace_end() {
    let trace = build(vec![
        segment("api", "api", 0.0, 5.0),
        json!({"id": "slow", "name": "slow", "type": "subsegment", "parent_id": "api",
            "start_time": 1.0, "in_progress": true}),
    ])
    .trace;
    let rows = timeline_rows(&trace);
    assert_eq!(
        outline(&trace, &rows),
        owned(&[("api", 0, 0.0, 5.0), ("slow", 1, 1.0, 4.0)])
    );
    assert!(rows[1].in_progress && !rows[0].in_progress);
}

#[test]
fn clock_skew_is_drawn_as_reported_and_never_negative() {
    let trace = build(vec![
        segment("api", "api", 10.0, 11.0),
        subsegment("early", "api", 9.5, 10.2), // starts before its parent
        subsegment("late", "api", 10.8, 11.5), // ends after it
        subsegment("backwards", "api", 10.5, 10.4), // ends before it starts
    ])
    .trace;
    assert_eq!(trace.start, 9.5);
    assert_eq!(trace.end, 11.5);
    let expected = [
        ("api", 0, 0.5, 1.0),
        ("early", 1, 0.0, 0.7),
        ("backwards", 1, 1.0, 0.0),
        ("late", 1, 1.3, 0.7),
    ];
    assert_eq!(outline(&trace, &timeline_rows(&trace)), owned(&expected));
}

#[test]
fn orphans_are_rows_at_depth_zero() {
    let trace = build(vec![
        segment("api", "api", 0.0, 1.0),
        subsegment("lost", "gone", 0.5, 0.6),
    ])
    .trace;
    let rows = timeline_rows(&trace);
    assert_eq!(
        outline(&trace, &rows),
        owned(&[("api", 0, 0.0, 1.0), ("lost", 0, 0.5, 0.1)])
    );
}

#[test]
fn status_from_flags_or_http_status() {
    let cases = [
        (json!({}), SpanStatus::Ok),
        (
            json!({"http": {"response": {"status": 201}}}),
            SpanStatus::Ok,
        ),
        (json!({"error": true}), SpanStatus::Error),
        (
            json!({"http": {"response": {"status": 404}}}),
            SpanStatus::Error,
        ),
        (
            json!({"error": true, "throttle": true}),
            SpanStatus::Throttle,
        ),
        (
            json!({"http": {"response": {"status": 429}}}),
            SpanStatus::Throttle,
        ),
        (json!({"fault": true}), SpanStatus::Fault),
        (
            json!({"http": {"response": {"status": 503}}}),
            SpanStatus::Fault,
        ),
        (
            json!({"fault": true, "error": true, "throttle": true}),
            SpanStatus::Fault,
        ),
    ];
    for (fields, expected) in cases {
        let mut document = segment("s", "svc", 0.0, 1.0);
        for (key, value) in fields.as_object().expect("object") {
            document[key] = value.clone();
        }
        let trace = build(vec![document]).trace;
        assert_eq!(timeline_rows(&trace)[0].status, expected, "{fields}");
    }
}

#[test]
fn an_empty_trace_has_no_rows() {
    assert_eq!(timeline_rows(&Trace::default()), vec![]);
}
