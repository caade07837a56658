//! One X-Ray segment document, as stored in `Trace.Segments[].Document` (a JSON string).
//!
//! Every field is optional here, even the ones X-Ray requires: a document missing one is still
//! worth showing, and [`crate::trace::assemble`] reports what is missing. Unknown fields are
//! ignored. The type also serializes, so the emulator can generate documents with it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::annotation::AnnotationValue;
use super::fields::{Aws, Cause, Http, ServiceInfo, SpanLink, Sql};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SegmentDocument {
    /// 16 hex digits, unique within the trace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
    /// The parent (sub)segment's id; required on a subsegment sent on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// `subsegment` on a subsegment sent on its own; absent on segments.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// Epoch seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<f64>,
    /// Epoch seconds; absent while `in_progress`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<f64>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub in_progress: bool,
    /// `aws` for AWS SDK calls, `remote` for other downstream calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The platform a segment ran on, e.g. `AWS::AppRunner::Service`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceInfo>,
    /// 4xx.
    #[serde(default, skip_serializing_if = "is_false")]
    pub error: bool,
    /// 429 (also an error).
    #[serde(default, skip_serializing_if = "is_false")]
    pub throttle: bool,
    /// 5xx.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fault: bool,
    /// X-Ray generated this segment for a downstream resource that sends none of its own.
    #[serde(default, skip_serializing_if = "is_false")]
    pub inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<Http>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws: Option<Aws>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sql: Option<Sql>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, AnnotationValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Value>,
    /// Spans of other traces this one is linked to (OpenTelemetry span links).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<SpanLink>,
    /// Sibling subsegments that completed before this one started.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub precursor_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsegments: Vec<SegmentDocument>,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

/// Parses one document. Errors name the line and column; serde_json refuses nesting deeper than
/// 128 levels, which bounds the recursion of nested `subsegments` in a single document.
pub fn parse_document(text: &str) -> Result<SegmentDocument, serde_json::Error> {
    // Derived structs also accept a JSON array of their fields in order; a segment never is one.
    if !text.trim_start().starts_with('{') {
        return Err(serde::de::Error::custom(
            "a segment document must be a JSON object",
        ));
    }
    serde_json::from_str(text)
}
