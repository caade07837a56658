//! X-Ray segment documents → `aws/spans` records: with Transaction Search on, X-Ray converts the
//! segments it receives (PutTraceSegments, the daemon) into spans before storing them
//! (transaction-search.md §1). AWS does not publish that conversion; this one writes the record
//! format of §2 with the OpenTelemetry semantic-convention names the X-Ray exporter reads back
//! (otel-to-xray.md), so a segment and the span it would have been look alike in a query:
//!
//! | segment | span record |
//! | --- | --- |
//! | the segment, each subsegment (nested or sent alone) | one span each; `parentSpanId` = the enclosing document's id or `parent_id` |
//! | segment / `remote` or `aws` subsegment / other | `kind` `SERVER` / `CLIENT` / `INTERNAL` |
//! | segment `name`, `origin` | `resource.attributes.service.name`, `cloud.platform`; `attributes.aws.local.service` |
//! | `http.request` / `response.status` | `http.request.method`, `url.full`, `user_agent.original`, `client.address` / `http.response.status_code` |
//! | `fault` (or a 5xx) | `status.code` `ERROR`, else `OK` |
//! | a call's name (`AWS::` before an AWS service's), `aws.table_name`/`queue_url`/`bucket_name`, `aws.operation` | `aws.remote.service`, `aws.remote.resource.identifier`, `rpc.method` |
//! | `sql.sanitized_query`, `database_type` | `db.statement`, `db.system` |
//! | `annotations`, `user` | attributes under their own key (listed in `aws.xray.annotations`), `enduser.id` |
//! | `cause.exceptions` | `events` named `exception` with `exception.type`/`exception.message` |
//!
//! In-progress documents make no span: a span is written once it has ended.

use serde_json::{Map, Value as Json, json};
use shared::trace::{AnnotationValue, Cause, SegmentDocument};

use super::w3c_trace_id;

/// The instrumentation scope of converted segments (AWS's is undocumented).
const SCOPE: &str = "aws.xray.segment";

/// The span records of one stored document and its nested subsegments.
pub(crate) fn records(doc: &SegmentDocument, resource_arn: Option<&str>) -> Vec<Json> {
    let Some(trace_id) = doc.trace_id.as_deref() else {
        return Vec::new();
    };
    let service = match doc.document_type.as_deref() {
        Some("subsegment") => None,
        _ => doc.name.as_deref(),
    };
    let resource = resource_attributes(service, doc.origin.as_deref(), resource_arn);
    let mut out = Vec::new();
    // (document, parent span id, is the segment itself)
    let mut stack = vec![(doc, doc.parent_id.clone(), service.is_some())];
    while let Some((doc, parent, is_segment)) = stack.pop() {
        stack.extend(
            doc.subsegments
                .iter()
                .rev()
                .map(|sub| (sub, doc.id.clone(), false)),
        );
        if let Some(record) = record(doc, trace_id, parent, is_segment, service, &resource) {
            out.push(record);
        }
    }
    out
}

fn resource_attributes(service: Option<&str>, origin: Option<&str>, arn: Option<&str>) -> Json {
    let mut attributes = Map::new();
    if let Some(service) = service {
        attributes.insert("service.name".into(), json!(service));
    }
    attributes.insert("cloud.provider".into(), json!("aws"));
    let platform = match origin {
        Some("AWS::AppRunner::Service") => Some("aws_app_runner"),
        Some("AWS::EC2::Instance") => Some("aws_ec2"),
        Some("AWS::EKS::Container") => Some("aws_eks"),
        Some("AWS::ElasticBeanstalk::Environment") => Some("aws_elastic_beanstalk"),
        Some(o) if o.starts_with("AWS::ECS::") => Some("aws_ecs"),
        _ => None,
    };
    if let Some(platform) = platform {
        attributes.insert("cloud.platform".into(), json!(platform));
    }
    if let Some(arn) = arn {
        attributes.insert("cloud.resource_id".into(), json!(arn));
    }
    json!({ "attributes": attributes })
}

