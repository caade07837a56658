//! Transaction Search: a region's mode (cached), all-spans searches over `aws/spans` and trace
//! retrievals. Searches and retrievals are asynchronous on AWS's side; they live here, per
//! runtrace process, between the polls that advance them (see [`pacing`] for how often AWS is
//! asked and for the bounds). A reaper task stops what nobody watches any more.
//!
//! With several replicas, a search or retrieval lives in the replica that started it: polls
//! must reach that replica (sticky sessions), or they are answered "gone" and the browser starts
//! again.

mod pacing;
mod reaper;
mod registry;
mod retrieval;
mod search;

use std::sync::Arc;

use futures::future::BoxFuture;
use shared::api::{ServiceMap, TraceDetail, TracePage, TraceRetrieval, TransactionSearch};
use shared::search::SpanQuery;

use crate::answer::Answer;
use crate::aws::requests::TimeRange;
use crate::aws::{Shared, UpstreamResult};

pub use pacing::poll_after_ms;
pub use registry::SpansUpstream;

/// An all-spans search, validated and translated by the HTTP layer.
#[derive(Debug, Clone)]
pub struct SpanSearchRequest {
    pub region: String,
    pub range: TimeRange,
    /// The canonical filter expression (for reusing an identical search), `None` for none.
    pub filter: Option<String>,
    pub query: SpanQuery,
    pub limit: u32,
    /// Epoch seconds, from the server's clock.
    pub now: f64,
}

/// Retrieving one trace (a validated X-Ray trace id) from `aws/spans`.
#[derive(Debug, Clone)]
pub struct RetrievalRequest {
    pub region: String,
    pub trace_id: String,
    pub range: TimeRange,
    /// Start over when an earlier retrieval of the trace ended without it.
    pub retry: bool,
    pub now: f64,
}

/// What the dashboard asks of Transaction Search. `None` answers mean "no such search" (unknown
/// or forgotten) or "no retrieved trace".
pub trait AllSpans: Send + Sync {
    /// GetTraceSegmentDestination and GetIndexingRules of `region`, cached.
    fn mode<'a>(&'a self, region: &'a str) -> BoxFuture<'a, Shared<TransactionSearch>>;

    /// Starts a search (StartQuery), or joins an identical one that runs or just finished.
    fn start_search(
        &self,
        request: SpanSearchRequest,
    ) -> BoxFuture<'_, UpstreamResult<Arc<Answer<TracePage>>>>;

    /// A search's rows and progress, advanced by at most one GetQueryResults.
    fn search<'a>(
        &'a self,
        id: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<Option<Arc<Answer<TracePage>>>>>;

    /// Stops a search (StopQuery); its rows so far stay.
    fn stop_search<'a>(
        &'a self,
        id: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<Option<Arc<Answer<TracePage>>>>>;

    /// Starts or advances the retrieval of a trace.
    fn retrieval(&self, request: RetrievalRequest)
    -> BoxFuture<'_, UpstreamResult<TraceRetrieval>>;

    /// The trace a completed retrieval found.
    fn retrieved_trace<'a>(
        &'a self,
        region: &'a str,
        trace_id: &'a str,
    ) -> BoxFuture<'a, Option<Arc<Answer<TraceDetail>>>>;

    /// The map of a retrieved trace (GetRetrievedTracesGraph), when it was retrieved.
    fn retrieved_map<'a>(
        &'a self,
        region: &'a str,
        trace_id: &'a str,
    ) -> BoxFuture<'a, Option<Shared<ServiceMap>>>;
}
