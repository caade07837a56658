//! How long an all-spans search takes: one hour of `shop` traffic (at the demo's live rate, 5
//! traces a second) stored with Transaction Search on (1 % indexed), then searched through
//! runtrace's routes on a real socket as the browser does — start, then poll after each
//! answer's `poll_after_ms` — printing the time to the first rows and to completion.
//!
//! `cargo run --release -p backend --example all_spans_search [ASYNC_SECONDS]`
//!
//! ASYNC_SECONDS is how long the emulator's Logs Insights queries take (default 2, as in
//! `runtrace demo`); with 0 the numbers are the emulator's own work plus runtrace's pacing.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use backend::aws::{AwsSettings, AwsUpstream, Clients};
use backend::http::assets::Assets;
use backend::http::{AppState, ServerSettings, app};
use emulator::{Clock, EmulatorConfig, ScenarioName};
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

const HOUR: f64 = 3600.0;
const RATE: f64 = 5.0;

type HttpClient = Client<HttpConnector, Empty<Bytes>>;

#[tokio::main]
async fn main() {
    let async_seconds = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2.0);
    let config = EmulatorConfig {
        scenario: ScenarioName::Empty,
        live: false,
        clock: Clock::system(),
        transaction_search: Some(1.0),
        async_seconds,
        max_spans: 1_000_000,
        ..EmulatorConfig::default()
    };
    let running = emulator::start(config).await.expect("the emulator starts");
    let emulator = running.emulator();
    let now = emulator.clock.now();
    let stored = Instant::now();
    emulator::scenario::generate(ScenarioName::Shop, emulator, 7, now - HOUR, now, RATE);
    let spans = emulator.spans.stored();
    println!(
        "one hour of shop at {RATE} traces/s: {} traces, {} spans, {:.0} MB in aws/spans, {} traces indexed (stored in {:.1} s)",
        spans.traces,
        spans.spans,
        spans.bytes as f64 / 1e6,
        emulator.xray.stored().traces,
        stored.elapsed().as_secs_f64()
    );
    let settings = AwsSettings::endpoint(
        &running.endpoint_url(),
        vec!["us-east-1".into()],
        ("test", "test"),
    );
    let clients = Clients::connect(&settings).await.expect("clients");
    let state = AppState {
        upstream: Arc::new(AwsUpstream::new(clients, &settings)),
        settings: Arc::new(ServerSettings::new(false, None)),
        assets: Arc::new(Assets::empty()),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move { axum::serve(listener, app(state)).await });
    let http: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    println!("emulator query time (--async-seconds): {async_seconds} s");
    println!(
        "{:<46} {:>6} {:>10} {:>10} {:>6} {:>12} {:>9}",
        "filter", "rows", "first rows", "complete", "polls", "scanned", "MB"
    );
    for (filter, limit) in [
        ("", 500),
        ("http.status = 500", 10_000),
        ("fault AND http.url CONTAINS \"/checkout\"", 10_000),
        ("service(\"payments\")", 500),
    ] {
        search(&http, &url, filter, limit).await;
    }
    running.shutdown().await;
}

async fn search(http: &HttpClient, url: &str, filter: &str, limit: u32) {
    let started = Instant::now();
    let mut page = get(
        http,
        &format!(
            "{url}/api/v1/traces?source=spans&window=1h&limit={limit}&filter={}",
            encode(filter)
        ),
    )
    .await;
    let id = page["search"]["id"].as_str().unwrap_or_default().to_owned();
    let (mut first_rows, mut polls) = (None, 0);
    while page["search"]["done"] != true {
        let wait = page["search"]["poll_after_ms"].as_u64().unwrap_or(500);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        page = get(http, &format!("{url}/api/v1/traces/searches/{id}")).await;
        polls += 1;
        if first_rows.is_none() && page["traces"].as_array().is_some_and(|t| !t.is_empty()) {
            first_rows = Some(started.elapsed());
        }
    }
    let search = &page["search"];
    println!(
        "{:<46} {:>6} {:>9.2}s {:>9.2}s {:>6} {:>12} {:>9.1}",
        if filter.is_empty() { "(none)" } else { filter },
        page["traces"].as_array().map_or(0, Vec::len),
        first_rows.map_or(f64::NAN, |d| d.as_secs_f64()),
        started.elapsed().as_secs_f64(),
        polls,
        search["records_scanned"].as_f64().unwrap_or_default(),
        search["bytes_scanned"].as_f64().unwrap_or_default() / 1e6,
    );
    if search["status"] != "Complete" {
        println!("  ended {}: {}", search["status"], search["message"]);
    }
}

async fn get(http: &HttpClient, uri: &str) -> Value {
    let response = http
        .get(uri.parse().expect("a URI"))
        .await
        .expect("runtrace answers");
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    assert!(status.is_success(), "{uri}: {status} {value}");
    value
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
