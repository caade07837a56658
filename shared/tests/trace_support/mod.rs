//! Builders for segment documents used by the trace tests.
#![allow(dead_code)] // each test file uses a different subset

use serde_json::{Value, json};
use shared::trace::{Assembly, RawSegment, Trace, assemble};

/// A top-level document: its `Segments[].Id` is the document's own `id` (or `?`).
pub fn raw(document: Value) -> RawSegment {
    let id = document
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_owned();
    RawSegment {
        id,
        document: document.to_string(),
    }
}

pub fn build(documents: Vec<Value>) -> Assembly {
    assemble(documents.into_iter().map(raw).collect())
}

/// A finished segment from `start` to `end`.
pub fn segment(id: &str, name: &str, start: f64, end: f64) -> Value {
    json!({"id": id, "name": name, "trace_id": "1-5f000000-000000000000000000000001",
        "start_time": start, "end_time": end})
}

/// A subsegment sent on its own, under `parent`.
pub fn subsegment(id: &str, parent: &str, start: f64, end: f64) -> Value {
    json!({"id": id, "name": format!("sub-{id}"), "type": "subsegment", "parent_id": parent,
        "trace_id": "1-5f000000-000000000000000000000001", "start_time": start, "end_time": end})
}

/// The index of the span with this id (the first, if duplicated).
pub fn index_of(trace: &Trace, id: &str) -> usize {
    trace
        .spans
        .iter()
        .position(|span| span.id == id)
        .unwrap_or_else(|| panic!("no span {id}"))
}

/// The ids of a span's children, in order.
pub fn child_ids(trace: &Trace, id: &str) -> Vec<String> {
    let span = &trace.spans[index_of(trace, id)];
    span.children
        .iter()
        .map(|&child| trace.spans[child].id.clone())
        .collect()
}

pub fn root_ids(trace: &Trace) -> Vec<String> {
    trace
        .roots
        .iter()
        .map(|&root| trace.spans[root].id.clone())
        .collect()
}

/// `depth` documents, each the parent of the next: `n0 ← n1 ← … `, in reverse order so that
/// every link points forward to a document not yet seen.
pub fn chain(depth: usize) -> Vec<Value> {
    (0..depth)
        .rev()
        .map(|level| {
            let mut document =
                subsegment(&format!("n{level}"), "", level as f64, 2.0 * depth as f64);
            if level == 0 {
                document = segment("n0", "root", 0.0, 2.0 * depth as f64);
            } else {
                document["parent_id"] = json!(format!("n{}", level - 1));
            }
            document
        })
        .collect()
}
