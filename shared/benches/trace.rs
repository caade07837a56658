//! Trace assembly and timeline rows for large traces: `cargo bench -p shared --bench trace`.
//!
//! The documents are generated here: services calling each other, each segment a document with
//! nested subsegments (some AWS calls), linked to its caller by `parent_id`; and the 5,000-deep
//! chain of separate documents the `large` demo scenario produces.

use divan::Bencher;
use serde_json::json;
use shared::trace::{RawSegment, Trace, assemble, critical_path, timeline_rows};

fn main() {
    divan::main();
}

/// Subsegments nested in each segment document (so a document holds this many spans plus one).
const CALLS_PER_SEGMENT: usize = 9;

/// About `spans` spans in `spans / 10` documents: segment `k` is called by a subsegment of
/// segment `(k - 1) / 4`, so the services form a tree four wide.
fn fan_out(spans: usize) -> Vec<RawSegment> {
    let segments = spans.div_ceil(CALLS_PER_SEGMENT + 1);
    (0..segments)
        .map(|k| {
            let start = 1_700_000_000.0 + k as f64 * 0.001;
            let calls: Vec<_> = (0..CALLS_PER_SEGMENT)
                .map(|c| {
                    let call_start = start + c as f64 * 0.0001;
                    json!({"id": format!("{k:08x}{c:08x}"), "name": "DynamoDB", "namespace": "aws",
                        "start_time": call_start, "end_time": call_start + 0.00009,
                        "aws": {"operation": "GetItem", "table_name": "movies-app"},
                        "http": {"response": {"status": 200}}})
                })
                .collect();
            let mut document = json!({"id": format!("{k:016x}"), "name": format!("service-{}", k % 50),
                "trace_id": "1-6560a000-000000000000000000000001", "start_time": start,
                "end_time": start + 0.5, "origin": "AWS::AppRunner::Service",
                "http": {"request": {"method": "GET", "url": "https://example/api"},
                         "response": {"status": 200}},
                "annotations": {"tenant": "acme"}, "subsegments": calls});
            if k > 0 {
                document["parent_id"] = json!(format!("{:08x}{:08x}", (k - 1) / 4, k % CALLS_PER_SEGMENT));
            }
            RawSegment { id: format!("{k:016x}"), document: document.to_string() }
        })
        .collect()
}

/// `depth` separate documents, each the parent of the next, newest first.
fn deep_chain(depth: usize) -> Vec<RawSegment> {
    (0..depth)
        .rev()
        .map(|level| {
            let mut document = json!({"id": format!("{level:016x}"), "name": "hop",
                "trace_id": "1-6560a000-000000000000000000000001",
                "start_time": level as f64 * 0.001, "end_time": depth as f64 * 0.001});
            if level > 0 {
                document["parent_id"] = json!(format!("{:016x}", level - 1));
                document["type"] = json!("subsegment");
            }
            RawSegment {
                id: format!("{level:016x}"),
                document: document.to_string(),
            }
        })
        .collect()
}

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Parse + build the tree.
#[divan::bench(args = SIZES, sample_count = 20)]
fn assemble_trace(bencher: Bencher, spans: usize) {
    let documents = fan_out(spans);
    bencher
        .with_inputs(|| documents.clone())
        .bench_values(assemble);
}

/// Everything the timeline needs after the download: parse, build, rows, critical path.
#[divan::bench(args = SIZES, sample_count = 20)]
fn assemble_and_rows(bencher: Bencher, spans: usize) {
    let documents = fan_out(spans);
    bencher
        .with_inputs(|| documents.clone())
        .bench_values(|documents| {
            let trace = assemble(documents).trace;
            (timeline_rows(&trace), critical_path(&trace))
        });
}

/// Rows alone: what re-runs when a span is collapsed or expanded.
#[divan::bench(args = SIZES, sample_count = 20)]
fn rows_only(bencher: Bencher, spans: usize) {
    let trace: Trace = assemble(fan_out(spans)).trace;
    bencher.bench(|| timeline_rows(&trace));
}

/// What the frontend does with the API's answer: read the `Trace` JSON, then rows.
#[divan::bench(args = SIZES, sample_count = 20)]
fn trace_json_to_rows(bencher: Bencher, spans: usize) {
    let json = serde_json::to_string(&assemble(fan_out(spans)).trace).unwrap_or_default();
    bencher.bench(|| {
        let trace: Trace = serde_json::from_str(&json).unwrap_or_default();
        timeline_rows(&trace).len()
    });
}

#[divan::bench(sample_count = 20)]
fn chain_5000_deep(bencher: Bencher) {
    let documents = deep_chain(5_000);
    bencher
        .with_inputs(|| documents.clone())
        .bench_values(|documents| {
            let trace = assemble(documents).trace;
            (timeline_rows(&trace), critical_path(&trace))
        });
}
