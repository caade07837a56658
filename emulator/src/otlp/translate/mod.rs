//! OTLP spans → X-Ray segment documents: what X-Ray's OTLP endpoint makes of a span for its
//! classic APIs (GetTraceSummaries, BatchGetTraces, the service graph), so every view built on
//! segments shows spans unchanged.
//!
//! AWS publishes no converter of its own. The rules are those of the AWS X-Ray exporter of the
//! OpenTelemetry Collector (`exporter/awsxrayexporter/internal/translator`, shared by AWS's ADOT
//! Collector), summarised with sources in `shared/reference/otel-to-xray.md`; each module cites
//! the part it follows. The document format is
//! <https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html>.
//!
//! Pure: a span and its resource in, documents out. What cannot be converted (a malformed id)
//! is refused with a message, never guessed.

mod attrs;
mod aws;
mod cause;
mod http;
mod name;
mod sql;
mod stack;
mod xray_attrs;

use opentelemetry_proto::tonic::common::v1::KeyValue;
use opentelemetry_proto::tonic::trace::v1::Span;
use opentelemetry_proto::tonic::trace::v1::span::SpanKind;
use shared::trace::{SegmentDocument, SpanLink};

use attrs::Attrs;
pub(crate) use attrs::to_json as attribute_json;

/// Why a span was not converted; the message names the fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unconvertible(pub String);

/// The attribute ADOT sets to mark the first span of a service in a trace.
const AWS_SPAN_KIND: &str = "aws.span.kind";
const LOCAL_ROOT: &str = "LOCAL_ROOT";
/// Removed from the service segment of a local-root dependency span (they describe the callee).
const REMOTE_ATTRIBUTES: &[&str] = &[
    "aws.remote.service",
    "aws.remote.operation",
    "remoteTarget",
    "K8s.RemoteNamespace",
];
/// OTLP `Span.flags`: bit 8 says whether bit 9 (the parent is remote) is known.
const FLAG_HAS_IS_REMOTE: u32 = 0x100;
const FLAG_IS_REMOTE: u32 = 0x200;

/// The documents of one span: one, or two for a local-root dependency span (a service segment
/// and the subsegment of its call, §2 of the reference).
pub(crate) fn documents(
    span: &Span,
    resource: &[KeyValue],
) -> Result<Vec<SegmentDocument>, Unconvertible> {
    let ids = SpanIds::of(span)?;
    let kind = SpanKind::try_from(span.kind).unwrap_or(SpanKind::Unspecified);
    let source = Source {
        span,
        kind,
        id: ids.span,
        parent_id: ids.parent.map(hex::encode),
        trace_id: ids.trace_id,
        attrs: Attrs::new(&span.attributes),
        resource: Attrs::new(resource),
    };
    if !source.is_local_root() {
        let mut document = source.segment();
        let dependency = matches!(kind, SpanKind::Producer | SpanKind::Consumer);
        if dependency && document.namespace.is_none() && source.attrs.contains("aws.remote.service")
        {
            document.namespace = Some("remote".into());
        }
        return Ok(vec![document]);
    }
    let local_service = source.local_service().map(str::to_owned);
    let mut service = match kind {
        SpanKind::Server | SpanKind::Internal => {
            let mut segment = source.segment();
            segment.document_type = None;
            segment.namespace = None;
            segment
        }
        _ => return Ok(source.dependency_documents(local_service)),
    };
    if let Some(name) = local_service {
        service.name = Some(name::sanitize(&name));
    }
    Ok(vec![service])
}

/// A span as the rules read it; the local-root split converts modified copies of it.
#[derive(Clone)]
struct Source<'a> {
    span: &'a Span,
    kind: SpanKind,
    id: [u8; 8],
    parent_id: Option<String>,
    trace_id: String,
    attrs: Attrs<'a>,
    resource: Attrs<'a>,
}

