//! What a kiosk shows of the recent traces: a handful of numbers and the latest failed requests,
//! readable from across the room, instead of the full search table.

use shared::api::TraceSummary;

/// The summary of one page of recent traces.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TraceDigest {
    pub traces: usize,
    pub errors: usize,
    pub faults: usize,
    pub throttles: usize,
    /// Median and 95th percentile of the response time, milliseconds (`None` without timings).
    pub p50_ms: Option<f64>,
    pub p95_ms: Option<f64>,
    /// The most recent traces with a fault, an error or a throttle, newest first.
    pub latest_failures: Vec<TraceSummary>,
}

/// Nearest-rank percentile of sorted values; `share` in 0–1.
fn percentile(sorted: &[f64], share: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (share * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

/// Digests `traces`, keeping at most `failures_shown` failed ones.
pub fn digest(traces: &[TraceSummary], failures_shown: usize) -> TraceDigest {
    let mut times: Vec<f64> = traces
        .iter()
        .filter_map(|t| t.response_time.or(t.duration))
        .filter(|seconds| seconds.is_finite())
        .map(|seconds| seconds * 1000.0)
        .collect();
    times.sort_by(f64::total_cmp);
    let mut failed: Vec<&TraceSummary> = traces
        .iter()
        .filter(|t| t.has_fault || t.has_error || t.has_throttle)
        .collect();
    failed.sort_by(|a, b| b.start_time.total_cmp(&a.start_time));
    TraceDigest {
        traces: traces.len(),
        errors: traces.iter().filter(|t| t.has_error).count(),
        faults: traces.iter().filter(|t| t.has_fault).count(),
        throttles: traces.iter().filter(|t| t.has_throttle).count(),
        p50_ms: percentile(&times, 0.5),
        p95_ms: percentile(&times, 0.95),
        latest_failures: failed.into_iter().take(failures_shown).cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trace(id: &str, start: f64, response: Option<f64>, flags: &str) -> TraceSummary {
        TraceSummary {
            id: id.to_owned(),
            start_time: start,
            response_time: response,
            has_fault: flags.contains('f'),
            has_error: flags.contains('e'),
            has_throttle: flags.contains('t'),
            ..TraceSummary::default()
        }
    }

    #[test]
    fn counts_percentiles_and_latest_failures() {
        let traces: Vec<TraceSummary> = (1..=20)
            .map(|i| {
                let flags = match i {
                    3 | 17 => "f",
                    5 => "e",
                    9 => "et",
                    _ => "",
                };
                trace(
                    &format!("t{i}"),
                    f64::from(i),
                    Some(f64::from(i) / 100.0),
                    flags,
                )
            })
            .collect();
        let digest = digest(&traces, 3);
        assert_eq!(
            (
                digest.traces,
                digest.errors,
                digest.faults,
                digest.throttles
            ),
            (20, 2, 2, 1)
        );
        assert_eq!(digest.p50_ms, Some(100.0));
        assert_eq!(digest.p95_ms, Some(190.0));
        let ids: Vec<&str> = digest
            .latest_failures
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(ids, ["t17", "t9", "t5"]);
    }

    #[test]
    fn no_traces_and_no_timings_give_no_percentiles() {
        assert_eq!(digest(&[], 5), TraceDigest::default());
        let untimed = [
            trace("a", 1.0, None, ""),
            trace("b", 2.0, Some(f64::NAN), ""),
        ];
        let digest = digest(&untimed, 5);
        assert_eq!(
            (digest.traces, digest.p50_ms, digest.p95_ms),
            (2, None, None)
        );
    }
}
