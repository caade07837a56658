//! How often the asynchronous Transaction Search work is looked at, and how long it may take.
//!
//! The browser drives the polling: every answer says when to ask again (`poll_after_ms`), and
//! each ask makes at most one upstream call (GetQueryResults or ListRetrievedTraces), and none
//! when the previous call for the same search is younger than [`MIN_FETCH_INTERVAL`] — so ten
//! browsers watching one search cost what one does. Nothing polls AWS in the background; the
//! only background work is the reaper, which stops what nobody asked about for `search_idle`
//! (15 s by default): StopQuery for a search, CancelTraceRetrieval for a retrieval.
//!
//! | elapsed | ask again after |
//! | --- | --- |
//! | under 2 s | 0.5 s (Logs Insights often answers a small window within a second or two) |
//! | under 10 s | 1 s |
//! | under 60 s | 2 s |
//! | later | 5 s |

use std::time::Duration;

/// Upstream calls for one search or retrieval are at least this far apart.
pub const MIN_FETCH_INTERVAL: Duration = Duration::from_millis(400);
/// An all-spans search is stopped (StopQuery) after this long; its rows so far stay.
pub const MAX_SEARCH: Duration = Duration::from_secs(shared::api::MAX_SEARCH_SECONDS);
/// A retrieval is given up (CancelTraceRetrieval) after this long.
pub const MAX_RETRIEVAL: Duration = Duration::from_secs(shared::api::MAX_RETRIEVAL_SECONDS);
/// A finished search or retrieval is kept this long after it was last asked about (reloading
/// the page shows it again), then forgotten.
pub const KEEP: Duration = Duration::from_secs(300);
/// How often the reaper looks for idle and forgotten work: a third of the idle time (the
/// `search_idle` setting, 15 s by default), at most every 5 s.
pub fn reap_every(idle: Duration) -> Duration {
    (idle / 3).clamp(Duration::from_millis(100), Duration::from_secs(5))
}
/// Searches running at once per runtrace process (AWS allows 100 Logs Insights queries per
/// account, dashboards included; runtrace leaves most of them to others).
pub const MAX_RUNNING_SEARCHES: usize = 20;

/// When the browser should ask again, in milliseconds; 0 once nothing will change.
pub fn poll_after_ms(elapsed: Duration, done: bool) -> u64 {
    if done {
        return 0;
    }
    match elapsed.as_secs_f64() {
        s if s < 2.0 => 500,
        s if s < 10.0 => 1_000,
        s if s < 60.0 => 2_000,
        _ => 5_000,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_slows_down_as_the_work_goes_on() {
        let check = |secs: f64, done: bool, expect: u64| {
            assert_eq!(
                poll_after_ms(Duration::from_secs_f64(secs), done),
                expect,
                "{secs} s"
            );
        };
        check(0.0, false, 500);
        check(1.9, false, 500);
        check(2.0, false, 1_000);
        check(30.0, false, 2_000);
        check(90.0, false, 5_000);
        check(1.0, true, 0);
    }
}
