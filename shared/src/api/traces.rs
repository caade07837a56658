//! `GET /api/v1/traces` (summaries, paged) and `GET /api/v1/traces/{id}` (one trace as a tree).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::transaction_search::{SpanSearch, TraceSource};
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
    /// X-Ray's index (the default) or every span (`source=spans`).
    #[serde(default)]
    pub source: TraceSource,
    /// With `source=spans`: how far the all-spans search is (its rows so far are `traces`).
    #[serde(default)]
    pub search: Option<SpanSearch>,
    /// Why this answer holds less than it was asked for, for a person: a page after the first
    /// failed (the list, the overview and the cursor hold what was read before it), or X-Ray
    /// returned summaries runtrace could not read. `None` when the answer is whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
    /// Summaries X-Ray returned that could not be read (left out of `traces`, and logged).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unreadable: u32,
    /// Asked for with `overview=1` on a first page: every matching trace of the window, reduced
    /// to a point, for counts and plots that must not stop at the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<TraceOverview>,
}

/// The matching traces of a whole window, read page by page up to a bound, newest first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TraceOverview {
    pub points: Vec<TracePoint>,
    /// Every page was read: `points` are all the traces that match in the window. When `false`
    /// the bound was hit and the points cover only the newest part of it.
    #[serde(default)]
    pub complete: bool,
    /// The start of the oldest trace read (epoch seconds): from here to the window's end is
    /// what the points cover.
    #[serde(default)]
    pub covered_from: Option<f64>,
}

/// One trace as the scatter plot and the counts see it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TracePoint {
    pub id: String,
    /// Epoch seconds.
    pub at: f64,
    /// Seconds; the duration when X-Ray gives no response time.
    #[serde(default)]
    pub seconds: Option<f64>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub fault: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub error: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub throttle: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

impl TracePoint {
    pub fn of(summary: &TraceSummary) -> Self {
        let http = summary.http.as_ref();
        Self {
            id: summary.id.clone(),
            at: summary.start_time,
            seconds: summary.response_time.or(summary.duration),
            status: http.and_then(|h| h.status),
            method: http.and_then(|h| h.method.clone()),
            fault: summary.has_fault,
            error: summary.has_error,
            throttle: summary.has_throttle,
        }
    }
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
    /// X-Ray had not indexed the trace: it was read from every span (trace retrieval).
    #[serde(default)]
    pub retrieved: bool,
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
            retrieved: false,
        }
    }

    /// Top-level document `index` (what [`crate::trace::Span::document`] names), exactly as X-Ray
    /// returned it.
    pub fn document(&self, index: usize) -> Option<SegmentDocumentText> {
        let document = self.trace.documents.get(index)?;
        Some(SegmentDocumentText {
            index,
            document: document.clone(),
        })
    }

    /// The trace as X-Ray's own `BatchGetTraces` answer, every document exactly as X-Ray
    /// returned it, so a download opens in any X-Ray tool.
    pub fn to_xray(&self) -> XRayTraces {
        let segments = self
            .trace
            .documents
            .iter()
            .map(|document| XRaySegment {
                // A document that does not parse keeps an empty id: its text is still worth having.
                id: document_id(document).unwrap_or_default(),
                document: document.clone(),
            })
            .collect();
        XRayTraces {
            traces: vec![XRayTrace {
                id: self.id.clone(),
                duration: self.duration,
                limit_exceeded: self.limit_exceeded,
                segments,
            }],
        }
    }
}

fn document_id(document: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Id {
        id: String,
    }
    serde_json::from_str::<Id>(document).ok().map(|d| d.id)
}

/// `GET /api/v1/traces/{id}/documents/{index}`: one top-level segment document as text. The
/// trace itself is sent without them: they would double its size, and only the "raw" view
/// and the export need them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentDocumentText {
    pub index: usize,
    pub document: String,
}

/// `GET /api/v1/traces/{id}/export`: `{"Traces": [{"Id", "Duration", "LimitExceeded",
/// "Segments": [{"Id", "Document"}]}]}`, as X-Ray's `BatchGetTraces` answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct XRayTraces {
    pub traces: Vec<XRayTrace>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct XRayTrace {
    pub id: String,
    pub duration: Option<f64>,
    pub limit_exceeded: bool,
    pub segments: Vec<XRaySegment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct XRaySegment {
    pub id: String,
    pub document: String,
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    const ID: &str = "1-5f000000-000000000000000000000000";
    const GOOD: &str = r#"{"id":"aaaaaaaaaaaaaaaa","name":"web","trace_id":"1-5f000000-000000000000000000000000","start_time":1,"end_time":2}"#;
    const BROKEN: &str = "{not json";

    fn detail() -> TraceDetail {
        let segments =
            [("aaaaaaaaaaaaaaaa", GOOD), ("bbbbbbbbbbbbbbbb", BROKEN)].map(|(id, document)| {
                RawSegment {
                    id: id.into(),
                    document: document.into(),
                }
            });
        TraceDetail::assemble(ID.into(), Some(1.0), false, segments.to_vec())
    }

    #[test]
    fn the_trace_crosses_the_wire_without_its_documents() {
        let detail = detail();
        assert_eq!(detail.trace.documents.len(), 2);
        let json = serde_json::to_string(&detail).expect("serializes");
        assert!(!json.contains("documents"), "{json}");
        let back: TraceDetail = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back.trace.spans, detail.trace.spans);
        assert!(back.trace.documents.is_empty());
    }

    #[test]
    fn documents_are_served_one_by_one_as_x_ray_returned_them() {
        let detail = detail();
        let span = &detail.trace.spans[0];
        let document = detail.document(span.document).expect("the span's document");
        assert_eq!(document.document, GOOD);
        assert_eq!(detail.document(2), None);
    }

    #[test]
    fn exports_every_document_as_x_ray_returned_it() {
        let exported: Value = serde_json::to_value(detail().to_xray()).expect("serializes");
        let trace = &exported["Traces"][0];
        assert_eq!(trace["Id"], ID);
        assert_eq!(trace["Duration"], 1.0);
        assert_eq!(trace["LimitExceeded"], false);
        let segments: Vec<(&str, &str)> = trace["Segments"]
            .as_array()
            .expect("segments")
            .iter()
            .filter_map(|s| Some((s["Id"].as_str()?, s["Document"].as_str()?)))
            .collect();
        // The broken document is exported too, with an empty id.
        assert_eq!(segments, [("aaaaaaaaaaaaaaaa", GOOD), ("", BROKEN)]);
    }
}
