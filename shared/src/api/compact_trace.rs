//! The compact form of [`TraceDetail`]: what `GET /api/v1/traces/{id}` answers a client that asks
//! for [`MEDIA_TYPE`] (the browser does), while JSON stays the answer to everyone else. The same
//! fields in postcard's binary encoding (varints, raw `f64`s, no field names): a 10,000-segment
//! trace is 3.0 MB instead of 6.7 MB of JSON, and reading it is several times faster than
//! parsing JSON. What holds arbitrary JSON (`metadata`, a `cause`, the platform objects of
//! `aws`) travels as its JSON text, as in the public form.
//!
//! Both directions are here; the browser reads it with `decode::trace_detail`, so that the
//! parser is compiled in that crate's speed-optimized profile.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::traces::TraceDetail;
use crate::trace::{
    AnnotationValue, Aws, DocumentProblem, Downstream, Http, HttpRequest, HttpResponse, Span,
    SpanKind, Sql, Trace,
};

/// The media type of the compact form; the version changes with its shape.
pub const MEDIA_TYPE: &str = "application/vnd.runtrace.trace.v1+postcard";

/// Everything of a trace but its spans, which follow it one by one: `span_count` of them. (A
/// reader that takes them one at a time can convert each as it comes, into a list allocated
/// once.)
#[derive(Debug, Serialize, Deserialize)]
pub struct CompactHeader<'a> {
    pub id: Cow<'a, str>,
    pub duration: Option<f64>,
    pub limit_exceeded: bool,
    pub partial: bool,
    pub retrieved: bool,
    pub problems: Cow<'a, [DocumentProblem]>,
    pub trace_id: Option<Cow<'a, str>>,
    pub start: f64,
    pub end: f64,
    pub roots: Cow<'a, [usize]>,
    pub span_count: usize,
}

/// The fewest bytes a [`CompactSpan`] takes (every string empty, every option absent): a
/// reader bounds what it allocates for `span_count` by the bytes left.
pub const MIN_SPAN_BYTES: usize = 27;

/// A [`Span`], field for field; the JSON-valued blocks as their JSON text.
#[derive(Debug, Serialize, Deserialize)]
pub struct CompactSpan<'a> {
    pub id: Cow<'a, str>,
    pub name: Cow<'a, str>,
    pub kind: SpanKind,
    pub parent: Option<usize>,
    pub children: Cow<'a, [usize]>,
    pub document: usize,
    pub parent_id: Option<Cow<'a, str>>,
    /// [`Span::start_time`] as its distance from the trace's start (see [`Instant`]).
    pub start_time: Option<i64>,
    /// [`Span::end_time`] as its distance from the span's start (else the trace's).
    pub end_time: Option<i64>,
    pub in_progress: bool,
    pub error: bool,
    pub throttle: bool,
    pub fault: bool,
    pub orphan: bool,
    pub duplicate: bool,
    pub downstream: Option<Downstream>,
    pub namespace: Option<Cow<'a, str>>,
    pub origin: Option<Cow<'a, str>>,
    pub user: Option<Cow<'a, str>>,
    pub service_version: Option<Cow<'a, str>>,
    pub http: Option<CompactHttp<'a>>,
    pub annotations: Vec<(Cow<'a, str>, CompactAnnotation<'a>)>,
    pub precursor_ids: Cow<'a, [String]>,
    pub aws: Option<CompactAws<'a>>,
    pub sql: Option<CompactSql<'a>>,
    pub cause: Option<String>,
    pub metadata: Option<String>,
}

