//! Request statistics and histograms as X-Ray reports them on nodes, edges and time-series points.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::view::Outcome;

/// X-Ray's `ServiceStatistics` / `EdgeStatistics`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Stats {
    pub ok: u64,
    /// 4xx other than 429.
    pub error_other: u64,
    pub throttle: u64,
    pub fault: u64,
    pub total_response_time: f64,
}

impl Stats {
    pub fn add(&mut self, outcome: Outcome, response_time: f64) {
        match outcome {
            Outcome::Ok => self.ok += 1,
            Outcome::Error => self.error_other += 1,
            Outcome::Throttle => self.throttle += 1,
            Outcome::Fault => self.fault += 1,
        }
        self.total_response_time += response_time;
    }

    pub fn total(&self) -> u64 {
        self.ok + self.error_other + self.throttle + self.fault
    }

    pub fn to_json(&self) -> Value {
        json!({
            "OkCount": self.ok,
            "ErrorStatistics": {
                "ThrottleCount": self.throttle,
                "OtherCount": self.error_other,
                "TotalCount": self.throttle + self.error_other,
            },
            "FaultStatistics": { "OtherCount": self.fault, "TotalCount": self.fault },
            "TotalCount": self.total(),
            "TotalResponseTime": self.total_response_time,
        })
    }
}

/// Counts of values bucketed to two significant digits (0.0123 s and 0.0127 s share the bucket
/// 0.012; 1.26 s lands in 1.2): fine enough to draw, and at most 90 buckets per decade.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Histogram {
    /// Bucket value in microseconds → count.
    buckets: BTreeMap<u64, u64>,
}

impl Histogram {
    pub fn add(&mut self, seconds: f64) {
        *self.buckets.entry(bucket_micros(seconds)).or_default() += 1;
    }

    pub fn to_json(&self) -> Value {
        let entries: Vec<Value> = self
            .buckets
            .iter()
            .map(|(micros, count)| json!({ "Value": *micros as f64 / 1e6, "Count": count }))
            .collect();
        Value::Array(entries)
    }
}

/// The bucket of a value, in microseconds: truncated to two significant digits.
pub(crate) fn bucket_micros(seconds: f64) -> u64 {
    let micros = (seconds.max(0.0) * 1e6).round() as u64;
    if micros < 100 {
        return micros;
    }
    let digits = micros.ilog10();
    let scale = 10u64.pow(digits - 1);
    micros / scale * scale
}

/// Statistics and a response-time histogram together: what a node, an edge and a point carry.
#[derive(Clone, Debug, Default)]
pub(crate) struct Aggregate {
    pub stats: Stats,
    pub response_times: Histogram,
    pub first: Option<f64>,
    pub last: Option<f64>,
}

impl Aggregate {
    pub fn add(&mut self, outcome: Outcome, response_time: f64, start: f64) {
        self.stats.add(outcome, response_time);
        self.response_times.add(response_time);
        self.first = Some(self.first.map_or(start, |f| f.min(start)));
        let end = start + response_time;
        self.last = Some(self.last.map_or(end, |l| l.max(end)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_buckets() {
        let check =
            |seconds: f64, micros: u64| assert_eq!(bucket_micros(seconds), micros, "{seconds}");
        check(0.0, 0);
        check(0.000_05, 50);
        check(0.0123, 12_000);
        check(0.0127, 12_000);
        check(1.26, 1_200_000);
        check(15.0, 15_000_000);
        check(-1.0, 0);
    }

    #[test]
    fn statistics_count_by_outcome_and_sum_times() {
        let mut stats = Stats::default();
        for (outcome, time) in [
            (Outcome::Ok, 0.5),
            (Outcome::Throttle, 0.25),
            (Outcome::Fault, 1.0),
            (Outcome::Error, 0.25),
        ] {
            stats.add(outcome, time);
        }
        let json = stats.to_json();
        assert_eq!(json["TotalCount"], 4);
        assert_eq!(json["ErrorStatistics"]["TotalCount"], 2);
        assert_eq!(json["ErrorStatistics"]["ThrottleCount"], 1);
        assert_eq!(json["FaultStatistics"]["TotalCount"], 1);
        assert_eq!(json["TotalResponseTime"], 2.0);
    }
}
