//! OTLP spans → `aws/spans` records, in the format of transaction-search.md §2: the span's own
//! fields with attributes as plain objects (dotted keys kept, values typed), times as JSON
//! integers, `kind` and `status.code` as names without their prefix (`SERVER`, `ERROR`).

use opentelemetry_proto::tonic::common::v1::{InstrumentationScope, KeyValue};
use opentelemetry_proto::tonic::trace::v1::Span;
use opentelemetry_proto::tonic::trace::v1::span::SpanKind;
use opentelemetry_proto::tonic::trace::v1::status::StatusCode;
use serde_json::{Map, Value as Json, json};

use crate::otlp::attribute_json;

pub(crate) fn record(
    span: &Span,
    resource: &[KeyValue],
    scope: Option<&InstrumentationScope>,
) -> Json {
    let start = i64::try_from(span.start_time_unix_nano).unwrap_or(i64::MAX);
    let end = i64::try_from(span.end_time_unix_nano).unwrap_or(i64::MAX);
    let kind = SpanKind::try_from(span.kind).unwrap_or(SpanKind::Unspecified);
    let mut record = json!({
        "resource": {"attributes": attributes(resource)},
        "scope": {
            "name": scope.map(|s| s.name.as_str()).unwrap_or_default(),
            "version": scope.map(|s| s.version.as_str()).unwrap_or_default(),
        },
        "traceId": hex::encode(&span.trace_id),
        "spanId": hex::encode(&span.span_id),
        "name": span.name,
        "kind": short(kind.as_str_name(), "SPAN_KIND_"),
        "startTimeUnixNano": start,
        "endTimeUnixNano": end,
        "durationNano": end.saturating_sub(start),
        "attributes": attributes(&span.attributes),
        "status": status(span),
    });
    let Some(object) = record.as_object_mut() else {
        return record;
    };
    if !span.parent_span_id.is_empty() {
        object.insert(
            "parentSpanId".into(),
            json!(hex::encode(&span.parent_span_id)),
        );
    }
    if !span.events.is_empty() {
        let events = span.events.iter().map(|e| {
            json!({"name": e.name, "timeUnixNano": e.time_unix_nano, "attributes": attributes(&e.attributes)})
        });
        object.insert("events".into(), Json::Array(events.collect()));
    }
    if !span.links.is_empty() {
        let links = span.links.iter().map(|l| {
            json!({"traceId": hex::encode(&l.trace_id), "spanId": hex::encode(&l.span_id), "attributes": attributes(&l.attributes)})
        });
        object.insert("links".into(), Json::Array(links.collect()));
    }
    record
}

fn short(name: &'static str, prefix: &str) -> &'static str {
    name.strip_prefix(prefix).unwrap_or(name)
}

fn status(span: &Span) -> Json {
    let Some(status) = &span.status else {
        return json!({"code": "UNSET"});
    };
    let code = StatusCode::try_from(status.code).unwrap_or(StatusCode::Unset);
    let mut out = json!({"code": short(code.as_str_name(), "STATUS_CODE_")});
    if let (false, Some(object)) = (status.message.is_empty(), out.as_object_mut()) {
        object.insert("message".into(), json!(status.message));
    }
    out
}

fn attributes(list: &[KeyValue]) -> Json {
    let map: Map<String, Json> = list
        .iter()
        .filter_map(|kv| Some((kv.key.clone(), attribute_json(kv.value.as_ref()?)?)))
        .collect();
    Json::Object(map)
}

#[cfg(test)]
mod tests {
    use opentelemetry_proto::tonic::common::v1::{AnyValue, any_value::Value};
    use opentelemetry_proto::tonic::trace::v1::Status;

    use super::*;

    fn kv(key: &str, value: Value) -> KeyValue {
        KeyValue {
            key: key.into(),
            value: Some(AnyValue { value: Some(value) }),
            ..KeyValue::default()
        }
    }

    #[test]
    fn spans_keep_their_fields_typed_and_flat() {
        let span = Span {
            trace_id: vec![0x69; 16],
            span_id: vec![0xd2; 8],
            name: "GET /orders".into(),
            kind: SpanKind::Server as i32,
            start_time_unix_nano: 1_776_929_864_011_990_383,
            end_time_unix_nano: 1_776_929_864_035_990_383,
            attributes: vec![
                kv("http.response.status_code", Value::IntValue(200)),
                kv("http.request.method", Value::StringValue("GET".into())),
            ],
            status: Some(Status {
                code: StatusCode::Error as i32,
                message: "bad".into(),
            }),
            ..Span::default()
        };
        let resource = [kv("service.name", Value::StringValue("orders".into()))];
        let scope = InstrumentationScope {
            name: "flask".into(),
            version: "0.48b0".into(),
            ..InstrumentationScope::default()
        };
        let record = record(&span, &resource, Some(&scope));
        assert_eq!(
            record,
            json!({
                "resource": {"attributes": {"service.name": "orders"}},
                "scope": {"name": "flask", "version": "0.48b0"},
                "traceId": "69696969696969696969696969696969",
                "spanId": "d2d2d2d2d2d2d2d2",
                "name": "GET /orders",
                "kind": "SERVER",
                "startTimeUnixNano": 1_776_929_864_011_990_383_i64,
                "endTimeUnixNano": 1_776_929_864_035_990_383_i64,
                "durationNano": 24_000_000,
                "attributes": {"http.response.status_code": 200, "http.request.method": "GET"},
                "status": {"code": "ERROR", "message": "bad"},
            })
        );
    }
}
