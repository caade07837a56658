//! `GET /api/v1/map/timeseries`: a node's or an edge's statistics over time.

use serde::{Deserialize, Serialize};

use super::statistics::{Derived, Stats};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TimeSeries {
    /// The width of each point, in seconds (X-Ray's `Period`).
    pub period_s: u64,
    /// Oldest first.
    pub points: Vec<TimeSeriesPoint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TimeSeriesPoint {
    /// The start of the period, epoch seconds.
    pub timestamp: f64,
    pub stats: Stats,
    /// Derived over `period_s`.
    pub derived: Derived,
}