/// [`Aws`]: the fields SDK calls carry, and the platform objects as their JSON text.
#[derive(Debug, Serialize, Deserialize)]
pub struct CompactAws<'a> {
    pub operation: Option<Cow<'a, str>>,
    pub account_id: Option<Cow<'a, str>>,
    pub region: Option<Cow<'a, str>>,
    pub request_id: Option<Cow<'a, str>>,
    pub queue_url: Option<Cow<'a, str>>,
    pub table_name: Option<Cow<'a, str>>,
    pub other: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CompactSql<'a> {
    pub url: Option<Cow<'a, str>>,
    pub connection_string: Option<Cow<'a, str>>,
    pub sanitized_query: Option<Cow<'a, str>>,
    pub database_type: Option<Cow<'a, str>>,
    pub database_version: Option<Cow<'a, str>>,
    pub driver_version: Option<Cow<'a, str>>,
    pub user: Option<Cow<'a, str>>,
    pub preparation: Option<Cow<'a, str>>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CompactHttp<'a> {
    pub request: Option<CompactRequest<'a>>,
    pub response: Option<CompactResponse>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CompactRequest<'a> {
    pub method: Option<Cow<'a, str>>,
    pub url: Option<Cow<'a, str>>,
    pub user_agent: Option<Cow<'a, str>>,
    pub client_ip: Option<Cow<'a, str>>,
    pub x_forwarded_for: Option<bool>,
    pub traced: Option<bool>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CompactResponse {
    pub status: Option<u16>,
    pub content_length: Option<u64>,
}

#[derive(Debug, Serialize, Deserialize)]
pub enum CompactAnnotation<'a> {
    Bool(bool),
    Number(f64),
    String(Cow<'a, str>),
}

/// Why compact bytes are not a trace.
#[derive(Debug, thiserror::Error)]
pub enum CompactError {
    #[error("the compact trace does not decode: {0}")]
    Encoding(String),
    #[error("the span's {block} block is not the JSON it should be: {error}")]
    Block {
        block: &'static str,
        error: serde_json::Error,
    },
}

/// The trace in its compact form: a [`CompactHeader`], then each span as a [`CompactSpan`].
/// (`DocumentProblem` leaves no field out when written, so it is written as it is; the types
/// that do have mirrors here, as postcard has no field names.)
pub fn encode(detail: &TraceDetail) -> Result<Vec<u8>, CompactError> {
    let trace = &detail.trace;
    let header = CompactHeader {
        id: Cow::Borrowed(&detail.id),
        duration: detail.duration,
        limit_exceeded: detail.limit_exceeded,
        partial: detail.partial,
        retrieved: detail.retrieved,
        problems: Cow::Borrowed(&detail.problems),
        trace_id: trace.trace_id.as_deref().map(Cow::Borrowed),
        start: trace.start,
        end: trace.end,
        roots: Cow::Borrowed(&trace.roots),
        span_count: trace.spans.len(),
    };
    let failed = |error: postcard::Error| CompactError::Encoding(error.to_string());
    let mut bytes = postcard::to_allocvec(&header).map_err(failed)?;
    for span in &trace.spans {
        bytes = postcard::to_extend(&compact_span(span, trace.start), bytes).map_err(failed)?;
    }
    Ok(bytes)
}

/// The trace a header and its spans (read after it) make.
pub fn assemble(header: CompactHeader<'_>, spans: Vec<Span>) -> TraceDetail {
    TraceDetail {
        id: header.id.into_owned(),
        duration: header.duration,
        limit_exceeded: header.limit_exceeded,
        partial: header.partial,
        trace: Trace {
            trace_id: header.trace_id.map(Cow::into_owned),
            start: header.start,
            end: header.end,
            spans,
            roots: header.roots.into_owned(),
            documents: Vec::new(),
        },
        problems: header.problems.into_owned(),
        retrieved: header.retrieved,
    }
}

fn text(value: &Option<String>) -> Option<Cow<'_, str>> {
    value.as_deref().map(Cow::Borrowed)
}