impl Source<'_> {
    /// ADOT marks the first span of each service in a trace (`aws.span.kind = LOCAL_ROOT`: no
    /// parent, or a remote one). Plain OpenTelemetry SDKs send the same facts without the mark —
    /// an empty parent, or the parent-is-remote bits of `flags` — so they are read too: X-Ray
    /// receives both kinds of sender.
    fn is_local_root(&self) -> bool {
        let flags = self.span.flags;
        self.attrs.str(AWS_SPAN_KIND) == Some(LOCAL_ROOT)
            || self.parent_id.is_none()
            || (flags & FLAG_HAS_IS_REMOTE != 0 && flags & FLAG_IS_REMOTE != 0)
    }

    /// The service a local root belongs to: ADOT's `aws.local.service`, which ADOT fills from the
    /// resource's `service.name` (read directly for SDKs that do not set the attribute).
    fn local_service(&self) -> Option<&str> {
        self.attrs
            .str("aws.local.service")
            .or_else(|| self.resource.str("service.name"))
    }

    /// The two documents of a local-root CLIENT, PRODUCER or CONSUMER span (reference §2): the
    /// service's segment under a new id, and the call as its subsegment under the span's id.
    fn dependency_documents(&self, local_service: Option<String>) -> Vec<SegmentDocument> {
        let service_id = IdSource::new(self.id).derive(0);
        let consumer = self.kind == SpanKind::Consumer;

        let mut call = Source {
            parent_id: Some(hex::encode(service_id)),
            ..self.clone()
        }
        .segment();
        call.document_type = Some("subsegment".into());
        call.namespace.get_or_insert_with(|| "remote".into());
        if consumer {
            call.links.clear();
        }
        if let Some(remote) = self.attrs.str("aws.remote.service") {
            call.name = Some(name::sanitize(name::trim_aws_sdk_prefix(
                remote,
                &self.attrs,
            )));
        }

        let mut service = Source {
            id: service_id,
            attrs: self.attrs.without(REMOTE_ATTRIBUTES),
            ..self.clone()
        }
        .segment();
        if let Some(name) = local_service {
            service.name = Some(name::sanitize(&name));
        }
        service.http = None;
        if let Some(aws) = service.aws.as_mut() {
            aws::drop_call_fields(aws);
        }
        xray_attrs::keep_resource_metadata(&mut service.metadata);
        service.document_type = None;
        service.namespace = None;
        if !consumer {
            service.links.clear();
        }
        vec![call, service]
    }

    /// One document from the span (the Collector's `MakeSegment`): a subsegment when the span
    /// has a parent and is not a SERVER span, else a segment.
    fn segment(&self) -> SegmentDocument {
        let span = self.span;
        let is_subsegment = self.kind != SpanKind::Server && self.parent_id.is_some();
        let (http, attrs) = http::block(self.kind, &self.attrs, &span.events);
        let ids = IdSource::new(self.id);
        let outcome = cause::block(span, self.kind, attrs, &self.resource, &ids);
        let (aws, attrs) = aws::block(outcome.attrs, &self.resource);
        let (sql, attrs) = sql::block(&span.name, attrs);
        let xray = xray_attrs::split(attrs, &self.resource, !is_subsegment);
        let (name, namespace) =
            name::name_and_namespace(self.kind, &self.attrs, &self.resource, &span.name);
        SegmentDocument {
            id: Some(hex::encode(self.id)),
            name: Some(name),
            trace_id: Some(self.trace_id.clone()),
            parent_id: self.parent_id.clone(),
            document_type: is_subsegment.then(|| "subsegment".into()),
            start_time: Some(seconds(span.start_time_unix_nano)),
            end_time: Some(seconds(span.end_time_unix_nano)),
            namespace: namespace.map(str::to_owned),
            origin: aws::origin(&self.resource).map(str::to_owned),
            user: xray.user,
            service: aws::service(&self.resource),
            error: outcome.error,
            throttle: outcome.throttle,
            fault: outcome.fault,
            http,
            aws,
            sql,
            cause: outcome.cause,
            annotations: xray.annotations,
            metadata: xray.metadata,
            links: span.links.iter().filter_map(link).collect(),
            ..SegmentDocument::default()
        }
    }
}

