//! A `TraceSummary` as GetTraceSummaries returns it. Trace-level fields (Http, ResponseTime and
//! the Has* flags) describe the entry point's segment, as X-Ray's do.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::digest::{Annotation, Digest, Field};
use super::rootcause::{self, Kind};
use super::view::{NodeKey, Outcome, TraceView, outcome};

pub(crate) fn service_id(node: &NodeKey, account_id: &str) -> Value {
    json!({"Name": node.name, "Names": [node.name], "AccountId": account_id, "Type": node.kind})
}

pub(crate) fn summary(view: &TraceView<'_>, account_id: &str, matched_at: f64) -> Value {
    let root = view.root_hit();
    let root_outcome = root.map(|h| outcome(h.doc));
    let mut summary = json!({
        "Id": &*view.trace.id,
        "StartTime": view.start,
        "Duration": view.duration(),
        "HasFault": root_outcome == Some(Outcome::Fault),
        "HasError": matches!(root_outcome, Some(Outcome::Error | Outcome::Throttle)),
        "HasThrottle": root_outcome == Some(Outcome::Throttle),
        "IsPartial": view.partial,
        "ServiceIds": view.nodes().into_iter().map(|n| service_id(n, account_id)).collect::<Vec<_>>(),
        "Annotations": annotations(view, account_id),
        "Users": users(view, account_id),
        "ResourceARNs": resource_arns(view),
        "InstanceIds": [],
        "AvailabilityZones": [],
        "FaultRootCauses": rootcause::to_json(&rootcause::root_causes(view, Kind::Fault), account_id),
        "ErrorRootCauses": rootcause::to_json(&rootcause::root_causes(view, Kind::Error), account_id),
        "ResponseTimeRootCauses": [],
        "Revision": view.trace.segments.len(),
        "MatchedEventTime": matched_at,
    });
    if let Some(root) = root {
        summary["EntryPoint"] = service_id(&root.node, account_id);
        summary["ResponseTime"] = json!(root.response_time());
        summary["Http"] = http(root.doc);
    }
    summary
}

fn http(doc: &Digest) -> Value {
    let mut http = Map::new();
    let fields = [
        ("HttpURL", Field::Url),
        ("HttpMethod", Field::Method),
        ("UserAgent", Field::UserAgent),
        ("ClientIp", Field::ClientIp),
    ];
    for (key, field) in fields {
        if let Some(value) = doc.field(field) {
            http.insert(key.into(), Value::String(value.to_owned()));
        }
    }
    if let Some(status) = super::view::http_status(doc) {
        http.insert("HttpStatus".into(), json!(status));
    }
    Value::Object(http)
}

/// Each annotation value once, with the services whose segments carry it.
fn annotations(view: &TraceView<'_>, account_id: &str) -> Value {
    let mut by_key: BTreeMap<&str, Vec<(&Annotation, Vec<&NodeKey>)>> = BTreeMap::new();
    for owned in &view.docs {
        let node = &view.hits[owned.owner].node;
        for (key, value) in owned.doc.annotations() {
            let values = by_key.entry(key).or_default();
            match values.iter_mut().find(|(v, _)| *v == value) {
                Some((_, nodes)) if !nodes.contains(&node) => nodes.push(node),
                Some(_) => {}
                None => values.push((value, vec![node])),
            }
        }
    }
    let map: Map<String, Value> = by_key
        .into_iter()
        .map(|(key, values)| {
            let values: Vec<Value> = values
                .into_iter()
                .map(|(value, nodes)| {
                    let ids: Vec<Value> = nodes
                        .into_iter()
                        .map(|n| service_id(n, account_id))
                        .collect();
                    json!({"AnnotationValue": annotation_value(value), "ServiceIds": ids})
                })
                .collect();
            (key.to_owned(), Value::Array(values))
        })
        .collect();
    Value::Object(map)
}

fn annotation_value(value: &Annotation) -> Value {
    match value {
        Annotation::Bool(flag) => json!({"BooleanValue": flag}),
        Annotation::Number(number) => json!({"NumberValue": number}),
        Annotation::String(text) => json!({"StringValue": &**text}),
    }
}

fn users(view: &TraceView<'_>, account_id: &str) -> Value {
    let mut by_user: BTreeMap<&str, Vec<&NodeKey>> = BTreeMap::new();
    for owned in &view.docs {
        if let Some(user) = owned.doc.user.as_deref() {
            let node = &view.hits[owned.owner].node;
            let nodes = by_user.entry(user).or_default();
            if !nodes.contains(&node) {
                nodes.push(node);
            }
        }
    }
    let users: Vec<Value> = by_user
        .into_iter()
        .map(|(user, nodes)| {
            let ids: Vec<Value> = nodes
                .into_iter()
                .map(|n| service_id(n, account_id))
                .collect();
            json!({"UserName": user, "ServiceIds": ids})
        })
        .collect();
    Value::Array(users)
}

fn resource_arns(view: &TraceView<'_>) -> Value {
    let mut arns: Vec<&str> = view
        .trace
        .segments
        .iter()
        .filter_map(|s| s.resource_arn.as_deref())
        .collect();
    arns.sort_unstable();
    arns.dedup();
    Value::Array(arns.into_iter().map(|arn| json!({"ARN": arn})).collect())
}
