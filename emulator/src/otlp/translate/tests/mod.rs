//! Table tests of the span → document rules: each case is a span (and resource) in and the
//! fields of the documents out, addressed by JSON pointer (`/0/http/request/method`: the first
//! document's method); an expected `null` means the field is absent.

mod blocks;
mod documents;
mod stacks;

use opentelemetry_proto::tonic::common::v1::{AnyValue, ArrayValue, KeyValue, any_value::Value};
use opentelemetry_proto::tonic::trace::v1::span::{Event, SpanKind};
use opentelemetry_proto::tonic::trace::v1::status::StatusCode;
use opentelemetry_proto::tonic::trace::v1::{Span, Status};
use serde_json::{Value as Json, json};

use super::{IdSource, documents};

pub(super) const TRACE_ID: &str = "1-5f84c7a1-0123456789abcdef01234567";
pub(super) const SPAN_ID: [u8; 8] = [1, 2, 3, 4, 5, 6, 7, 8];
pub(super) const PARENT_ID: [u8; 8] = [0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18];
/// 2023-11-14T22:13:20.5Z; spans last 25 ms.
pub(super) const START_NANOS: u64 = 1_700_000_000_500_000_000;

/// An attribute value, briefly.
#[derive(Clone, Copy)]
pub(super) enum A {
    S(&'static str),
    I(i64),
    D(f64),
    B(bool),
    L(&'static [&'static str]),
}

pub(super) fn kv(key: &str, value: A) -> KeyValue {
    let value = match value {
        A::S(text) => Value::StringValue(text.to_owned()),
        A::I(number) => Value::IntValue(number),
        A::D(number) => Value::DoubleValue(number),
        A::B(flag) => Value::BoolValue(flag),
        A::L(items) => Value::ArrayValue(ArrayValue {
            values: items
                .iter()
                .map(|item| AnyValue {
                    value: Some(Value::StringValue((*item).to_owned())),
                })
                .collect(),
        }),
    };
    KeyValue {
        key: key.to_owned(),
        value: Some(AnyValue { value: Some(value) }),
        ..KeyValue::default()
    }
}

pub(super) fn attrs(list: &[(&str, A)]) -> Vec<KeyValue> {
    list.iter().map(|(key, value)| kv(key, *value)).collect()
}

/// A span of `kind`, with a local parent or none, named `GET /movies`.
pub(super) fn span(kind: SpanKind, parent: bool, list: &[(&str, A)]) -> Span {
    let mut trace_id = hex::decode("5f84c7a10123456789abcdef01234567").unwrap_or_default();
    trace_id.truncate(16);
    Span {
        trace_id,
        span_id: SPAN_ID.to_vec(),
        parent_span_id: if parent {
            PARENT_ID.to_vec()
        } else {
            Vec::new()
        },
        name: "GET /movies".to_owned(),
        kind: kind as i32,
        start_time_unix_nano: START_NANOS,
        end_time_unix_nano: START_NANOS + 25_000_000,
        attributes: attrs(list),
        ..Span::default()
    }
}

pub(super) fn with_status(mut span: Span, code: StatusCode, message: &str) -> Span {
    span.status = Some(Status {
        code: code as i32,
        message: message.to_owned(),
    });
    span
}

pub(super) fn with_event(mut span: Span, name: &str, list: &[(&str, A)]) -> Span {
    span.events.push(Event {
        time_unix_nano: START_NANOS + 10_000_000,
        name: name.to_owned(),
        attributes: attrs(list),
        ..Event::default()
    });
    span
}

/// The span's documents as JSON, with the ids the rules derive written `<derived n>` (they are
/// hashes: the tests say which one appears where, not its digits).
pub(super) fn convert(span: &Span, resource: &[(&str, A)]) -> Json {
    let resource = attrs(resource);
    let documents = match documents(span, &resource) {
        Ok(documents) => documents,
        Err(refusal) => return json!({ "refused": refusal.0 }),
    };
    let mut value = serde_json::to_value(documents).unwrap_or_default();
    let derived: Vec<String> = (0..16)
        .map(|n| hex::encode(IdSource::new(SPAN_ID).derive(n)))
        .collect();
    let service_id = IdSource::new(SPAN_ID).derive(0);
    let service_derived: Vec<String> = (1..16)
        .map(|n| hex::encode(IdSource::new(service_id).derive(n)))
        .collect();
    rename_ids(&mut value, &derived, &service_derived);
    value
}

fn rename_ids(value: &mut Json, derived: &[String], service_derived: &[String]) {
    match value {
        Json::String(text) => {
            if let Some(n) = derived.iter().position(|d| d == text) {
                *text = format!("<derived {n}>");
            } else if let Some(n) = service_derived.iter().position(|d| d == text) {
                *text = format!("<service derived {}>", n + 1);
            }
        }
        Json::Array(items) => items
            .iter_mut()
            .for_each(|v| rename_ids(v, derived, service_derived)),
        Json::Object(map) => map
            .values_mut()
            .for_each(|v| rename_ids(v, derived, service_derived)),
        _ => {}
    }
}

/// Each `(pointer, expected)` of `expect` holds in the documents of `span`.
#[track_caller]
pub(super) fn check(span: &Span, resource: &[(&str, A)], expect: &[(&str, Json)]) {
    let got = convert(span, resource);
    for (pointer, want) in expect {
        let found = got.pointer(pointer).cloned().unwrap_or(Json::Null);
        assert_eq!(
            &found,
            want,
            "{pointer} of {}",
            serde_json::to_string_pretty(&got).unwrap_or_default()
        );
    }
}
