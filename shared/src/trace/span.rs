//! The assembled trace: every span of every document in one flat arena.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::annotation::AnnotationValue;
use super::fields::{Aws, Cause, Http, Sql};

/// One trace as a forest held in a flat `Vec`: spans point at their parent and children by
/// index, so walking it needs no recursion and it crosses the API as plain JSON.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Trace {
    #[serde(default)]
    pub trace_id: Option<String>,
    /// The earliest start of any span, epoch seconds (0 when no span has a start time).
    pub start: f64,
    /// The latest end (or start, for unfinished spans) of any span, epoch seconds.
    pub end: f64,
    pub spans: Vec<Span>,
    /// Spans without a parent, by start time: the trace's segments first seen by a client,
    /// then orphans.
    pub roots: Vec<usize>,
    /// Each top-level document's JSON text as X-Ray returned it; [`Span::document`] indexes it.
    /// Not serialized: it would double the size of a trace on the wire, so the backend serves
    /// the documents on their own (`/traces/{id}/documents/{index}`, `/traces/{id}/export`).
    #[serde(skip)]
    pub documents: Vec<String>,
}

impl Trace {
    /// Part of the trace is missing or unfinished: an orphan, or a span still in progress.
    pub fn is_partial(&self) -> bool {
        self.spans
            .iter()
            .any(|span| span.orphan || span.in_progress)
    }

    /// The trace's length in seconds.
    pub fn duration(&self) -> f64 {
        (self.end - self.start).max(0.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    /// Work done by one service for one request.
    #[default]
    Segment,
    /// Part of a segment's work: a local step or a call out.
    Subsegment,
    /// A segment X-Ray generated for a downstream resource that sends none (`inferred: true`).
    Inferred,
}

/// A subsegment that calls a downstream node of the service map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Downstream {
    /// An AWS SDK call (`namespace: aws`).
    Aws,
    /// Any other downstream call, e.g. HTTP (`namespace: remote`).
    Remote,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Span {
    /// The document's `id`; empty when the document had none.
    pub id: String,
    pub name: String,
    pub kind: SpanKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<usize>,
    /// By start time.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<usize>,
    /// Index into [`Trace::documents`] of the top-level document this span came from.
    pub document: usize,
    /// The `parent_id` the document named (the structural parent wins for nested subsegments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<f64>,
    #[serde(skip_serializing_if = "is_false")]
    pub in_progress: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub error: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub throttle: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub fault: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub downstream: Option<Downstream>,
    /// Its `parent_id` names no span in the trace (or closed a cycle), so it is shown as a root.
    #[serde(skip_serializing_if = "is_false")]
    pub orphan: bool,
    /// Another span of the trace has the same id; links by `parent_id` go to the first complete one.
    #[serde(skip_serializing_if = "is_false")]
    pub duplicate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http: Option<Http>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aws: Option<Aws>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sql: Option<Sql>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, AnnotationValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub precursor_ids: Vec<String>,
}

impl Span {
    /// The HTTP status of the response, when the span recorded one.
    pub fn http_status(&self) -> Option<u16> {
        self.http.as_ref()?.response.as_ref()?.status
    }
}

fn is_false(flag: &bool) -> bool {
    !flag
}

/// A document, or a part of the trace, that could not be used as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentProblem {
    /// The segment's id as X-Ray listed it (`Segments[].Id`), or the span id concerned.
    pub segment_id: String,
    /// What is wrong, for a person.
    pub message: String,
}

/// One entry of X-Ray's `Trace.Segments`: the segment id and its document as JSON text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawSegment {
    pub id: String,
    pub document: String,
}
