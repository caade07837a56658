//! What the HTTP layer asks of AWS, already validated: every value here is safe to send.

use serde::Serialize;

/// A time window in whole epoch seconds, `start < end`. Whole seconds keep cache keys stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct TimeRange {
    pub start: i64,
    pub end: i64,
}

impl TimeRange {
    pub fn seconds(&self) -> i64 {
        self.end - self.start
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct MapRequest {
    pub region: String,
    pub range: TimeRange,
    /// An X-Ray group name; `None` is the default group (every trace).
    pub group: Option<String>,
}

/// What a time series is about: a node of the service map, or the edge between two nodes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum Entity {
    Node {
        name: String,
        node_type: Option<String>,
    },
    Edge {
        source: String,
        target: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TimeSeriesRequest {
    pub region: String,
    pub range: TimeRange,
    pub entity: Entity,
    /// 60 or 300 seconds.
    pub period: i32,
    pub group: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TraceQuery {
    pub region: String,
    pub range: TimeRange,
    /// The canonical form printed by `shared::filter`, never the raw user input.
    pub filter: Option<String>,
    /// X-Ray's `NextToken` from the previous page (taken out of the cursor).
    pub next_token: Option<String>,
}