/// The span's ids, checked: OTLP requires 16-byte trace ids and 8-byte span ids, not all zero.
struct SpanIds {
    trace_id: String,
    span: [u8; 8],
    parent: Option<[u8; 8]>,
}

impl SpanIds {
    fn of(span: &Span) -> Result<Self, Unconvertible> {
        let trace_id = xray_trace_id(&span.trace_id).ok_or_else(|| {
            Unconvertible(format!(
                "span {:?}: traceId must be 16 bytes, not all zero (got {} bytes)",
                span.name,
                span.trace_id.len()
            ))
        })?;
        let span_id = nonzero_id(&span.span_id).ok_or_else(|| {
            Unconvertible(format!(
                "span {:?}: spanId must be 8 bytes, not all zero (got {} bytes)",
                span.name,
                span.span_id.len()
            ))
        })?;
        let parent = match span.parent_span_id.as_slice() {
            [] => None,
            bytes if bytes.iter().all(|b| *b == 0) && bytes.len() == 8 => None,
            bytes => Some(nonzero_id(bytes).ok_or_else(|| {
                Unconvertible(format!(
                    "span {:?}: parentSpanId must be empty or 8 bytes (got {} bytes)",
                    span.name,
                    bytes.len()
                ))
            })?),
        };
        Ok(Self {
            trace_id,
            span: span_id,
            parent,
        })
    }
}

fn nonzero_id(bytes: &[u8]) -> Option<[u8; 8]> {
    let id: [u8; 8] = bytes.try_into().ok()?;
    (id != [0; 8]).then_some(id)
}

/// A W3C trace id as X-Ray writes it (reference §3): `1-` + the first 4 bytes + `-` + the other
/// 12, in hex. The X-Ray id generator puts the epoch seconds in those first 4 bytes, so its ids
/// come out as X-Ray's timestamped ids; random W3C ids are accepted as they are.
pub(crate) fn xray_trace_id(bytes: &[u8]) -> Option<String> {
    let id: [u8; 16] = bytes.try_into().ok()?;
    if id == [0; 16] {
        return None;
    }
    Some(format!(
        "1-{}-{}",
        hex::encode(&id[..4]),
        hex::encode(&id[4..])
    ))
}

/// Unix nanoseconds as X-Ray's float seconds. Whole seconds and the fraction are converted
/// apart: `nanos as f64` alone would lose the last digits of the fraction.
fn seconds(nanos: u64) -> f64 {
    (nanos / 1_000_000_000) as f64 + (nanos % 1_000_000_000) as f64 / 1e9
}

fn link(link: &opentelemetry_proto::tonic::trace::v1::span::Link) -> Option<SpanLink> {
    Some(SpanLink {
        trace_id: xray_trace_id(&link.trace_id)?,
        id: hex::encode(nonzero_id(&link.span_id)?),
        attributes: link
            .attributes
            .iter()
            .filter_map(|kv| Some((kv.key.clone(), attrs::to_json(kv.value.as_ref()?)?)))
            .collect(),
    })
}

/// Ids for what the rules mint (exception ids, a local root's service segment). X-Ray draws
/// them at random; deriving them from the span id means a span exported twice — SDKs retry —
/// converts to the same documents and is stored once.
#[derive(Clone, Copy)]
struct IdSource {
    span: u64,
}

impl IdSource {
    fn new(span: [u8; 8]) -> Self {
        Self {
            span: u64::from_be_bytes(span),
        }
    }

    /// The `n`th derived id (splitmix64 over the span id and `n`).
    fn derive(&self, n: u64) -> [u8; 8] {
        let mut x = self
            .span
            .wrapping_add(n.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (x ^ (x >> 31)).to_be_bytes()
    }
}

#[cfg(test)]
mod tests;
