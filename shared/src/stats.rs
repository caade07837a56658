//! Figures derived from X-Ray's request statistics: rates, mean latency, outcome ratios.

use crate::api::{Derived, Stats};

impl Stats {
    /// `ErrorStatistics.TotalCount`: every 4xx, throttles included.
    pub fn error_total(&self) -> u64 {
        self.error_other.saturating_add(self.throttle)
    }

    /// `FaultStatistics.TotalCount`: every 5xx.
    pub fn fault_total(&self) -> u64 {
        self.fault_other
    }

    /// Adds another period's or node's counts to these (for totals over several points).
    pub fn accumulate(&mut self, other: &Stats) {
        self.ok = self.ok.saturating_add(other.ok);
        self.error_other = self.error_other.saturating_add(other.error_other);
        self.throttle = self.throttle.saturating_add(other.throttle);
        self.fault_other = self.fault_other.saturating_add(other.fault_other);
        self.total = self.total.saturating_add(other.total);
        self.total_response_time += other.total_response_time;
    }
}

impl Derived {
    /// Derives the figures for `stats` collected over `window_seconds`. With no requests every
    /// ratio is 0 and there is no mean latency; with an empty window the rate is 0.
    pub fn from_stats(stats: &Stats, window_seconds: f64) -> Self {
        let total = stats.total as f64;
        let share = |count: u64| {
            if stats.total == 0 {
                0.0
            } else {
                count as f64 / total
            }
        };
        let requests_per_minute = if window_seconds > 0.0 && window_seconds.is_finite() {
            total * 60.0 / window_seconds
        } else {
            0.0
        };
        Self {
            requests_per_minute,
            mean_latency_s: (stats.total > 0).then(|| stats.total_response_time / total),
            error_ratio: share(stats.error_total()),
            fault_ratio: share(stats.fault_total()),
            throttle_ratio: share(stats.throttle),
            ok_ratio: share(stats.ok),
        }
    }
}
