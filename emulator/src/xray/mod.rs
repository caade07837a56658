//! The X-Ray API (restJson1): segments are stored as sent, and everything X-Ray reports about
//! them — trace summaries, service graphs, time series, root causes — is computed from the stored
//! documents at query time, so an aggregate is always consistent with BatchGetTraces.
//!
//! Filter expressions are parsed by `shared::filter` and evaluated by [`eval`]; what the
//! evaluator does not support is refused with InvalidRequestException (see [`eval_check`]).
//!
//! Transaction Search ([`destination`], [`retrieval`]): with the destination `CloudWatchLogs`,
//! every span goes to the log group `aws/spans` ([`crate::spans`]) and only the indexed share of
//! traces reaches the store here ([`route`]), so every aggregate above sees that share.

mod destination;
mod digest;
mod eval;
mod eval_check;
mod eval_root;
mod eval_trace;
mod graph;
mod groups;
mod ingest;
mod intern;
mod ops_graph;
mod ops_traces;
mod retrieval;
mod rootcause;
mod route;
mod sampling;
mod selector;
mod stats;
mod store;
mod summary;
mod text;
mod timeseries;
mod view;
mod window;

use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard};

use serde_json::Value;

use crate::clock::Clock;
use crate::faults::Faults;
use crate::protocol::{AwsError, AwsResult, parse_body};
use crate::spans::Spans;
pub(crate) use destination::Mode;
pub use destination::{DEFAULT_INDEXING_PERCENT, TransactionSearchOptions};
pub use ingest::DocumentChecks;
pub(crate) use route::ConvertedSpan;
use store::Store;
pub use store::StoreSize;
pub(crate) use text::DocumentText;

#[derive(Clone, Debug)]
pub struct XRayOptions {
    /// Segments older than this (by the time they were stored) are dropped.
    pub retention_seconds: f64,
    /// At most this many segments are kept; whole traces are dropped oldest first beyond it.
    pub max_segments: usize,
    /// At most this many bytes (estimated: see `StoreSize::bytes`) are held; whole traces are
    /// dropped oldest first beyond it.
    pub max_bytes: usize,
}

impl Default for XRayOptions {
    fn default() -> Self {
        Self {
            retention_seconds: 30.0 * 86_400.0,
            max_segments: 500_000,
            max_bytes: usize::MAX,
        }
    }
}

#[derive(Clone)]
pub struct XRay {
    inner: Arc<Inner>,
}

struct Inner {
    clock: Clock,
    faults: Faults,
    store: RwLock<Store>,
    groups: Mutex<groups::Groups>,
    spans: Spans,
    settings: Mutex<destination::Settings>,
    retrievals: Mutex<retrieval::Retrievals>,
}

