//! The kiosk's headline numbers for a window, read off the service map of the same window: the
//! requests that entered the traced system are the calls out of its client nodes (the edges the
//! map draws from "client"), so the kiosk and the map cannot disagree, and nothing is cut off at
//! a page of traces.

use shared::api::{HistogramBin, NodeKind, ServiceMap, Stats};

/// Requests into the system over the window, by outcome, and their response-time percentiles.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WindowNumbers {
    pub requests: u64,
    /// 4xx, throttles included (as X-Ray counts them).
    pub errors: u64,
    /// 429, also counted in `errors`.
    pub throttles: u64,
    pub faults: u64,
    /// Milliseconds, from the edges' response-time histograms; `None` without any.
    pub p50_ms: Option<f64>,
    pub p95_ms: Option<f64>,
}

/// The statistics of the requests that entered the system: the edges out of client nodes, or,
/// in a map without a client (a group whose traces start elsewhere), the root nodes' own.
pub fn entry_stats(map: &ServiceMap) -> (Stats, Vec<HistogramBin>) {
    let is_client = |id: i32| {
        map.nodes
            .iter()
            .any(|n| n.id == id && n.kind == NodeKind::Client)
    };
    let mut stats = Stats::default();
    let mut bins = Vec::new();
    let mut add = |s: &Stats, histogram: &[HistogramBin]| {
        stats.ok += s.ok;
        stats.error_other += s.error_other;
        stats.throttle += s.throttle;
        stats.fault_other += s.fault_other;
        stats.total += s.total;
        stats.total_response_time += s.total_response_time;
        bins.extend_from_slice(histogram);
    };
    let entries: Vec<_> = map.edges.iter().filter(|e| is_client(e.source)).collect();
    if entries.is_empty() {
        for node in map.nodes.iter().filter(|n| n.root) {
            add(&node.stats, &node.response_time_histogram);
        }
    } else {
        for edge in entries {
            add(&edge.stats, &edge.response_time_histogram);
        }
    }
    (stats, bins)
}

pub fn window_numbers(map: &ServiceMap) -> WindowNumbers {
    let (stats, bins) = entry_stats(map);
    WindowNumbers {
        requests: stats.total,
        errors: stats.error_other + stats.throttle,
        throttles: stats.throttle,
        faults: stats.fault_other,
        p50_ms: percentile(&bins, 0.5),
        p95_ms: percentile(&bins, 0.95),
    }
}

/// Nearest-rank percentile of histogram bins (in any order; the same value may come from
/// several calls), in milliseconds; `share` in 0–1: the least value with at least that share of
/// requests at or below it.
fn percentile(bins: &[HistogramBin], share: f64) -> Option<f64> {
    let total: u64 = bins.iter().map(|b| b.count).sum();
    if total == 0 {
        return None;
    }
    let rank = ((share * total as f64).ceil() as u64).clamp(1, total);
    let at_or_below = |value: f64| -> u64 {
        bins.iter()
            .filter(|b| b.value <= value)
            .map(|b| b.count)
            .sum()
    };
    bins.iter()
        .filter(|b| b.count > 0 && at_or_below(b.value) >= rank)
        .map(|b| b.value)
        .reduce(f64::min)
        .map(|seconds| seconds * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::map::fixture::movies;

    #[test]
    fn the_numbers_are_the_calls_out_of_the_client() {
        let mut map = movies();
        let stats = |ok, error_other, throttle, fault_other| Stats {
            ok,
            error_other,
            throttle,
            fault_other,
            total: ok + error_other + throttle + fault_other,
            total_response_time: 1.0,
        };
        let bin = |value: f64, count: u64| HistogramBin { value, count };
        // client → movies_app, and movies_app → the table, which must not count.
        map.edges[0].stats = stats(90, 4, 2, 4);
        map.edges[0].response_time_histogram = vec![bin(0.02, 60), bin(0.2, 40)];
        map.edges[1].stats = stats(500, 0, 0, 50);
        map.edges[1].response_time_histogram = vec![bin(0.001, 500)];
        let numbers = window_numbers(&map);
        let expect = WindowNumbers {
            requests: 100,
            errors: 6,
            throttles: 2,
            faults: 4,
            p50_ms: Some(20.0),
            p95_ms: Some(200.0),
        };
        assert_eq!(numbers, expect);
    }

    #[test]
    fn a_map_without_a_client_counts_its_roots() {
        let mut map = movies();
        map.nodes.retain(|n| n.kind != NodeKind::Client);
        map.edges.retain(|e| e.source != 0);
        for node in &mut map.nodes {
            node.root = node.id == 1;
        }
        let app = map.nodes.iter().find(|n| n.id == 1).expect("movies_app");
        assert_eq!(window_numbers(&map).requests, app.stats.total);
        assert_eq!(
            window_numbers(&ServiceMap::default()),
            WindowNumbers::default()
        );
    }

    #[test]
    fn percentiles_come_from_the_merged_histograms() {
        let bin = |value: f64, count: u64| HistogramBin { value, count };
        let check = |bins: &[HistogramBin], share: f64, expect: Option<f64>| {
            assert_eq!(percentile(bins, share), expect, "{bins:?} {share}");
        };
        let bins = [bin(0.3, 1), bin(0.01, 8), bin(0.1, 1)];
        check(&bins, 0.5, Some(10.0));
        check(&bins, 0.85, Some(100.0));
        check(&bins, 0.95, Some(300.0));
        check(&[], 0.5, None);
        check(&[bin(1.0, 0)], 0.5, None);
    }
}