fn compact_span(span: &Span, trace_start: f64) -> CompactSpan<'_> {
    CompactSpan {
        id: Cow::Borrowed(&span.id),
        name: Cow::Borrowed(&span.name),
        kind: span.kind,
        parent: span.parent,
        children: Cow::Borrowed(&span.children),
        document: span.document,
        parent_id: text(&span.parent_id),
        start_time: span.start_time.map(|at| Instant::distance(trace_start, at)),
        end_time: span
            .end_time
            .map(|at| Instant::distance(span.start_time.unwrap_or(trace_start), at)),
        in_progress: span.in_progress,
        error: span.error,
        throttle: span.throttle,
        fault: span.fault,
        orphan: span.orphan,
        duplicate: span.duplicate,
        downstream: span.downstream,
        namespace: text(&span.namespace),
        origin: text(&span.origin),
        user: text(&span.user),
        service_version: text(&span.service_version),
        http: span.http.as_ref().map(|http| CompactHttp {
            request: http.request.as_ref().map(|request| CompactRequest {
                method: text(&request.method),
                url: text(&request.url),
                user_agent: text(&request.user_agent),
                client_ip: text(&request.client_ip),
                x_forwarded_for: request.x_forwarded_for,
                traced: request.traced,
            }),
            response: http.response.as_ref().map(|response| CompactResponse {
                status: response.status,
                content_length: response.content_length,
            }),
        }),
        annotations: span
            .annotations
            .iter()
            .map(|(key, value)| (Cow::Borrowed(key.as_str()), compact_annotation(value)))
            .collect(),
        precursor_ids: Cow::Borrowed(&span.precursor_ids),
        aws: span.aws.as_ref().map(|aws| CompactAws {
            operation: text(&aws.operation),
            account_id: text(&aws.account_id),
            region: text(&aws.region),
            request_id: text(&aws.request_id),
            queue_url: text(&aws.queue_url),
            table_name: text(&aws.table_name),
            other: (!aws.other.is_empty())
                .then(|| json_text(Some(&aws.other)))
                .flatten(),
        }),
        sql: span.sql.as_ref().map(|sql| CompactSql {
            url: text(&sql.url),
            connection_string: text(&sql.connection_string),
            sanitized_query: text(&sql.sanitized_query),
            database_type: text(&sql.database_type),
            database_version: text(&sql.database_version),
            driver_version: text(&sql.driver_version),
            user: text(&sql.user),
            preparation: text(&sql.preparation),
        }),
        cause: json_text(span.cause.as_ref()),
        metadata: json_text(span.metadata.as_ref()),
    }
}

fn compact_annotation(value: &AnnotationValue) -> CompactAnnotation<'_> {
    match value {
        AnnotationValue::Bool(flag) => CompactAnnotation::Bool(*flag),
        AnnotationValue::Number(number) => CompactAnnotation::Number(*number),
        AnnotationValue::String(text) => CompactAnnotation::String(Cow::Borrowed(text)),
    }
}

/// These blocks serialize infallibly (string keys, no failing `Serialize`); were one to fail, it
/// would be left out rather than the whole trace.
fn json_text<T: Serialize>(block: Option<&T>) -> Option<String> {
    serde_json::to_string(block?).ok()
}

/// Times as the distance between their bit patterns: epoch seconds of one trace share their
/// exponent, so the distance counts the smallest steps an `f64` can take there (0.24 µs today)
/// and a span's times take 3–4 bytes each instead of 8, exactly.
struct Instant;

impl Instant {
    fn distance(from: f64, to: f64) -> i64 {
        (to.to_bits() as i64).wrapping_sub(from.to_bits() as i64)
    }

    fn at(from: f64, distance: i64) -> f64 {
        f64::from_bits((from.to_bits() as i64).wrapping_add(distance) as u64)
    }
}

