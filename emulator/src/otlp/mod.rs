//! OTLP/HTTP trace ingest: `POST /v1/traces`, as X-Ray's OTLP endpoint takes it
//! (<https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-OTLPEndpoint.html>).
//! An OpenTelemetry SDK or Collector exports here as it would to
//! `https://xray.<region>.amazonaws.com/v1/traces`; each span becomes the X-Ray segment
//! documents X-Ray would make of it ([`translate`]) and is stored beside PutTraceSegments'
//! documents, so every X-Ray API and every runtrace view shows it.
//!
//! With the trace segment destination `CloudWatchLogs` (Transaction Search), each span is also
//! kept as it is, as a record of the log group `aws/spans`, and its segments reach X-Ray's store
//! only when X-Ray indexes its trace. AWS accepts OTLP only with Transaction Search on; the
//! emulator also accepts it with the destination `XRay` (its default), storing the segments as
//! before, so an app traced locally shows in every view without setting anything up first.
//!
//! [`wire`] is the HTTP side (content types, gzip, the OTLP answers); [`export`] is what one
//! request does to the store, with the endpoint's documented limits:
//!
//! | limit | when broken |
//! | --- | --- |
//! | 5 MB uncompressed per request | the request is refused (413) |
//! | 10,000 spans per request | the request is refused (400) |
//! | spans at most 2 h ahead, at most 14 days old | the request is refused (400) |
//! | spans of one request within 24 h of each other | the request is refused (400) |
//! | 200 KB per span | the span is rejected (partial success) |
//! | 16 KB of resource and scope per span group | its spans are rejected (partial success) |

mod translate;
pub(crate) mod wire;

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::trace::v1::{ResourceSpans, ScopeSpans, Span};
use prost::Message as _;
use shared::trace::SegmentDocument;

use crate::xray::{ConvertedSpan, DocumentChecks, Mode, XRay};

pub(crate) use translate::attribute_json;

pub const MAX_REQUEST_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_SPANS_PER_REQUEST: usize = 10_000;
pub const MAX_SPAN_BYTES: usize = 200 * 1024;
pub const MAX_RESOURCE_AND_SCOPE_BYTES: usize = 16 * 1024;
const MAX_FUTURE_SECONDS: f64 = 2.0 * 3600.0;
const MAX_AGE_SECONDS: f64 = 14.0 * 86_400.0;
const MAX_SPREAD_SECONDS: f64 = 24.0 * 3600.0;
/// Reasons named in a partial success; the count covers the rest.
const REASONS_SHOWN: usize = 3;

/// What a request did: how many spans were stored and why the others were not.
#[derive(Debug, Default, PartialEq)]
pub struct Exported {
    pub accepted: usize,
    pub rejected: usize,
    /// The first few reasons, one per rejected span.
    pub reasons: Vec<String>,
}

impl Exported {
    fn reject(&mut self, spans: usize, reason: impl FnOnce() -> String) {
        self.rejected += spans;
        if self.reasons.len() < REASONS_SHOWN {
            self.reasons.push(reason());
        }
    }

    /// OTLP's `partial_success.error_message`.
    pub fn message(&self) -> String {
        let more = self.rejected.saturating_sub(self.reasons.len());
        let mut message = format!(
            "{} of {} spans rejected: ",
            self.rejected,
            self.accepted + self.rejected
        );
        message.push_str(&self.reasons.join("; "));
        if more > 0 {
            message.push_str(&format!("; and {more} more"));
        }
        message
    }
}

