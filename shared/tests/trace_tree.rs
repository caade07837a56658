//! Assembling documents into one tree.

use serde_json::json;
use shared::trace::{Downstream, SpanKind};

mod trace_support;
use trace_support::{build, chain, child_ids, index_of, root_ids, segment, subsegment};

#[test]
fn links_segments_and_separate_subsegments_by_parent_id() {
    let mut front = segment("f1", "frontend", 10.0, 11.0);
    front["subsegments"] = json!([{"id": "call", "name": "backend", "namespace": "remote",
        "start_time": 10.1, "end_time": 10.9}]);
    let mut back = segment("b1", "backend", 10.2, 10.8);
    back["parent_id"] = json!("call");
    let assembly = build(vec![
        subsegment("late", "b1", 10.5, 10.6), // arrives before its parent
        back,
        front,
    ]);
    assert_eq!(assembly.problems, vec![]);
    let trace = &assembly.trace;
    assert_eq!(root_ids(trace), vec!["f1"]);
    assert_eq!(child_ids(trace, "f1"), vec!["call"]);
    assert_eq!(child_ids(trace, "call"), vec!["b1"]);
    assert_eq!(child_ids(trace, "b1"), vec!["late"]);
    assert_eq!(
        trace.spans[index_of(trace, "late")].kind,
        SpanKind::Subsegment
    );
    assert_eq!(trace.spans[index_of(trace, "b1")].kind, SpanKind::Segment);
    assert_eq!((trace.start, trace.end), (10.0, 11.0));
    assert!(!trace.is_partial());
}

#[test]
fn inferred_segments_hang_under_the_call_that_made_them() {
    let mut api = segment("a", "movies_app", 1.0, 2.0);
    api["subsegments"] = json!([{"id": "ddb", "name": "DynamoDB", "namespace": "aws",
        "start_time": 1.2, "end_time": 1.4, "aws": {"operation": "PutItem", "table_name": "movies-app"}}]);
    let inferred = json!({"id": "inf", "name": "movies-app", "inferred": true, "parent_id": "ddb",
        "origin": "AWS::DynamoDB::Table", "start_time": 1.2, "end_time": 1.4});
    let assembly = build(vec![api, inferred]);
    let trace = &assembly.trace;
    assert_eq!(child_ids(trace, "ddb"), vec!["inf"]);
    assert_eq!(trace.spans[index_of(trace, "inf")].kind, SpanKind::Inferred);
    assert_eq!(
        trace.spans[index_of(trace, "ddb")].downstream,
        Some(Downstream::Aws)
    );
}

#[test]
fn orphans_become_flagged_roots_after_the_real_ones() {
    let assembly = build(vec![
        subsegment("lost", "never-sent", 0.5, 0.7),
        segment("root", "api", 1.0, 2.0),
    ]);
    let trace = &assembly.trace;
    assert_eq!(
        root_ids(trace),
        vec!["root", "lost"],
        "orphans after real roots, even if earlier"
    );
    assert!(trace.spans[index_of(trace, "lost")].orphan);
    assert!(!trace.spans[index_of(trace, "root")].orphan);
    assert!(trace.is_partial());
}

#[test]
fn children_are_ordered_by_start_time() {
    let assembly = build(vec![
        segment("p", "api", 0.0, 10.0),
        subsegment("c3", "p", 3.0, 4.0),
        subsegment("c1", "p", 1.0, 2.0),
        json!({"id": "nostart", "name": "x", "parent_id": "p", "type": "subsegment", "end_time": 1.0}),
        subsegment("c2", "p", 2.0, 3.0),
    ]);
    assert_eq!(
        child_ids(&assembly.trace, "p"),
        vec!["c1", "c2", "c3", "nostart"]
    );
}

#[test]
fn duplicated_ids_link_to_the_finished_copy_and_are_reported_once() {
    let assembly = build(vec![
        json!({"id": "s", "name": "api", "start_time": 1.0, "in_progress": true}),
        segment("s", "api", 1.0, 3.0),
        json!({"id": "s", "name": "api", "start_time": 1.0, "end_time": 3.0}),
        subsegment("child", "s", 1.5, 2.0),
    ]);
    let trace = &assembly.trace;
    assert_eq!(assembly.problems.len(), 1, "{:?}", assembly.problems);
    assert_eq!(assembly.problems[0].segment_id, "s");
    let flags: Vec<bool> = trace.spans.iter().map(|span| span.duplicate).collect();
    assert_eq!(flags, vec![true, false, true, false]);
    assert_eq!(
        trace.spans[1].children,
        vec![3],
        "attached to the first finished copy"
    );
}