impl XRay {
    pub fn new(
        clock: Clock,
        faults: Faults,
        options: XRayOptions,
        spans: Spans,
        transaction_search: TransactionSearchOptions,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                clock,
                faults,
                store: RwLock::new(Store::new(options)),
                groups: Mutex::new(groups::Groups::default()),
                spans,
                settings: Mutex::new(destination::Settings::new(transaction_search)),
                retrievals: Mutex::new(retrieval::Retrievals::default()),
            }),
        }
    }

    /// Serves one call; `path` is the operation's URI, e.g. `/ServiceGraph`.
    pub fn handle(&self, region: &str, path: &str, body: &[u8]) -> AwsResult<Value> {
        match path {
            "/TraceSegments" => ops_traces::put_trace_segments(self, region, parse_body(body)?),
            "/Traces" => ops_traces::batch_get_traces(self, region, parse_body(body)?),
            "/TraceSummaries" => ops_traces::get_trace_summaries(self, region, parse_body(body)?),
            "/ServiceGraph" => ops_graph::get_service_graph(self, region, parse_body(body)?),
            "/TraceGraph" => ops_graph::get_trace_graph(self, region, parse_body(body)?),
            "/TimeSeriesServiceStatistics" => {
                ops_graph::get_time_series(self, region, parse_body(body)?)
            }
            "/Groups" => groups::get_groups(self, region, parse_body(body)?),
            "/GetGroup" => groups::get_group(self, region, parse_body(body)?),
            "/CreateGroup" => groups::create_group(self, region, parse_body(body)?),
            "/GetSamplingRules" => sampling::get_sampling_rules(self, region, parse_body(body)?),
            "/SamplingTargets" => sampling::get_sampling_targets(self, region, parse_body(body)?),
            "/GetTraceSegmentDestination" => destination::get_destination(self, region),
            "/UpdateTraceSegmentDestination" => {
                destination::update_destination(self, region, parse_body(body)?)
            }
            "/GetIndexingRules" => destination::get_indexing_rules(self, region, parse_body(body)?),
            "/UpdateIndexingRule" => {
                destination::update_indexing_rule(self, region, parse_body(body)?)
            }
            "/StartTraceRetrieval" => retrieval::start(self, region, parse_body(body)?),
            "/ListRetrievedTraces" => retrieval::list(self, region, parse_body(body)?),
            "/GetRetrievedTracesGraph" => retrieval::graph(self, region, parse_body(body)?),
            "/CancelTraceRetrieval" => retrieval::cancel(self, region, parse_body(body)?),
            other => Err(AwsError::new(
                404,
                "UnknownOperationException",
                format!("The emulator does not implement the X-Ray operation at POST {other}"),
            )),
        }
    }

    /// Stores segment documents as PutTraceSegments would; returns the `(id, reason)` of each
    /// document that was refused.
    pub fn put_documents(&self, region: &str, documents: Vec<String>) -> Vec<(String, String)> {
        self.put_checked(region, documents, DocumentChecks::PUT_TRACE_SEGMENTS)
            .into_iter()
            .map(|r| (r.id, format!("{}: {}", r.code, r.message)))
            .collect()
    }

    /// Validates and stores documents; the refused ones are returned, the rest stored at once.
    pub(crate) fn put_checked(
        &self,
        region: &str,
        documents: Vec<String>,
        checks: DocumentChecks,
    ) -> Vec<ingest::Refusal> {
        let now = self.inner.clock.now();
        let mut accepted = Vec::with_capacity(documents.len());
        let mut refused = Vec::new();
        for text in documents {
            match ingest::validate(text, now, checks) {
                Ok(segment) => accepted.push(segment),
                Err(refusal) => refused.push(refusal),
            }
        }
        route::store(self, region, accepted, Vec::new(), now);
        refused
    }

    /// Stores the documents of converted spans, all of a span's or none; returns why each
    /// refused span was refused (its name, the document's code and message).
    pub(crate) fn put_converted(
        &self,
        region: &str,
        spans: Vec<ConvertedSpan<'_>>,
        checks: DocumentChecks,
    ) -> Vec<String> {
        let now = self.inner.clock.now();
        let mut accepted = Vec::new();
        let mut records = Vec::new();
        let mut refused = Vec::new();
        for span in spans {
            let checked: Result<Vec<_>, _> = span
                .documents
                .into_iter()
                .map(|doc| ingest::validate_built(doc, now, checks))
                .collect();
            match checked {
                Ok(segments) => {
                    if let (Some(record), Some(first)) = (span.record, segments.first()) {
                        records.push(crate::spans::NewSpan {
                            xray_trace_id: first.trace_id.clone(),
                            record,
                        });
                    }
                    accepted.extend(segments);
                }
                Err(r) => refused.push(format!("span {:?}: {}: {}", span.name, r.code, r.message)),
            }
        }
        route::store(self, region, accepted, records, now);
        refused
    }

    /// Where the region's segments go now (the destination in effect and the indexing share).
    pub(crate) fn mode(&self, region: &str, now: f64) -> Mode {
        self.with_settings(|s| s.mode(region, now))
    }

    /// Whether the log group `aws/spans` exists in the region.
    pub(crate) fn spans_log_group(&self, region: &str) -> bool {
        let now = self.now();
        self.with_settings(|s| s.log_group_exists(region, now))
    }

    pub(crate) fn spans(&self) -> &Spans {
        &self.inner.spans
    }

    /// How much the store holds now (every region).
    pub fn stored(&self) -> StoreSize {
        self.read_store().size()
    }

    pub(crate) fn now(&self) -> f64 {
        self.inner.clock.now()
    }

    pub(crate) fn faults(&self) -> &Faults {
        &self.inner.faults
    }

    pub(crate) fn read_store(&self) -> RwLockReadGuard<'_, Store> {
        self.inner
            .store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn with_settings<T>(&self, f: impl FnOnce(&mut destination::Settings) -> T) -> T {
        f(&mut self
            .inner
            .settings
            .lock()
            .unwrap_or_else(PoisonError::into_inner))
    }

    pub(crate) fn with_retrievals<T>(&self, f: impl FnOnce(&mut retrieval::Retrievals) -> T) -> T {
        f(&mut self
            .inner
            .retrievals
            .lock()
            .unwrap_or_else(PoisonError::into_inner))
    }

    fn write_store(&self) -> std::sync::RwLockWriteGuard<'_, Store> {
        self.inner
            .store
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn with_groups<T>(&self, f: impl FnOnce(&mut groups::Groups) -> T) -> T {
        f(&mut self
            .inner
            .groups
            .lock()
            .unwrap_or_else(PoisonError::into_inner))
    }
}
