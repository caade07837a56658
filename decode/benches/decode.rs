//! Reading a trace in the browser's two possible forms: `cargo bench -p decode`. The traces are
//! shaped like the `large` demo scenario's benchmark traces (each segment calls up to ten others
//! through `remote` subsegments, every span with its HTTP request), plus a DynamoDB call per
//! segment, as SDK-instrumented services have.

use divan::Bencher;
use serde_json::json;
use shared::api::compact_trace::encode;
use shared::api::{RawSegment, TraceDetail};

fn main() {
    divan::main();
}

const FAN_OUT: usize = 10;

fn trace(segments: usize) -> TraceDetail {
    let start = 1_796_467_423.020_065_3;
    let documents = (0..segments)
        .map(|k| {
            let at = start + k as f64 * 0.000_7;
            let mut calls: Vec<_> = (k * FAN_OUT + 1..=k * FAN_OUT + FAN_OUT)
                .filter(|&c| c < segments)
                .map(|c| {
                    json!({"id": format!("{c:016x}"), "name": format!("svc-{c:04}"), "namespace": "remote",
                        "start_time": at + c as f64 * 0.000_01, "end_time": at + c as f64 * 0.000_02,
                        "http": {"request": {"method": "GET", "url": format!("https://svc-{c:04}.internal/bench/{c}"), "traced": true},
                                 "response": {"status": 200}}})
                })
                .collect();
            calls.push(json!({"id": format!("{k:08x}dddddddd"), "name": "DynamoDB", "namespace": "aws",
                "start_time": at, "end_time": at + 0.000_3,
                "aws": {"operation": "GetItem", "table_name": "movies", "region": "us-east-1",
                        "request_id": format!("{k:08X}-REQ")},
                "http": {"response": {"status": 200}}}));
            let mut document = json!({"id": format!("{k:08x}aaaaaaaa"), "name": format!("svc-{k:04}"),
                "trace_id": "1-6b13eadf-9d64303b144e390d9982e603", "origin": "AWS::AppRunner::Service",
                "start_time": at, "end_time": at + 0.5,
                "http": {"request": {"method": "GET", "url": format!("https://svc-{k:04}.internal/bench/{k}")},
                         "response": {"status": 200}},
                "subsegments": calls});
            if k > 0 {
                document["parent_id"] = json!(format!("{k:016x}"));
            }
            RawSegment { id: format!("{k:08x}aaaaaaaa"), document: document.to_string() }
        })
        .collect();
    TraceDetail::assemble(
        "1-6b13eadf-9d64303b144e390d9982e603".into(),
        Some(0.5),
        false,
        documents,
    )
}

const SEGMENTS: [usize; 3] = [1_000, 10_000, 100_000];

#[divan::bench(args = SEGMENTS)]
fn json(bencher: Bencher, segments: usize) {
    let bytes = serde_json::to_vec(&trace(segments)).unwrap_or_default();
    bencher.bench(|| serde_json::from_slice::<TraceDetail>(&bytes).map(|d| d.trace.spans.len()));
}

#[divan::bench(args = SEGMENTS)]
fn compact(bencher: Bencher, segments: usize) {
    let bytes = encode(&trace(segments)).unwrap_or_default();
    bencher.bench(|| decode::trace_detail(&bytes).map(|d| d.trace.spans.len()));
}
