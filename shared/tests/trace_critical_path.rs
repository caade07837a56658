//! The critical path (jaeger-ui's algorithm).

use shared::trace::{CriticalSection, Trace, critical_path, critical_spans};

mod trace_support;
use trace_support::{build, segment, subsegment};

/// `(id, start, end)` of each section, start relative to 0.
fn sections(trace: &Trace) -> Vec<(String, f64, f64)> {
    critical_path(trace)
        .iter()
        .map(|&CriticalSection { span, start, end }| (trace.spans[span].id.clone(), start, end))
        .collect()
}

fn owned(cases: &[(&str, f64, f64)]) -> Vec<(String, f64, f64)> {
    cases
        .iter()
        .map(|&(id, start, end)| (id.to_owned(), start, end))
        .collect()
}

#[test]
fn sequential_children_are_all_on_the_path() {
    let trace = build(vec![
        segment("root", "api", 0.0, 10.0),
        subsegment("a", "root", 1.0, 4.0),
        subsegment("b", "root", 5.0, 9.0),
    ])
    .trace;
    let expected = [
        ("root", 0.0, 1.0),
        ("a", 1.0, 4.0),
        ("root", 4.0, 5.0),
        ("b", 5.0, 9.0),
        ("root", 9.0, 10.0),
    ];
    assert_eq!(sections(&trace), owned(&expected));
}

#[test]
fn spans_are_flagged_when_they_have_a_section() {
    let trace = build(vec![
        segment("root", "api", 0.0, 10.0),
        subsegment("short", "root", 2.0, 5.0),
        subsegment("long", "root", 1.0, 8.0),
    ])
    .trace;
    let flagged: Vec<(String, bool)> = critical_spans(&trace)
        .into_iter()
        .enumerate()
        .map(|(span, on)| (trace.spans[span].id.clone(), on))
        .collect();
    let expect = [("root", true), ("long", true), ("short", false)];
    let mut flagged = flagged;
    flagged.sort_by_key(|(id, _)| expect.iter().position(|(e, _)| e == id));
    assert_eq!(flagged, expect.map(|(id, on)| (id.to_owned(), on)));
    assert!(critical_spans(&Trace::default()).is_empty());
}

#[test]
fn of_overlapping_children_only_the_last_to_finish_counts() {
    let trace = build(vec![
        segment("root", "api", 0.0, 10.0),
        subsegment("short", "root", 2.0, 5.0),
        subsegment("long", "root", 1.0, 8.0), // overlaps `short`, which is then off the path
        subsegment("first", "root", 0.0, 0.5),
    ])
    .trace;
    let expected = [
        ("first", 0.0, 0.5),
        ("root", 0.5, 1.0),
        ("long", 1.0, 8.0),
        ("root", 8.0, 10.0),
    ];
    assert_eq!(sections(&trace), owned(&expected));
}

#[test]
fn descends_into_grandchildren() {
    let trace = build(vec![
        segment("root", "api", 0.0, 10.0),
        subsegment("call", "root", 2.0, 9.0),
        subsegment("db", "call", 3.0, 6.0),
    ])
    .trace;
    let expected = [
        ("root", 0.0, 2.0),
        ("call", 2.0, 3.0),
        ("db", 3.0, 6.0),
        ("call", 6.0, 9.0),
        ("root", 9.0, 10.0),
    ];
    assert_eq!(sections(&trace), owned(&expected));
}

#[test]
fn children_outside_their_parent_are_clipped_or_ignored() {
    let trace = build(vec![
        segment("root", "api", 0.0, 10.0),
        subsegment("overflows", "root", 6.0, 12.0), // clipped to end at 10
        subsegment("outside", "root", 11.0, 13.0),  // entirely after: ignored
        subsegment("backwards", "root", 3.0, 2.0),  // end before start: zero length
    ])
    .trace;
    let expected = [
        ("root", 0.0, 3.0),
        ("root", 3.0, 6.0), // `backwards` took no time, so the root is split around it
        ("overflows", 6.0, 10.0),
    ];
    assert_eq!(sections(&trace), owned(&expected));
}

#[test]
fn unfinished_spans_end_with_the_trace() {
    let trace = build(vec![
        serde_json::json!({"id": "root", "name": "api", "start_time": 0.0, "in_progress": true}),
        subsegment("done", "root", 1.0, 4.0),
    ])
    .trace;
    assert_eq!(
        sections(&trace),
        owned(&[("root", 0.0, 1.0), ("done", 1.0, 4.0)])
    );
}

#[test]
fn the_path_follows_the_real_root_not_an_orphan() {
    let trace = build(vec![
        segment("root", "api", 0.0, 2.0),
        subsegment("orphan", "missing", 0.0, 50.0),
    ])
    .trace;
    assert_eq!(sections(&trace), owned(&[("root", 0.0, 2.0)]));
}

#[test]
fn back_to_back_children_are_all_on_the_path() {
    let width = 20_000;
    let mut documents = vec![segment("root", "api", 0.0, width as f64)];
    documents
        .extend((0..width).map(|i| subsegment(&format!("c{i}"), "root", i as f64, i as f64 + 1.0)));
    let trace = build(documents).trace;
    let on_path: Vec<String> = sections(&trace).into_iter().map(|(id, _, _)| id).collect();
    let expected: Vec<String> = (0..width).map(|i| format!("c{i}")).collect();
    assert_eq!(on_path, expected, "the root has no time of its own");
}

#[test]
fn an_empty_trace_has_no_path() {
    assert_eq!(critical_path(&Trace::default()), vec![]);
}