#[test]
fn parent_id_loops_are_cut_and_reported() {
    let assembly = build(vec![
        subsegment("a", "c", 1.0, 2.0),
        subsegment("b", "a", 1.1, 1.9),
        subsegment("c", "b", 1.2, 1.8),
        subsegment("under", "b", 1.3, 1.4),
        subsegment("self", "self", 5.0, 6.0),
    ]);
    let trace = &assembly.trace;
    assert_eq!(trace.roots.len(), 2, "{:?}", root_ids(trace));
    let cut = trace
        .roots
        .iter()
        .find(|&&root| trace.spans[root].id != "self")
        .copied();
    let cut = cut.expect("the loop's cut point is a root");
    assert!(trace.spans[cut].orphan);
    assert!(trace.spans[index_of(trace, "self")].orphan);
    assert_eq!(
        assembly.problems.len(),
        1,
        "one loop: {:?}",
        assembly.problems
    );
    assert!(assembly.problems[0].message.contains("loops"));
    assert_eq!(
        shared::trace::timeline_rows(trace).len(),
        5,
        "every span is still shown"
    );
}

#[test]
fn unknown_fields_anywhere_are_ignored() {
    let assembly = build(vec![json!({
        "id": "a", "name": "api", "start_time": 1.0, "end_time": 2.0, "brand_new": {"x": 1},
        "http": {"request": {"method": "GET", "protocol": "h3"}, "response": {"status": 200, "extra": true}},
        "subsegments": [{"id": "b", "name": "b", "start_time": 1.0, "end_time": 1.1, "otel": [1]}]
    })]);
    assert_eq!(assembly.problems, vec![]);
    assert_eq!(child_ids(&assembly.trace, "a"), vec!["b"]);
}

#[test]
fn keeps_every_raw_document_for_the_raw_view() {
    let assembly = build(vec![
        segment("a", "api", 1.0, 2.0),
        subsegment("b", "a", 1.0, 1.5),
    ]);
    let trace = &assembly.trace;
    assert_eq!(trace.documents.len(), 2);
    let b = &trace.spans[index_of(trace, "b")];
    let raw: serde_json::Value = serde_json::from_str(&trace.documents[b.document]).expect("json");
    assert_eq!(raw["id"], "b");
}

#[test]
fn a_chain_of_5000_documents_builds_without_recursion() {
    let depth = 5000;
    let assembly = build(chain(depth));
    assert_eq!(assembly.problems, vec![]);
    let trace = &assembly.trace;
    assert_eq!(root_ids(trace), vec!["n0"]);
    let rows = shared::trace::timeline_rows(trace);
    assert_eq!(rows.len(), depth);
    assert_eq!(rows.last().map(|row| row.depth), Some(depth - 1));
    let path = shared::trace::critical_path(trace);
    assert_eq!(path.len(), depth, "every level of the chain is on the path");
}

#[test]
fn a_trace_of_100000_spans_assembles() {
    let count = 100_000;
    let mut documents = vec![segment("root", "api", 0.0, 1000.0)];
    documents.extend((1..count).map(|i| {
        let parent = if i < 100 {
            "root".to_owned()
        } else {
            format!("s{}", i / 100)
        };
        subsegment(
            &format!("s{i}"),
            &parent,
            i as f64 / 100.0,
            i as f64 / 100.0 + 0.5,
        )
    }));
    let assembly = build(documents);
    assert_eq!(assembly.problems, vec![]);
    assert_eq!(assembly.trace.spans.len(), count);
    assert_eq!(assembly.trace.roots.len(), 1);
    assert_eq!(shared::trace::timeline_rows(&assembly.trace).len(), count);
}

#[test]
fn the_tree_crosses_the_api_as_json() {
    let assembly = build(vec![
        segment("a", "api", 1.0, 2.0),
        subsegment("b", "a", 1.0, 1.5),
    ]);
    let text = serde_json::to_string(&assembly.trace).expect("writes");
    let read: shared::trace::Trace = serde_json::from_str(&text).expect("reads");
    // The raw documents are served on their own, not with the tree.
    let mut tree = assembly.trace;
    assert_eq!(tree.documents.len(), 2);
    tree.documents.clear();
    assert_eq!(read, tree);
}
