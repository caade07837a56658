//! CloudWatch Transaction Search: the account's mode per region
//! (`GET /api/v1/transaction-search`), the progress of an all-spans search
//! (`TracePage::search`) and of a trace retrieval (`GET /api/v1/traces/{id}/retrieval`).

use serde::{Deserialize, Serialize};

use super::aws_enum::aws_enum;

/// runtrace stops an all-spans search after this long (its rows so far stay); the browser says so.
pub const MAX_SEARCH_SECONDS: u64 = 120;
/// runtrace gives up waiting for a trace retrieval after this long.
pub const MAX_RETRIEVAL_SECONDS: u64 = 120;

aws_enum! {
    /// X-Ray's `TraceSegmentDestination`.
    TraceSegmentDestination {
        /// Segments go to X-Ray, which keeps (and indexes) all of them.
        XRay => "XRay",
        /// Transaction Search: every span in the log group `aws/spans`, a share indexed.
        CloudWatchLogs => "CloudWatchLogs",
    }
}

aws_enum! {
    /// X-Ray's `TraceSegmentDestinationStatus`: a change of destination is PENDING a while.
    DestinationStatus {
        Pending => "PENDING",
        Active => "ACTIVE",
    }
}

/// `GET /api/v1/transaction-search?region=`: where a region's traces go and what X-Ray's own
/// views (map, trace search "indexed") therefore cover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionSearch {
    pub region: String,
    /// The destination as X-Ray reports it (while PENDING, the one being switched to).
    pub destination: TraceSegmentDestination,
    pub status: DestinationStatus,
    /// The `Default` indexing rule's share of traces X-Ray indexes, in percent, when readable.
    #[serde(default)]
    pub indexing_percent: Option<f64>,
    /// Transaction Search is in effect (destination CloudWatchLogs, ACTIVE): X-Ray's views show
    /// only the indexed share (`indexing_percent`), and all-spans search (`source=spans`) and
    /// trace retrieval work. When false, X-Ray's views cover every trace sent.
    pub all_spans: bool,
}

/// Where the rows of a trace search come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TraceSource {
    /// X-Ray's GetTraceSummaries: every trace, or only the indexed share with Transaction Search.
    #[default]
    Indexed,
    /// Logs Insights over every span in `aws/spans` (Transaction Search).
    Spans,
}

aws_enum! {
    /// CloudWatch Logs Insights' `QueryStatus`, also used for the whole all-spans search.
    QueryStatus {
        Scheduled => "Scheduled",
        Running => "Running",
        Complete => "Complete",
        Failed => "Failed",
        Cancelled => "Cancelled",
        Timeout => "Timeout",
        Unknown => "Unknown",
    }
}

/// How far an all-spans search is. The rows so far are in the page; poll
/// `GET /api/v1/traces/searches/{id}` after `poll_after_ms` until `done`; stop it with
/// `DELETE /api/v1/traces/searches/{id}` (runtrace also stops one nobody polls any more).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanSearch {
    pub id: String,
    pub status: QueryStatus,
    /// Nothing will change any more (complete, failed, cancelled or timed out).
    pub done: bool,
    /// The Logs Insights query run over `aws/spans`.
    pub query: String,
    /// Logs Insights' statistics of the search's query so far.
    pub records_scanned: f64,
    pub records_matched: f64,
    /// Bytes scanned by every query of the search (what AWS bills), the entry-span queries of
    /// `details_pending` included.
    pub bytes_scanned: f64,
    /// At most this many traces are listed.
    pub limit: u32,
    /// The limit was reached: more traces may match than are listed.
    pub truncated: bool,
    /// Rows found by any-span tests are still waiting for their entry spans' details (read for
    /// the first 600 rows, 200 a query).
    #[serde(default)]
    pub details_pending: bool,
    /// Epoch seconds.
    pub started_at: f64,
    pub elapsed_seconds: f64,
    /// When to ask again, in milliseconds (runtrace's pacing).
    pub poll_after_ms: u64,
    /// Why the search ended without completing, for a person.
    #[serde(default)]
    pub message: Option<String>,
}

aws_enum! {
    /// X-Ray's `RetrievalStatus`.
    RetrievalStatus {
        Scheduled => "SCHEDULED",
        Running => "RUNNING",
        Complete => "COMPLETE",
        Failed => "FAILED",
        Cancelled => "CANCELLED",
        Timeout => "TIMEOUT",
    }
}

/// `GET /api/v1/traces/{id}/retrieval`: reading a trace X-Ray did not index from `aws/spans`.
/// Poll the same URL after `poll_after_ms` until `done`; when `found`, `GET /api/v1/traces/{id}`
/// (and its documents, export and map) serve the retrieved trace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceRetrieval {
    pub trace_id: String,
    pub region: String,
    pub status: RetrievalStatus,
    pub done: bool,
    /// The retrieval completed and held the trace.
    pub found: bool,
    /// Epoch seconds.
    pub started_at: f64,
    pub elapsed_seconds: f64,
    pub poll_after_ms: u64,
    /// What went wrong (failed, timed out, not found), for a person.
    #[serde(default)]
    pub message: Option<String>,
}
