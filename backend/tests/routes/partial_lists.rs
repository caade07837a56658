//! A trace list is never silently short (issue 20): when X-Ray throttles or fails a page after
//! the first, past the SDK's retries, the answer keeps what was read and says it is partial
//! and why; the next request, once X-Ray recovers, is whole again (partial answers are not
//! reused from the cache).

use std::time::Duration;

use emulator::{FaultConfig, ScenarioName};
use serde_json::Value;

use crate::common::Harness;

const LIST: &str = "/api/v1/traces?window=30m&overview=1";
const SUMMARIES: &str = "xray:TraceSummaries";

fn summaries_asked(harness: &Harness) -> u64 {
    let calls = harness.emulator().calls.snapshot();
    calls.get(SUMMARIES).copied().unwrap_or(0)
}

/// Once the second page of summaries has been asked for (and is held back by the injected
/// latency), X-Ray starts throttling everything.
async fn throttle_from_the_second_page(harness: &Harness, latency: FaultConfig) {
    while summaries_asked(harness) < 2 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    harness.emulator().faults.set(FaultConfig {
        throttle_ratio: 1.0,
        ..latency
    });
}

fn points(answer: &Value) -> usize {
    answer["overview"]["points"].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn a_page_throttled_after_the_first_makes_the_answer_partial_not_short() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let whole = harness.ok(LIST).await;
    assert!(whole.get("partial").is_none(), "{whole}");
    assert_eq!(whole["overview"]["complete"], true);
    let every = points(&whole);
    assert!(every > 100, "the window spans several pages: {every}");

    // The same window a moment later (a new cache key), with X-Ray slowing and then throttling.
    harness.emulator().clock.advance(5.0);
    let latency = FaultConfig {
        extra_latency_ms: 300,
        ..FaultConfig::default()
    };
    harness.emulator().faults.set(latency.clone());
    harness.emulator().calls.reset();
    let (partial, ()) = tokio::join!(
        harness.get(LIST),
        throttle_from_the_second_page(&harness, latency)
    );
    let partial = partial.body;
    let reason = partial["partial"].as_str().unwrap_or_default();
    assert!(
        reason.contains("throttled page 2"),
        "the answer says why it is short: {partial}"
    );
    assert_eq!(partial["overview"]["complete"], false);
    let read = points(&partial);
    assert!(read > 0 && read < every, "{read} of {every}");
    assert_eq!(
        partial["traces"].as_array().map(Vec::len),
        Some(read.min(100))
    );
    assert_eq!(partial["more_available"], true);

    // X-Ray recovers: the same request reads the window again, whole.
    harness.emulator().faults.set(FaultConfig::default());
    let again = harness.ok(LIST).await;
    assert!(again.get("partial").is_none(), "{again}");
    assert_eq!(again["overview"]["complete"], true);
}
