//! `user`, `annotations` and `metadata` from the attributes no block consumed (reference §12;
//! the Collector's `makeXRayAttributes`). X-Ray indexes annotations for filter expressions and
//! only keeps metadata, so an attribute becomes an annotation only when the span asks for it
//! in `aws.xray.annotations`.

use std::collections::BTreeMap;

use opentelemetry_proto::tonic::common::v1::any_value::Value;
use serde_json::{Map, Value as Json};
use shared::trace::AnnotationValue;

use super::attrs::{self, Attrs};

/// The span attribute listing which attribute keys become annotations.
const ANNOTATION_KEYS: &str = "aws.xray.annotations";
/// `aws.xray.metadata.<namespace>`: a JSON object to put under that metadata namespace.
const METADATA_PREFIX: &str = "aws.xray.metadata.";
const DEFAULT_NAMESPACE: &str = "default";
const RESOURCE_PREFIX: &str = "otel.resource.";

#[derive(Default)]
pub(super) struct XRayFields {
    pub user: Option<String>,
    pub annotations: BTreeMap<String, AnnotationValue>,
    pub metadata: Option<Json>,
}

/// Resource attributes are written on segments only (`with_resource`): a subsegment's
/// resource is its segment's.
pub(super) fn split(attrs: Attrs<'_>, resource: &Attrs<'_>, with_resource: bool) -> XRayFields {
    let user = attrs.str("enduser.id").map(str::to_owned);
    let attrs = attrs.without(&["enduser.id"]);
    if attrs.is_empty() && (!with_resource || resource.is_empty()) {
        return XRayFields {
            user,
            ..XRayFields::default()
        };
    }
    let indexed: Vec<&str> = attrs
        .get(ANNOTATION_KEYS)
        .map(attrs::strings)
        .unwrap_or_default();
    let attrs = attrs.without(&[ANNOTATION_KEYS]);

    let mut annotations = BTreeMap::new();
    let mut defaults = Map::new();
    let mut namespaces = Map::new();
    if with_resource {
        for kv in resource.iter() {
            let key = format!("{RESOURCE_PREFIX}{}", kv.key);
            let value = kv.value.as_ref();
            match value
                .and_then(annotation)
                .filter(|_| indexed.contains(&key.as_str()))
            {
                Some(annotation) => {
                    annotations.insert(annotation_key(&key), annotation);
                }
                None => {
                    if let Some(json) = value.and_then(attrs::to_json) {
                        defaults.insert(key, json);
                    }
                }
            }
        }
    }
    for kv in attrs.iter() {
        let Some(value) = kv.value.as_ref() else {
            continue;
        };
        if indexed.contains(&kv.key.as_str()) {
            // Values X-Ray cannot index (arrays, maps, bytes) are dropped, not kept as metadata.
            if let Some(annotation) = annotation(value) {
                annotations.insert(annotation_key(&kv.key), annotation);
            }
        } else if let (Some(namespace), Some(Value::StringValue(text))) =
            (kv.key.strip_prefix(METADATA_PREFIX), value.value.as_ref())
        {
            match serde_json::from_str::<Map<String, Json>>(text) {
                Ok(object) if namespace.eq_ignore_ascii_case(DEFAULT_NAMESPACE) => {
                    defaults.extend(object);
                }
                Ok(object) => {
                    namespaces.insert(namespace.to_owned(), Json::Object(object));
                }
                Err(_) => {
                    defaults.insert(kv.key.clone(), Json::String(text.clone()));
                }
            }
        } else if let Some(json) = attrs::to_json(value) {
            defaults.insert(kv.key.clone(), json);
        }
    }
    if !defaults.is_empty() {
        namespaces.insert(DEFAULT_NAMESPACE.to_owned(), Json::Object(defaults));
    }
    XRayFields {
        user,
        annotations,
        metadata: (!namespaces.is_empty()).then_some(Json::Object(namespaces)),
    }
}

fn annotation(value: &opentelemetry_proto::tonic::common::v1::AnyValue) -> Option<AnnotationValue> {
    Some(match value.value.as_ref()? {
        Value::StringValue(text) => AnnotationValue::String(text.clone()),
        Value::BoolValue(flag) => AnnotationValue::Bool(*flag),
        Value::IntValue(number) => AnnotationValue::Number(*number as f64),
        Value::DoubleValue(number) => AnnotationValue::Number(*number),
        _ => return None,
    })
}

/// X-Ray's annotation keys are letters, digits and `_`; the Collector keeps `.` too (its
/// `exporter.xray.allowDot` gate, on by default).
fn annotation_key(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A local root's service segment keeps only what describes the service: the resource.
pub(super) fn keep_resource_metadata(metadata: &mut Option<Json>) {
    if let Some(Json::Object(namespaces)) = metadata {
        for values in namespaces.values_mut() {
            if let Json::Object(values) = values {
                values.retain(|key, _| key.starts_with(RESOURCE_PREFIX));
            }
        }
    }
}
