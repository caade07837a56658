//! Typed reads of an OTLP attribute list, the way X-Ray's translator reads them: a value of
//! another type, or an empty string, reads as absent (the Collector's `Value.Str()` of an int is
//! `""`, which every "first hit wins" rule skips).

use base64::Engine as _;
use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue, any_value::Value};
use serde_json::{Map, Number, Value as Json};

/// A borrowed view of attributes; blocks that consume keys hand on a filtered copy.
#[derive(Clone, Default)]
pub(crate) struct Attrs<'a>(Vec<&'a KeyValue>);

impl<'a> Attrs<'a> {
    pub fn new(list: &'a [KeyValue]) -> Self {
        Self(list.iter().collect())
    }

    /// The first value under `key` (OTLP forbids duplicate keys; the first one wins if sent).
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.0
            .iter()
            .find(|kv| kv.key == key)?
            .value
            .as_ref()?
            .value
            .as_ref()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.0.iter().any(|kv| kv.key == key)
    }

    /// A non-empty string value.
    pub fn str(&self, key: &str) -> Option<&'a str> {
        match self.get(key)? {
            Value::StringValue(text) if !text.is_empty() => Some(text),
            _ => None,
        }
    }

    /// The first of `keys` that holds a non-empty string.
    pub fn first_str(&self, keys: &[&str]) -> Option<&'a str> {
        keys.iter().find_map(|key| self.str(key))
    }

    pub fn int(&self, key: &str) -> Option<i64> {
        match self.get(key)? {
            Value::IntValue(value) => Some(*value),
            _ => None,
        }
    }

    /// A string, or an integer written out (ports arrive as either).
    pub fn text(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::StringValue(text) if !text.is_empty() => Some(text.clone()),
            Value::IntValue(value) => Some(value.to_string()),
            _ => None,
        }
    }

    /// The same attributes without `keys`.
    pub fn without(&self, keys: &[&str]) -> Self {
        Self(
            self.0
                .iter()
                .copied()
                .filter(|kv| !keys.contains(&kv.key.as_str()))
                .collect(),
        )
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a KeyValue> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An attribute value as JSON, as X-Ray writes it into metadata: arrays and maps kept, bytes as
/// base64, an empty value dropped. Nesting is bounded by the decoders (prost and serde_json both
/// stop at about a hundred levels), so the recursion is too.
pub(crate) fn to_json(value: &AnyValue) -> Option<Json> {
    Some(match value.value.as_ref()? {
        Value::StringValue(text) => Json::String(text.clone()),
        Value::BoolValue(flag) => Json::Bool(*flag),
        Value::IntValue(number) => Json::from(*number),
        Value::DoubleValue(number) => Json::Number(Number::from_f64(*number)?),
        Value::BytesValue(bytes) => {
            Json::String(base64::engine::general_purpose::STANDARD.encode(bytes))
        }
        Value::ArrayValue(array) => Json::Array(array.values.iter().filter_map(to_json).collect()),
        Value::KvlistValue(list) => Json::Object(
            list.values
                .iter()
                .filter_map(|kv| Some((kv.key.clone(), to_json(kv.value.as_ref()?)?)))
                .collect::<Map<_, _>>(),
        ),
        // An index into a profile's string table: meaningless outside profiles.
        Value::StringValueStrindex(_) => return None,
    })
}

/// The strings of an array value, or a single string (resource attributes set through
/// `OTEL_RESOURCE_ATTRIBUTES` can only be strings).
pub(crate) fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::StringValue(text) => vec![text.as_str()],
        Value::ArrayValue(array) => array
            .values
            .iter()
            .filter_map(|v| match v.value.as_ref()? {
                Value::StringValue(text) => Some(text.as_str()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
