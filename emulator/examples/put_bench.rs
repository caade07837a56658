//! PutTraceSegments throughput: batches of 50 ADOT-like documents (a segment with an HTTP block,
//! annotations, metadata and three subsegments, about 1.3 kB each) through `XRay::handle`, the
//! path a request takes after the HTTP layer.
//!
//! `cargo run --release -p emulator --example put_bench [-- DOCUMENTS]` (default 100,000).

use std::time::Instant;

use emulator::{Clock, Emulator, EmulatorConfig};
use serde_json::json;

const START: f64 = 1_767_225_600.0;
const BATCH: usize = 50;

fn main() {
    let total: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let emulator = Emulator::new(&EmulatorConfig {
        clock: Clock::manual(START),
        ..EmulatorConfig::default()
    });
    let bodies: Vec<String> = (0..total / BATCH)
        .map(|b| {
            let documents: Vec<String> = (0..BATCH).map(|i| document(b * BATCH + i)).collect();
            json!({ "TraceSegmentDocuments": documents }).to_string()
        })
        .collect();
    let bytes: usize = bodies.iter().map(String::len).sum();
    let started = Instant::now();
    for body in &bodies {
        let answer = emulator
            .xray
            .handle("us-east-1", "/TraceSegments", body.as_bytes());
        assert!(
            answer.is_ok_and(|a| a["UnprocessedTraceSegments"] == json!([])),
            "every document is accepted"
        );
    }
    let seconds = started.elapsed().as_secs_f64();
    let stored = emulator.xray.stored();
    println!(
        "{} documents ({:.1} MB of requests) in {seconds:.2} s: {:.0} documents/s, {:.1} MB/s; stored {} segments",
        bodies.len() * BATCH,
        bytes as f64 / 1e6,
        (bodies.len() * BATCH) as f64 / seconds,
        bytes as f64 / 1e6 / seconds,
        stored.segments
    );
}

fn document(n: usize) -> String {
    let start = START - 600.0 + n as f64 * 0.001;
    let trace_id = format!("1-{:08x}-{:024x}", start as u32, n / 4);
    let sub = |k: usize, table: &str| {
        json!({"id": format!("{:016x}", n * 8 + k), "name": "DynamoDB", "namespace": "aws", "start_time": start + 0.01, "end_time": start + 0.02,
               "aws": {"operation": "GetItem", "table_name": table, "region": "us-east-1", "request_id": "V4K1P7JQ0ABCDEF0123456789"},
               "http": {"response": {"status": 200}}})
    };
    json!({
        "id": format!("{:016x}", n * 8), "trace_id": trace_id, "name": format!("svc-{}", n % 40), "origin": "AWS::AppRunner::Service",
        "start_time": start, "end_time": start + 0.05,
        "http": {"request": {"method": "GET", "url": format!("https://svc.example/items/{n}"), "user_agent": "Mozilla/5.0", "client_ip": "203.0.113.9"}, "response": {"status": 200, "content_length": 512}},
        "annotations": {"tenant": "us", "item": n}, "user": format!("user-{}", n % 100),
        "metadata": {"default": {"otel.resource.service.name": "svc", "otel.resource.cloud.platform": "aws_app_runner"}},
        "aws": {"account_id": "123456789012", "xray": {"sdk": "opentelemetry for java", "sdk_version": "1.32.0"}},
        "subsegments": [sub(1, "movies"), sub(2, "users"), sub(3, "orders")],
    })
    .to_string()
}