fn record(
    doc: &SegmentDocument,
    trace_id: &str,
    parent: Option<String>,
    is_segment: bool,
    service: Option<&str>,
    resource: &Json,
) -> Option<Json> {
    if doc.in_progress {
        return None;
    }
    let (start, end) = (doc.start_time?, doc.end_time?);
    let (start_ns, end_ns) = (nanos(start), nanos(end));
    let kind = match (is_segment, doc.namespace.as_deref()) {
        (true, _) => "SERVER",
        (false, Some("remote" | "aws")) => "CLIENT",
        (false, _) => "INTERNAL",
    };
    let status = doc
        .http
        .as_ref()
        .and_then(|h| h.response.as_ref())
        .and_then(|r| r.status);
    let failed = doc.fault || status.is_some_and(|s| (500..600).contains(&s));
    let mut record = json!({
        "resource": resource,
        "scope": {"name": SCOPE, "version": ""},
        "traceId": w3c_trace_id(trace_id),
        "spanId": doc.id.clone().unwrap_or_default(),
        "name": doc.name.clone().unwrap_or_default(),
        "kind": kind,
        "startTimeUnixNano": start_ns,
        "endTimeUnixNano": end_ns,
        "durationNano": end_ns.saturating_sub(start_ns),
        "attributes": attributes(doc, is_segment, service, status),
        "status": {"code": if failed { "ERROR" } else { "OK" }},
    });
    if let (Some(parent), Some(object)) = (parent, record.as_object_mut()) {
        object.insert("parentSpanId".into(), json!(parent));
    }
    let events = exception_events(doc);
    if let (false, Some(object)) = (events.is_empty(), record.as_object_mut()) {
        object.insert("events".into(), Json::Array(events));
    }
    Some(record)
}

fn nanos(seconds: f64) -> i64 {
    (seconds * 1e9).round() as i64
}

fn attributes(
    doc: &SegmentDocument,
    is_segment: bool,
    service: Option<&str>,
    status: Option<u16>,
) -> Json {
    let mut out = Map::new();
    let mut put = |key: &str, value: Json| {
        out.insert(key.to_owned(), value);
    };
    if is_segment {
        put("aws.span.kind", json!("LOCAL_ROOT"));
        if let Some(service) = service {
            put("aws.local.service", json!(service));
        }
    }
    let request = doc.http.as_ref().and_then(|h| h.request.as_ref());
    if let Some(request) = request {
        let fields = [
            ("http.request.method", &request.method),
            ("url.full", &request.url),
            ("user_agent.original", &request.user_agent),
            ("client.address", &request.client_ip),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                put(key, json!(value));
            }
        }
    }
    if let Some(status) = status {
        put("http.response.status_code", json!(status));
    }
    if !is_segment && doc.namespace.is_some() {
        // ADOT names an AWS service `AWS::DynamoDB`, any other callee by its own name.
        let name = doc.name.clone().unwrap_or_default();
        let remote = match doc.namespace.as_deref() {
            Some("aws") => format!("AWS::{name}"),
            _ => name,
        };
        put("aws.span.kind", json!("CLIENT"));
        put("aws.remote.service", json!(remote));
    }
    if let Some(aws) = &doc.aws {
        if doc.namespace.as_deref() == Some("aws") {
            put("rpc.system", json!("aws-api"));
        }
        if let Some(operation) = &aws.operation {
            put("rpc.method", json!(operation));
            put("aws.remote.operation", json!(operation));
        }
        let resource = aws
            .table_name
            .clone()
            .or_else(|| {
                aws.queue_url
                    .as_deref()
                    .and_then(|u| u.rsplit('/').next())
                    .map(str::to_owned)
            })
            .or_else(|| {
                aws.other
                    .get("bucket_name")
                    .and_then(Json::as_str)
                    .map(str::to_owned)
            });
        if let Some(resource) = resource {
            put("aws.remote.resource.identifier", json!(resource));
        }
        if let Some(table) = &aws.table_name {
            put("aws.dynamodb.table_names", json!([table]));
        }
        if let Some(url) = &aws.queue_url {
            put("aws.sqs.queue.url", json!(url));
        }
        if let Some(region) = &aws.region {
            put("aws.region", json!(region));
        }
        if let Some(request_id) = &aws.request_id {
            put("aws.request_id", json!(request_id));
        }
    }
    if let Some(sql) = &doc.sql {
        if let Some(query) = &sql.sanitized_query {
            put("db.statement", json!(query));
        }
        if let Some(kind) = &sql.database_type {
            put("db.system", json!(kind.to_lowercase()));
        }
    }
    if let Some(user) = &doc.user {
        put("enduser.id", json!(user));
    }
    if !doc.annotations.is_empty() {
        let keys: Vec<&String> = doc.annotations.keys().collect();
        put("aws.xray.annotations", json!(keys));
        for (key, value) in &doc.annotations {
            let value = match value {
                AnnotationValue::String(text) => json!(text),
                AnnotationValue::Number(number) => json!(number),
                AnnotationValue::Bool(flag) => json!(flag),
            };
            put(key, value);
        }
    }
    Json::Object(out)
}

