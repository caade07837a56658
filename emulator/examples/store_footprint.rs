//! What one stored segment costs: `shop` traffic generated on a manual clock into an emulator
//! whose store never evicts, with the heap counted by a counting allocator (live bytes, exact)
//! and the resident set read from /proc/self/statm (what the kernel sees, allocator slack
//! included).
//!
//! `cargo run --release -p emulator --example store_footprint [-- MINUTES]`: the scenario's
//! history (30–45 minutes) and MINUTES more (default 30) at 5 traces/s.

#[path = "../tests/counting/mod.rs"]
mod counting;

use emulator::{Clock, Emulator, EmulatorConfig, ScenarioName, scenario};

const START: f64 = 1_767_225_600.0;

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

fn main() {
    let minutes: u32 = std::env::args()
        .nth(1)
        .and_then(|m| m.parse().ok())
        .unwrap_or(30);
    let scenario = match std::env::args().nth(2).as_deref() {
        Some("transaction-search") => ScenarioName::TransactionSearch,
        _ => ScenarioName::Shop,
    };
    let config = EmulatorConfig {
        clock: Clock::manual(START),
        max_segments: usize::MAX,
        max_segment_bytes: usize::MAX,
        max_spans: usize::MAX,
        max_span_bytes: usize::MAX,
        transaction_search: scenario.transaction_search().then_some(1.0),
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::new(&config);
    let (heap_before, rss_before) = (counting::live(), resident_bytes());
    scenario::install(scenario, &emulator, 1);
    for _ in 0..minutes {
        let from = emulator.clock.now();
        emulator.clock.advance(60.0);
        scenario::generate(scenario, &emulator, 1, from, from + 60.0, 5.0);
    }
    let stored = emulator.xray.stored();
    eprintln!("peak heap {:.1} MiB", counting::peak() as f64 / 1_048_576.0);
    let segments = stored.segments.max(1) as f64;
    let heap = (counting::live() - heap_before) as f64;
    let rss = resident_bytes().saturating_sub(rss_before) as f64;
    println!(
        "store_footprint: {minutes} min of shop: {} traces, {} segments, document text {:.0} B/segment",
        stored.traces,
        stored.segments,
        stored.document_bytes as f64 / segments
    );
    println!(
        "store_footprint: heap {:.0} B/segment ({:.1} MiB), resident {:.0} B/segment ({:.1} MiB), the store counts {:.0} B/segment",
        heap / segments,
        heap / 1_048_576.0,
        rss / segments,
        rss / 1_048_576.0,
        stored.bytes as f64 / segments
    );
    let spans = emulator.spans.stored();
    if spans.spans > 0 {
        let per_span = |bytes: f64| bytes / spans.spans as f64;
        println!(
            "store_footprint: aws/spans: {} spans; heap {:.0} B/span (both stores), the log group counts {:.0} B/span",
            spans.spans,
            per_span(heap),
            per_span(spans.bytes as f64)
        );
    }
}

/// The resident set in bytes (Linux: /proc/self/statm's second field, in pages of 4 KiB).
fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}
