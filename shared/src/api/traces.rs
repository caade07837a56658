//! `GET /api/v1/traces` (summaries, paged) and `GET /api/v1/traces/{id}` (one trace as a tree).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::trace::{AnnotationValue, DocumentProblem, RawSegment, Trace};

/// X-Ray's `TraceSummary`, trimmed to what the trace list shows and filters on.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TraceSummary {
    /// `1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx`.
    pub id: String,
    /// Epoch seconds.
    pub start_time: f64,
    /// Seconds from the earliest segment start to the latest end.
    #[serde(default)]
    pub duration: Option<f64>,
    /// Seconds the root segment took to answer.
    #[serde(default)]
    pub response_time: Option<f64>,
    #[serde(default)]
    pub has_fault: bool,
    #[serde(default)]
    pub has_error: bool,
    #[serde(default)]
    pub has_throttle: bool,
    #[serde(default)]
    pub is_partial: bool,
    #[serde(default)]
    pub http: Option<HttpSummary>,
    #[serde(default)]
    pub services: Vec<ServiceId>,
    #[serde(default)]
    pub entry_point: Option<ServiceId>,
    /// User names (`enduser.id`) seen in the trace.
    #[serde(default)]
    pub users: Vec<String>,
    /// Indexed annotations: every value each key took anywhere in the trace.
    #[serde(default)]
    pub annotations: BTreeMap<String, Vec<AnnotationValue>>,
    #[serde(default)]
    pub fault_root_causes: Vec<RootCause>,
    #[serde(default)]
    pub error_root_causes: Vec<RootCause>,
    /// Bumped by X-Ray each time the trace changes (late segments).
    #[serde(default)]
    pub revision: Option<i64>,
}

/// The entry request of a trace.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HttpSummary {
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub user_agent: Option<String>,
    #[serde(default)]
    pub client_ip: Option<String>,
}

/// X-Ray's `ServiceId`: names a node of the service map.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ServiceId {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub names: Vec<String>,
    /// The X-Ray node type, e.g. `AWS::AppRunner::Service`.
    #[serde(default, rename = "type")]
    pub service_type: Option<String>,
    #[serde(default)]
    pub account_id: Option<String>,
}

/// One of X-Ray's `FaultRootCauses` / `ErrorRootCauses`: the services where the problem began.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RootCause {
    #[serde(default)]
    pub services: Vec<RootCauseService>,
    /// Whether the problem reached the client.
    #[serde(default)]
    pub client_impacting: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RootCauseService {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default, rename = "type")]
    pub service_type: Option<String>,
    #[serde(default)]
    pub account_id: Option<String>,
    #[serde(default)]
    pub inferred: bool,
    /// From the service down to the entity (subsegment) where the exception was raised.
    #[serde(default)]
    pub entity_path: Vec<RootCauseEntity>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RootCauseEntity {
    #[serde(default)]
    pub name: Option<String>,
    /// The entity is a call to another service.
    #[serde(default)]
    pub remote: bool,
    #[serde(default)]
    pub exceptions: Vec<RootCauseException>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RootCauseException {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

/// One page of trace summaries, most recent first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TracePage {
    pub traces: Vec<TraceSummary>,
    /// Pass back as `cursor=` for the next page; `None` on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// More traces matched than this page holds.
    #[serde(default)]
    pub more_available: bool,
    /// X-Ray's `TracesProcessedCount`: how many traces were scanned to find these.
    #[serde(default)]
    pub processed: u64,
    /// X-Ray's `ApproximateTime`, epoch seconds: results are complete up to this time.
    #[serde(default)]
    pub approximate_time: Option<f64>,
}

/// One trace, assembled into a tree by [`crate::trace::assemble`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceDetail {
    pub id: String,
    /// X-Ray's `Duration`, seconds.
    #[serde(default)]
    pub duration: Option<f64>,
    /// X-Ray stopped storing segments because the trace document hit its size cap.
    #[serde(default)]
    pub limit_exceeded: bool,
    /// Part of the trace is missing or unfinished: orphans, in-progress spans, documents that
    /// did not parse, or `limit_exceeded`.
    #[serde(default)]
    pub partial: bool,
    pub trace: Trace,
    /// Documents that could not be read, each reported on its own.
    #[serde(default)]
    pub problems: Vec<DocumentProblem>,
}

impl TraceDetail {
    /// Builds the answer for one X-Ray `Trace` (`Id`, `Duration`, `LimitExceeded`, `Segments`),
    /// so every caller flags partial traces the same way.
    pub fn assemble(
        id: String,
        duration: Option<f64>,
        limit_exceeded: bool,
        segments: Vec<RawSegment>,
    ) -> Self {
        let assembly = crate::trace::assemble(segments);
        let partial =
            limit_exceeded || !assembly.problems.is_empty() || assembly.trace.is_partial();
        Self {
            id,
            duration,
            limit_exceeded,
            partial,
            trace: assembly.trace,
            problems: assembly.problems,
        }
    }
}
