//! PutTraceSegments' validation of one document. AWS accepts the call and lists each refused
//! document in `UnprocessedTraceSegments` with an error code and a message; the codes here are
//! the emulator's own (AWS does not document its set), the messages say what to fix.

use serde::Deserialize;
use shared::trace::SegmentDocument;

/// AWS's limit on one segment document.
pub(crate) const MAX_DOCUMENT_BYTES: usize = 64 * 1024;
/// How far in the future a trace id's timestamp may be (clock skew of the sender).
const MAX_FUTURE_SECONDS: f64 = 300.0;
/// ADOT rejects trace ids whose timestamp is older than this; so does the emulator.
const MAX_TRACE_AGE_SECONDS: f64 = 30.0 * 86_400.0;

/// What is checked beyond the document's shape, which depends on how it arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentChecks {
    /// PutTraceSegments' 64 kB limit on one document; spans (200 kB each) have their own.
    pub max_bytes: Option<usize>,
    /// Whether the trace id must carry a recent timestamp. PutTraceSegments' documents come
    /// from X-Ray SDKs that write one; OTLP spans may carry random W3C ids, which X-Ray accepts.
    pub trace_id_timestamp: bool,
}

impl DocumentChecks {
    pub const PUT_TRACE_SEGMENTS: Self = Self {
        max_bytes: Some(MAX_DOCUMENT_BYTES),
        trace_id_timestamp: true,
    };
    pub const OTLP: Self = Self {
        max_bytes: None,
        trace_id_timestamp: false,
    };
}

/// An accepted document: its ids, its text as sent and its parse.
pub(crate) struct Accepted {
    pub id: String,
    pub trace_id: String,
    pub text: String,
    pub doc: SegmentDocument,
    /// The top-level `resource_arn`, which the shared document type does not model.
    pub resource_arn: Option<String>,
}

/// A refused document: its `id` (empty when unreadable), a code and what to fix.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub id: String,
    pub code: &'static str,
    pub message: String,
}

pub(crate) fn validate(
    text: String,
    now: f64,
    checks: DocumentChecks,
) -> Result<Accepted, Refusal> {
    let refuse = |id: &str, code, message: String| Refusal {
        id: id.to_owned(),
        code,
        message,
    };
    if let Some(max) = checks.max_bytes.filter(|max| text.len() > *max) {
        let message = format!(
            "the document is {} bytes; at most {max} are allowed",
            text.len()
        );
        return Err(refuse("", "DocumentTooLarge", message));
    }
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| refuse("", "InvalidJson", format!("the document is not JSON: {e}")))?;
    let id = value
        .get("id")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    if !value.is_object() {
        return Err(refuse(
            &id,
            "InvalidSegment",
            "a segment document must be a JSON object".into(),
        ));
    }
    let resource_arn = value
        .get("resource_arn")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    let doc = SegmentDocument::deserialize(&value).map_err(|e| {
        refuse(
            &id,
            "InvalidSegment",
            format!("a field has the wrong type: {e}"),
        )
    })?;
    accept(doc, text, resource_arn, now, checks)
}

/// A document built here (from an OTLP span) rather than received as text: checked like a
/// received one, without parsing back what was just written.
pub(crate) fn validate_built(
    doc: SegmentDocument,
    now: f64,
    checks: DocumentChecks,
) -> Result<Accepted, Refusal> {
    let id = doc.id.clone().unwrap_or_default();
    let text = serde_json::to_string(&doc).map_err(|e| Refusal {
        id: id.clone(),
        code: "InvalidSegment",
        message: format!("the document cannot be written as JSON: {e}"),
    })?;
    accept(doc, text, None, now, checks)
}

fn accept(
    doc: SegmentDocument,
    text: String,
    resource_arn: Option<String>,
    now: f64,
    checks: DocumentChecks,
) -> Result<Accepted, Refusal> {
    let id = doc.id.clone().unwrap_or_default();
    check_fields(&doc, now, checks).map_err(|(code, message)| Refusal {
        id: id.clone(),
        code,
        message,
    })?;
    let trace_id = doc.trace_id.clone().unwrap_or_default();
    Ok(Accepted {
        id,
        trace_id,
        text,
        doc,
        resource_arn,
    })
}

