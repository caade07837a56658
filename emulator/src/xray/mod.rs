//! The X-Ray API (restJson1): segments are stored as sent, and everything X-Ray reports about
//! them — trace summaries, service graphs, time series, root causes — is computed from the stored
//! documents at query time, so an aggregate is always consistent with BatchGetTraces.
//!
//! Filter expressions are parsed by `shared::filter` and evaluated by [`eval`]; what the
//! evaluator does not support is refused with InvalidRequestException (see [`eval_check`]).

mod eval;
mod eval_check;
mod eval_root;
mod eval_trace;
mod graph;
mod groups;
mod ingest;
mod ops_graph;
mod ops_traces;
mod rootcause;
mod sampling;
mod selector;
mod stats;
mod store;
mod summary;
mod timeseries;
mod view;
mod window;

use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard};

use serde_json::Value;

use crate::clock::Clock;
use crate::faults::Faults;
use crate::protocol::{AwsError, AwsResult, parse_body};
pub use ingest::DocumentChecks;
use store::Store;
pub use store::StoreSize;

#[derive(Clone, Debug)]
pub struct XRayOptions {
    /// Segments older than this (by the time they were stored) are dropped.
    pub retention_seconds: f64,
    /// At most this many segments are kept; whole traces are dropped oldest first beyond it.
    pub max_segments: usize,
}

impl Default for XRayOptions {
    fn default() -> Self {
        Self {
            retention_seconds: 30.0 * 86_400.0,
            max_segments: 500_000,
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
}

impl XRay {
    pub fn new(clock: Clock, faults: Faults, options: XRayOptions) -> Self {
        Self {
            inner: Arc::new(Inner {
                clock,
                faults,
                store: RwLock::new(Store::new(options)),
                groups: Mutex::new(groups::Groups::default()),
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
            // Minimal, until Transaction Search is emulated: the emulator takes OTLP spans, which
            // AWS does only with Transaction Search on, so that is its state.
            "/GetTraceSegmentDestination" => Ok(serde_json::json!({
                "Destination": "CloudWatchLogs",
                "Status": "ACTIVE",
            })),
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
        self.write_store().insert(region, accepted, now);
        refused
    }

    /// Stores the documents of converted spans, all of a span's or none; returns why each
    /// refused span was refused (its name, the document's code and message).
    pub(crate) fn put_converted(
        &self,
        region: &str,
        spans: Vec<(&str, Vec<shared::trace::SegmentDocument>)>,
        checks: DocumentChecks,
    ) -> Vec<String> {
        let now = self.inner.clock.now();
        let mut accepted = Vec::new();
        let mut refused = Vec::new();
        for (name, documents) in spans {
            let checked: Result<Vec<_>, _> = documents
                .into_iter()
                .map(|doc| ingest::validate_built(doc, now, checks))
                .collect();
            match checked {
                Ok(segments) => accepted.extend(segments),
                Err(r) => refused.push(format!("span {name:?}: {}: {}", r.code, r.message)),
            }
        }
        self.write_store().insert(region, accepted, now);
        refused
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
