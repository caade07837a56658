//! Request statistics of a service-map node or edge, as X-Ray counts them, and the figures the
//! UI derives from them (computed by [`crate::stats`]).

use serde::{Deserialize, Serialize};

/// X-Ray's `SummaryStatistics`, flattened. X-Ray reports the error and fault totals separately,
/// but they are always `error_other + throttle` and `fault_other`, so they are methods here.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Stats {
    /// `OkCount`: 2xx responses (and anything not an error or fault).
    pub ok: u64,
    /// `ErrorStatistics.OtherCount`: 4xx other than 429.
    pub error_other: u64,
    /// `ErrorStatistics.ThrottleCount`: 429.
    pub throttle: u64,
    /// `FaultStatistics.OtherCount`: 5xx.
    pub fault_other: u64,
    /// `TotalCount`: every request.
    pub total: u64,
    /// `TotalResponseTime`: the sum of response times in seconds.
    pub total_response_time: f64,
}

/// What a person reads off a node: rates, mean latency and the share of each outcome.
/// Every ratio is in `0.0..=1.0` of `total`; with no requests they are all 0.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Derived {
    pub requests_per_minute: f64,
    /// `None` when there were no requests, so there is no mean.
    pub mean_latency_s: Option<f64>,
    /// 4xx, throttles included.
    pub error_ratio: f64,
    /// 5xx.
    pub fault_ratio: f64,
    /// 429 alone (also counted in `error_ratio`).
    pub throttle_ratio: f64,
    pub ok_ratio: f64,
}

/// One histogram bucket: `count` requests took `value` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HistogramBin {
    pub value: f64,
    pub count: u64,
}