/// The span a [`CompactSpan`] of a trace starting at `trace_start` stands for.
pub fn span_from(span: CompactSpan<'_>, trace_start: f64) -> Result<Span, CompactError> {
    let owned = |text: Option<Cow<'_, str>>| text.map(Cow::into_owned);
    let start_time = span
        .start_time
        .map(|distance| Instant::at(trace_start, distance));
    Ok(Span {
        id: span.id.into_owned(),
        name: span.name.into_owned(),
        kind: span.kind,
        parent: span.parent,
        children: span.children.into_owned(),
        document: span.document,
        parent_id: owned(span.parent_id),
        start_time,
        end_time: span
            .end_time
            .map(|distance| Instant::at(start_time.unwrap_or(trace_start), distance)),
        in_progress: span.in_progress,
        error: span.error,
        throttle: span.throttle,
        fault: span.fault,
        downstream: span.downstream,
        orphan: span.orphan,
        duplicate: span.duplicate,
        namespace: owned(span.namespace),
        origin: owned(span.origin),
        user: owned(span.user),
        service_version: owned(span.service_version),
        http: span.http.map(|http| Http {
            request: http.request.map(|request| HttpRequest {
                method: owned(request.method),
                url: owned(request.url),
                user_agent: owned(request.user_agent),
                client_ip: owned(request.client_ip),
                x_forwarded_for: request.x_forwarded_for,
                traced: request.traced,
            }),
            response: http.response.map(|response| HttpResponse {
                status: response.status,
                content_length: response.content_length,
            }),
        }),
        aws: span
            .aws
            .map(|aws| {
                Ok::<_, CompactError>(Aws {
                    operation: owned(aws.operation),
                    account_id: owned(aws.account_id),
                    region: owned(aws.region),
                    request_id: owned(aws.request_id),
                    queue_url: owned(aws.queue_url),
                    table_name: owned(aws.table_name),
                    other: from_json_text("aws", aws.other)?.unwrap_or_default(),
                })
            })
            .transpose()?,
        sql: span.sql.map(|sql| Sql {
            url: owned(sql.url),
            connection_string: owned(sql.connection_string),
            sanitized_query: owned(sql.sanitized_query),
            database_type: owned(sql.database_type),
            database_version: owned(sql.database_version),
            driver_version: owned(sql.driver_version),
            user: owned(sql.user),
            preparation: owned(sql.preparation),
        }),
        cause: from_json_text("cause", span.cause)?,
        annotations: span
            .annotations
            .into_iter()
            .map(|(key, value)| {
                let value = match value {
                    CompactAnnotation::Bool(flag) => AnnotationValue::Bool(flag),
                    CompactAnnotation::Number(number) => AnnotationValue::Number(number),
                    CompactAnnotation::String(text) => AnnotationValue::String(text.into_owned()),
                };
                (key.into_owned(), value)
            })
            .collect(),
        metadata: from_json_text("metadata", span.metadata)?,
        precursor_ids: span.precursor_ids.into_owned(),
    })
}

fn from_json_text<T: serde::de::DeserializeOwned>(
    block: &'static str,
    text: Option<String>,
) -> Result<Option<T>, CompactError> {
    text.map(|text| serde_json::from_str(&text))
        .transpose()
        .map_err(|error| CompactError::Block { block, error })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_come_back_exactly_and_small() {
        let check = |from: f64, to: f64, most_bytes: usize| {
            let distance = Instant::distance(from, to);
            let back = Instant::at(from, distance);
            assert_eq!(back.to_bits(), to.to_bits(), "{from} → {to}");
            let bytes = postcard::to_allocvec(&distance).expect("encodes").len();
            assert!(bytes <= most_bytes, "{from} → {to}: {bytes} bytes");
        };
        let start = 1_796_467_423.020_065_3;
        check(start, start, 1);
        check(start, start + 0.000_001, 1);
        check(start, start + 20.0, 4);
        check(start, start - 3.0, 4);
        check(start + 1.5, start + 1.5 + 0.2, 4);
        // Anything else still comes back as it was, in more bytes.
        check(start, 0.0, 10);
        check(0.0, start, 10);
        check(start, -start, 10);
        check(start, f64::INFINITY, 10);
        check(f64::NEG_INFINITY, f64::MAX, 10);
        check(start, f64::NAN, 10);
        check(2_147_483_647.5, 2_147_483_648.5, 10);
    }

    #[test]
    fn an_empty_span_takes_the_fewest_bytes() {
        let bytes = postcard::to_allocvec(&compact_span(&Span::default(), 0.0)).expect("encodes");
        assert_eq!(bytes.len(), MIN_SPAN_BYTES);
    }
}
