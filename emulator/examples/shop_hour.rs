//! Memory and GetServiceGraph time after an hour of `shop` traffic, simulated on a manual clock.
//!
//! `cargo run --release -p emulator --example shop_hour [-- RATE]` (default: 5 traces/s, the
//! emulator's default live rate). Prints the stored traces, segments and document bytes, the
//! process's resident memory, and how long GetServiceGraph and GetTraceSummaries take over the hour.

use std::time::Instant;

use emulator::{Clock, Emulator, EmulatorConfig, ScenarioName, scenario};
use serde_json::json;

const START: f64 = 1_767_225_600.0;

fn main() {
    let rate: f64 = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(5.0);
    let config = EmulatorConfig {
        clock: Clock::manual(START),
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::new(&config);
    let rss_before = resident_kib();
    scenario::install(ScenarioName::Shop, &emulator, 1);
    let started = Instant::now();
    for _ in 0..60 {
        let from = emulator.clock.now();
        emulator.clock.advance(60.0);
        scenario::generate(ScenarioName::Shop, &emulator, 1, from, from + 60.0, rate);
    }
    let stored = emulator.xray.stored();
    println!(
        "an hour of shop at {rate} traces/s generated in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    println!(
        "stored: {} traces, {} segments, {} document bytes ({:.1} MiB); resident memory grew by {:.1} MiB",
        stored.traces,
        stored.segments,
        stored.document_bytes,
        stored.document_bytes as f64 / 1_048_576.0,
        resident_kib().saturating_sub(rss_before) as f64 / 1024.0
    );
    let end = emulator.clock.now();
    let window = json!({"StartTime": end - 3600.0, "EndTime": end});
    time(&emulator, "GetServiceGraph (1 h)", "/ServiceGraph", &window);
    let filtered = json!({"StartTime": end - 3600.0, "EndTime": end, "FilterExpression": r#"service("payments") { fault }"#});
    time(
        &emulator,
        "GetTraceSummaries (1 h, service filter)",
        "/TraceSummaries",
        &filtered,
    );
}

fn time(emulator: &Emulator, label: &str, path: &str, body: &serde_json::Value) {
    let body = body.to_string();
    let mut runs: Vec<f64> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let answer = emulator.xray.handle("us-east-1", path, body.as_bytes());
            assert!(answer.is_ok(), "{label}: {answer:?}");
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    println!(
        "{label}: median {:.1} ms (min {:.1}, max {:.1})",
        runs[2], runs[0], runs[4]
    );
}

/// The process's resident set size in KiB (Linux), 0 where unknown.
fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