/// A request refused as a whole (nothing stored); the message says which limit and by how much.
#[derive(Debug, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// Stores the spans of one request in `region` (the request's signing region, or the default
/// one for unsigned requests). `now` is the emulator's clock, in epoch seconds.
pub fn export(
    xray: &XRay,
    region: &str,
    request: &ExportTraceServiceRequest,
    now: f64,
) -> Result<Exported, Refused> {
    check_request(request, now)?;
    let keep_spans = xray.mode(region, now) != Mode::XRay;
    let mut outcome = Exported::default();
    let mut documents = Vec::new();
    for resource_spans in &request.resource_spans {
        let resource = resource_spans
            .resource
            .as_ref()
            .map_or(&[][..], |r| r.attributes.as_slice());
        for scope_spans in &resource_spans.scope_spans {
            let shared_bytes = resource_and_scope_bytes(resource_spans, scope_spans);
            if shared_bytes > MAX_RESOURCE_AND_SCOPE_BYTES {
                outcome.reject(scope_spans.spans.len(), || {
                    format!(
                        "the resource and scope of {} spans take {shared_bytes} bytes, more than {MAX_RESOURCE_AND_SCOPE_BYTES}",
                        scope_spans.spans.len()
                    )
                });
                continue;
            }
            for span in &scope_spans.spans {
                match convert(span, resource) {
                    Ok(converted) => documents.push(ConvertedSpan {
                        name: span.name.as_str(),
                        documents: converted,
                        record: keep_spans.then(|| {
                            crate::spans::otlp_record(span, resource, scope_spans.scope.as_ref())
                        }),
                    }),
                    Err(reason) => outcome.reject(1, || reason),
                }
            }
        }
    }
    let spans = documents.len();
    let refusals = xray.put_converted(region, documents, DocumentChecks::OTLP);
    outcome.accepted = spans - refusals.len();
    for reason in refusals {
        outcome.reject(1, || reason);
    }
    Ok(outcome)
}

/// One span's documents, or why it is rejected.
fn convert(
    span: &Span,
    resource: &[opentelemetry_proto::tonic::common::v1::KeyValue],
) -> Result<Vec<SegmentDocument>, String> {
    let size = span.encoded_len();
    if size > MAX_SPAN_BYTES {
        return Err(format!(
            "span {:?} is {size} bytes, more than {MAX_SPAN_BYTES}",
            span.name
        ));
    }
    translate::documents(span, resource).map_err(|e| e.0)
}

fn resource_and_scope_bytes(resource_spans: &ResourceSpans, scope_spans: &ScopeSpans) -> usize {
    resource_spans
        .resource
        .as_ref()
        .map_or(0, |r| r.encoded_len())
        + scope_spans.scope.as_ref().map_or(0, |s| s.encoded_len())
}

/// The request-level limits: span count and span times.
fn check_request(request: &ExportTraceServiceRequest, now: f64) -> Result<(), Refused> {
    let spans = || {
        request
            .resource_spans
            .iter()
            .flat_map(|r| &r.scope_spans)
            .flat_map(|s| &s.spans)
    };
    let count = spans().count();
    if count > MAX_SPANS_PER_REQUEST {
        return Err(Refused(format!(
            "the request has {count} spans; at most {MAX_SPANS_PER_REQUEST} are accepted per request"
        )));
    }
    let (mut earliest, mut latest) = (f64::INFINITY, f64::NEG_INFINITY);
    for span in spans() {
        for nanos in [span.start_time_unix_nano, span.end_time_unix_nano] {
            let time = nanos as f64 / 1e9;
            let ahead = time - now;
            if ahead > MAX_FUTURE_SECONDS || -ahead > MAX_AGE_SECONDS {
                let when = if ahead > 0.0 {
                    format!("{:.1} hours in the future", ahead / 3600.0)
                } else {
                    format!("{:.1} days in the past", -ahead / 86_400.0)
                };
                return Err(Refused(format!(
                    "span {:?} is timed {when}; spans may be at most 2 hours in the future and 14 days in the past",
                    span.name
                )));
            }
            earliest = earliest.min(time);
            latest = latest.max(time);
        }
    }
    if latest - earliest > MAX_SPREAD_SECONDS {
        return Err(Refused(format!(
            "the spans of one request must lie within 24 hours of each other; these span {:.1} hours",
            (latest - earliest) / 3600.0
        )));
    }
    Ok(())
}