fn exception_events(doc: &SegmentDocument) -> Vec<Json> {
    let Some(Cause::Details(details)) = &doc.cause else {
        return Vec::new();
    };
    details
        .exceptions
        .iter()
        .map(|e| {
            let mut attributes = Map::new();
            if let Some(kind) = &e.exception_type {
                attributes.insert("exception.type".into(), json!(kind));
            }
            if let Some(message) = &e.message {
                attributes.insert("exception.message".into(), json!(message));
            }
            json!({"name": "exception", "timeUnixNano": nanos(doc.end_time.unwrap_or_default()), "attributes": attributes})
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"name":"orders","id":"aaaaaaaaaaaaaaaa","trace_id":"1-69e9cc47-71d7cabe0d8e8cea33b6b338",
        "start_time":1776929864.0,"end_time":1776929864.5,"origin":"AWS::AppRunner::Service","user":"u1",
        "http":{"request":{"method":"GET","url":"https://orders/x"},"response":{"status":500}},"fault":true,
        "annotations":{"tier":"gold","n":3},
        "subsegments":[{"name":"DynamoDB","id":"bbbbbbbbbbbbbbbb","start_time":1776929864.1,"end_time":1776929864.2,
          "namespace":"aws","aws":{"operation":"GetItem","table_name":"orders-table"},
          "cause":{"exceptions":[{"type":"E","message":"boom"}]},
          "subsegments":[{"name":"inner","id":"cccccccccccccccc","start_time":1776929864.1,"in_progress":true}]}]}"#;

    #[test]
    fn a_segment_and_its_subsegments_become_spans() {
        let doc: SegmentDocument = serde_json::from_str(DOC).expect("doc");
        let records = records(&doc, Some("arn:aws:apprunner:us-east-1:1:service/orders/x"));
        assert_eq!(records.len(), 2, "the in-progress subsegment makes no span");
        let (root, call) = (&records[0], &records[1]);
        let check = |record: &Json, pointer: &str, expect: Json| {
            assert_eq!(
                record.pointer(pointer),
                Some(&expect),
                "{pointer} in {record}"
            );
        };
        check(root, "/traceId", json!("69e9cc4771d7cabe0d8e8cea33b6b338"));
        check(root, "/kind", json!("SERVER"));
        check(root, "/durationNano", json!(500_000_000));
        check(root, "/status/code", json!("ERROR"));
        check(root, "/attributes/http.response.status_code", json!(500));
        check(root, "/attributes/url.full", json!("https://orders/x"));
        check(root, "/attributes/enduser.id", json!("u1"));
        check(root, "/attributes/tier", json!("gold"));
        check(root, "/attributes/n", json!(3.0));
        check(root, "/resource/attributes/service.name", json!("orders"));
        check(
            root,
            "/resource/attributes/cloud.platform",
            json!("aws_app_runner"),
        );
        assert_eq!(root.get("parentSpanId"), None);
        check(call, "/parentSpanId", json!("aaaaaaaaaaaaaaaa"));
        check(call, "/kind", json!("CLIENT"));
        check(
            call,
            "/attributes/aws.remote.resource.identifier",
            json!("orders-table"),
        );
        check(call, "/attributes/rpc.method", json!("GetItem"));
        check(call, "/resource/attributes/service.name", json!("orders"));
        check(
            call,
            "/events/0/attributes/exception.message",
            json!("boom"),
        );
        check(call, "/status/code", json!("OK"));
    }
}
