//! What the segment store holds, counted by the allocator: a stored `shop` segment costs a
//! fraction of what its full parse did (≈6.4 kB a segment before the digest), the store's own
//! estimate (what `--max-segments-mb` bounds) is close to the bytes really held, and under a byte
//! cap the heap stays within it.

mod counting;

use emulator::{Clock, Emulator, EmulatorConfig, ScenarioName, scenario};
use serde_json::json;

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

const START: f64 = 1_767_225_600.0;

/// The allocator counts every thread: the two measurements must not overlap.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// `shop`'s history and `minutes` more of its traffic, on a manual clock.
fn shop(config: EmulatorConfig, minutes: u32) -> Emulator {
    let emulator = Emulator::new(&config);
    scenario::install(ScenarioName::Shop, &emulator, 1);
    for _ in 0..minutes {
        let from = emulator.clock.now();
        emulator.clock.advance(60.0);
        scenario::generate(ScenarioName::Shop, &emulator, 1, from, from + 60.0, 5.0);
    }
    emulator
}

fn config() -> EmulatorConfig {
    EmulatorConfig {
        clock: Clock::manual(START),
        max_segments: usize::MAX,
        max_segment_bytes: usize::MAX,
        live: false,
        ..EmulatorConfig::default()
    }
}

#[test]
fn a_stored_segment_is_small_and_the_estimate_is_close() {
    let _serial = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let before = counting::live();
    let emulator = shop(config(), 5);
    let held = (counting::live() - before) as f64;
    let stored = emulator.xray.stored();
    assert!(stored.segments > 10_000, "{stored:?}");
    let per_segment = held / stored.segments as f64;
    assert!(
        per_segment < 2_000.0,
        "{per_segment:.0} B held per segment ({stored:?})"
    );
    let estimate = stored.bytes as f64 / held;
    assert!(
        (0.85..1.15).contains(&estimate),
        "the store estimates {} B, {held} B are held",
        stored.bytes
    );
    // Every document still reads back as sent.
    let end = emulator.clock.now();
    let summaries = emulator.xray.handle(
        "us-east-1",
        "/TraceSummaries",
        json!({"StartTime": end - 300.0, "EndTime": end})
            .to_string()
            .as_bytes(),
    );
    let first = summaries
        .ok()
        .and_then(|s| s["TraceSummaries"][0]["Id"].as_str().map(str::to_owned));
    let trace = first.and_then(|id| {
        let body = json!({"TraceIds": [id]}).to_string();
        emulator
            .xray
            .handle("us-east-1", "/Traces", body.as_bytes())
            .ok()
    });
    let document = trace
        .as_ref()
        .and_then(|t| t["Traces"][0]["Segments"][0]["Document"].as_str());
    let parsed = document.map(serde_json::from_str::<serde_json::Value>);
    assert!(matches!(parsed, Some(Ok(_))), "{trace:?}");
}

#[test]
fn under_a_byte_cap_the_heap_stays_within_it() {
    let _serial = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    const CAP: usize = 8 * 1024 * 1024;
    let before = counting::live();
    let emulator = shop(
        EmulatorConfig {
            max_segment_bytes: CAP,
            ..config()
        },
        20,
    );
    let held = counting::live() - before;
    let stored = emulator.xray.stored();
    assert!(stored.bytes <= CAP, "{stored:?}");
    assert!(
        held as f64 <= CAP as f64 * 1.15,
        "{held} B held under a cap of {CAP} B ({stored:?})"
    );
    // The oldest traffic went first: the scenario's history is gone, the last minutes are here.
    let end = emulator.clock.now();
    let count = |from: f64, to: f64| {
        let body = json!({"StartTime": from, "EndTime": to}).to_string();
        let answer = emulator
            .xray
            .handle("us-east-1", "/TraceSummaries", body.as_bytes());
        answer.map_or(0, |a| a["TracesProcessedCount"].as_u64().unwrap_or(0))
    };
    assert_eq!(count(end - 50.0 * 60.0, end - 21.0 * 60.0), 0);
    assert!(count(end - 120.0, end) > 100);
}
