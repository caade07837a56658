//! OTLP ingest throughput: what the seed's movies app exports (the Python SDK's own spans, from
//! `tests/fixtures`), copied under fresh trace ids into requests of 512 spans (the Python and Java
//! SDKs' default batch), sent through the emulator's HTTP router (`POST /v1/traces`: decode,
//! convert to segments, store) as protobuf, then as OTLP/JSON.
//!
//! `cargo run --release -p emulator --example otlp_bench [-- SPANS]` (default 100,000).

use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use emulator::server::{ServerOptions, router};
use emulator::{Clock, Emulator, EmulatorConfig};
use http_body_util::BodyExt as _;
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::trace::v1::Span;
use prost::Message as _;
use tower::ServiceExt as _;

const FIXTURE: &[u8] = include_bytes!("../tests/fixtures/movies_app_otel.pb");
const BATCH: usize = 512;

fn main() {
    let total: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let Ok(fixture) = ExportTraceServiceRequest::decode(FIXTURE) else {
        eprintln!("the fixture is not an OTLP request");
        std::process::exit(1);
    };
    let requests = requests(&fixture, total);
    let spans: usize = requests.iter().map(span_count).sum();
    let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    else {
        eprintln!("no async runtime");
        std::process::exit(1);
    };
    for (encoding, content_type) in [
        ("protobuf", "application/x-protobuf"),
        ("JSON", "application/json"),
    ] {
        let bodies: Vec<Vec<u8>> = requests
            .iter()
            .map(|r| match encoding {
                "protobuf" => r.encode_to_vec(),
                _ => serde_json::to_vec(r).unwrap_or_default(),
            })
            .collect();
        let bytes: usize = bodies.iter().map(Vec::len).sum();
        let emulator = Emulator::new(&EmulatorConfig {
            clock: Clock::manual(1_796_329_455.0),
            max_segments: spans * 2,
            ..EmulatorConfig::default()
        });
        let app = router(emulator.clone(), ServerOptions::default());
        let started = Instant::now();
        runtime.block_on(async {
            for body in bodies {
                let request = Request::post("/v1/traces")
                    .header("content-type", content_type)
                    .body(Body::from(body));
                let Ok(request) = request else { continue };
                let Ok(response) = app.clone().oneshot(request).await;
                let status = response.status();
                let answer = response.into_body().collect().await.map(|b| b.to_bytes());
                if !status.is_success() {
                    eprintln!("refused ({status}): {answer:?}");
                    std::process::exit(1);
                }
            }
        });
        let seconds = started.elapsed().as_secs_f64();
        let stored = emulator.xray.stored();
        println!(
            "OTLP ingest, {encoding}: {spans} spans in {} requests ({:.1} MB) in {seconds:.2} s = {:.0} spans/s; stored {} segments",
            requests.len(),
            bytes as f64 / 1e6,
            spans as f64 / seconds,
            stored.segments
        );
    }
}

/// Copies of the fixture's spans, each copy under its own trace ids, `BATCH` spans a request.
fn requests(fixture: &ExportTraceServiceRequest, total: usize) -> Vec<ExportTraceServiceRequest> {
    let per_copy = span_count(fixture).max(1);
    let copies = total.div_ceil(per_copy);
    let mut out: Vec<ExportTraceServiceRequest> = Vec::new();
    let mut in_batch = BATCH;
    for copy in 0..copies {
        let mut request = fixture.clone();
        for span in request
            .resource_spans
            .iter_mut()
            .flat_map(|r| &mut r.scope_spans)
            .flat_map(|s| &mut s.spans)
        {
            retrace(span, copy as u32);
        }
        if in_batch + per_copy > BATCH {
            out.push(request);
            in_batch = per_copy;
        } else if let Some(last) = out.last_mut() {
            last.resource_spans.extend(request.resource_spans);
            in_batch += per_copy;
        }
    }
    out
}

/// A new trace: the random part of the trace id (bytes 4–15) carries the copy number.
fn retrace(span: &mut Span, copy: u32) {
    if let Some(bytes) = span.trace_id.get_mut(4..8) {
        for (byte, mix) in bytes.iter_mut().zip(copy.to_be_bytes()) {
            *byte ^= mix;
        }
    }
}

fn span_count(request: &ExportTraceServiceRequest) -> usize {
    request
        .resource_spans
        .iter()
        .flat_map(|r| &r.scope_spans)
        .map(|s| s.spans.len())
        .sum()
}