fn check_fields(
    doc: &SegmentDocument,
    now: f64,
    checks: DocumentChecks,
) -> Result<(), (&'static str, String)> {
    let id = doc.id.as_deref().unwrap_or_default();
    if !is_hex(id, 16) {
        return Err((
            "InvalidId",
            format!("id must be 16 hexadecimal digits, got {id:?}"),
        ));
    }
    let trace_id = doc.trace_id.as_deref().unwrap_or_default();
    check_trace_id(trace_id, checks.trace_id_timestamp.then_some(now))?;
    match doc.name.as_deref() {
        None | Some("") => return Err(("MissingName", "name is required".into())),
        Some(name) if !valid_name(name) => {
            return Err((
                "InvalidName",
                format!(
                    "name {name:?} is longer than 200 characters or has characters other than letters, digits, whitespace and _ . : / % & # = + \\ - @"
                ),
            ));
        }
        Some(_) => {}
    }
    let Some(start) = doc.start_time else {
        return Err((
            "MissingStartTime",
            "start_time (epoch seconds) is required".into(),
        ));
    };
    match (doc.end_time, doc.in_progress) {
        (Some(end), _) if end < start => {
            return Err((
                "InvalidTimes",
                format!("end_time {end} is before start_time {start}"),
            ));
        }
        (None, false) => {
            return Err((
                "MissingEndTime",
                "either end_time or in_progress: true is required".into(),
            ));
        }
        _ => {}
    }
    let is_subsegment = doc.document_type.as_deref() == Some("subsegment");
    if is_subsegment && doc.parent_id.is_none() {
        return Err((
            "MissingParentId",
            "a subsegment sent on its own needs parent_id".into(),
        ));
    }
    match doc.parent_id.as_deref() {
        Some(parent) if !is_hex(parent, 16) => Err((
            "InvalidParentId",
            format!("parent_id must be 16 hexadecimal digits, got {parent:?}"),
        )),
        _ => Ok(()),
    }
}

/// `1-{8 hex: epoch seconds}-{24 hex}`, with a plausible timestamp when `now` is given.
pub(crate) fn check_trace_id(
    trace_id: &str,
    now: Option<f64>,
) -> Result<(), (&'static str, String)> {
    let parts: Vec<&str> = trace_id.split('-').collect();
    let well_formed =
        matches!(parts.as_slice(), ["1", time, random] if is_hex(time, 8) && is_hex(random, 24));
    if !well_formed {
        return Err((
            "InvalidTraceId",
            format!(
                "trace_id must look like 1-5f84c7a1-0123456789abcdef01234567, got {trace_id:?}"
            ),
        ));
    }
    let Some(now) = now else {
        return Ok(());
    };
    let epoch = u32::from_str_radix(parts[1], 16).map_or(0.0, f64::from);
    if epoch > now + MAX_FUTURE_SECONDS || epoch < now - MAX_TRACE_AGE_SECONDS {
        return Err((
            "InvalidTraceId",
            format!(
                "trace_id {trace_id} carries a timestamp more than 30 days old or 5 minutes in the future; generate ids with the X-Ray id generator"
            ),
        ));
    }
    Ok(())
}

fn is_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_hexdigit())
}

fn valid_name(name: &str) -> bool {
    name.chars().count() <= 200
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || "_.:/%&#=+\\-@".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_700_000_000.0;

    fn doc(fields: &str) -> String {
        format!(
            r#"{{"name":"api","id":"0123456789abcdef","trace_id":"1-6553f100-0123456789abcdef01234567","start_time":{NOW}{fields}}}"#
        )
    }

    #[test]
    fn check_documents() {
        let check = |text: String, expect: Result<(), &str>| {
            let got = validate(text.clone(), NOW, DocumentChecks::PUT_TRACE_SEGMENTS)
                .map(|_| ())
                .map_err(|r| r.code);
            assert_eq!(got, expect, "{text}");
        };
        check(doc(r#","end_time":1700000001"#), Ok(()));
        check(doc(r#","in_progress":true"#), Ok(()));
        check(doc(""), Err("MissingEndTime"));
        check(doc(r#","end_time":1600000000"#), Err("InvalidTimes"));
        check(
            doc(r#","end_time":1700000001,"parent_id":"xyz""#),
            Err("InvalidParentId"),
        );
        check(
            doc(r#","end_time":1700000001,"type":"subsegment""#),
            Err("MissingParentId"),
        );
        check("not json".into(), Err("InvalidJson"));
        check("[1]".into(), Err("InvalidSegment"));
        let bad_id = doc(r#","end_time":1700000001"#).replace("0123456789abcdef\"", "12\"");
        check(bad_id, Err("InvalidId"));
        let old_trace = doc(r#","end_time":1700000001"#).replace("6553f100", "5553f100");
        check(old_trace, Err("InvalidTraceId"));
        let bad_name = doc(r#","end_time":1700000001"#).replace("\"api\"", "\"a<b>\"");
        check(bad_name, Err("InvalidName"));
        let huge = doc(&format!(
            r#","end_time":1700000001,"metadata":{{"x":"{}"}}"#,
            "a".repeat(70_000)
        ));
        check(huge, Err("DocumentTooLarge"));
    }
}
