//! CloudWatch Logs Insights over `aws/spans` through `Logs::handle` on a manual clock: a query is
//! Scheduled, then Running with partial results and statistics, then Complete; what it cannot
//! run is refused as Logs Insights refuses it.

mod xray_support;

use emulator::{Clock, Emulator, EmulatorConfig};
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use prost::Message as _;
use serde_json::{Value, json};
use xray_support::{NOW, REGION, dynamo, emulator_with, put, segment, trace_id};

fn transaction_search() -> Emulator {
    emulator_with(|c| {
        c.transaction_search = Some(1.0);
        c.async_seconds = 4.0;
    })
}

/// 200 traces of a segment and a DynamoDB call each, every tenth answering 500.
fn put_traces(emulator: &Emulator) {
    for n in 0..200_u32 {
        let id = trace_id(n);
        let start = NOW - 300.0 + f64::from(n);
        let status = if n % 10 == 0 { 500 } else { 200 };
        let mut root = segment(&id, 2 * u64::from(n) + 1, "api", start, 0.5, status);
        root["subsegments"] = json!([dynamo(2 * u64::from(n) + 2, "items", start + 0.1, 0.2, 200)]);
        put(emulator, &[root]);
    }
}

fn logs(emulator: &Emulator, op: &str, body: Value) -> Result<Value, (String, Value)> {
    emulator
        .logs
        .handle(REGION, op, body.to_string().as_bytes())
        .map_err(|e| {
            (
                e.code.to_owned(),
                e.members.map(|m| *m).unwrap_or(Value::Null),
            )
        })
}

fn start_query(emulator: &Emulator, query: &str) -> Result<String, (String, Value)> {
    let body = json!({"logGroupName": "aws/spans", "startTime": NOW as i64 - 3600, "endTime": NOW as i64, "queryString": query});
    logs(emulator, "StartQuery", body).map(|v| v["queryId"].as_str().unwrap_or_default().to_owned())
}

#[test]
fn logs_insights_answers_over_every_span_while_running_and_complete() {
    let emulator = transaction_search();
    put_traces(&emulator);
    let query = "filter not ispresent(parentSpanId) and `attributes.http.response.status_code` >= 500 | stats count(*) as n";
    let id = start_query(&emulator, query).expect("starts");
    let results = || logs(&emulator, "GetQueryResults", json!({"queryId": id})).expect("results");
    let scheduled = results();
    assert_eq!(scheduled["status"], "Scheduled");
    assert_eq!(scheduled["statistics"]["recordsScanned"], 0.0);
    emulator.clock.advance(2.2);
    let running = results();
    assert_eq!(running["status"], "Running");
    let scanned = running["statistics"]["recordsScanned"]
        .as_f64()
        .unwrap_or_default();
    assert!(
        scanned > 0.0 && scanned < 400.0,
        "about half scanned: {scanned}"
    );
    emulator.clock.advance(2.0);
    let complete = results();
    assert_eq!(complete["status"], "Complete");
    assert_eq!(
        complete["results"],
        json!([[{"field": "n", "value": "20"}]]),
        "every tenth trace answered 500"
    );
    assert_eq!(complete["statistics"]["recordsScanned"], 400.0);
    assert_eq!(complete["statistics"]["recordsMatched"], 20.0);
    assert!(
        complete["statistics"]["bytesScanned"]
            .as_f64()
            .unwrap_or_default()
            > 400.0 * 300.0
    );
    let stop = logs(&emulator, "StopQuery", json!({"queryId": id}));
    assert_eq!(
        stop.err().map(|e| e.0).as_deref(),
        Some("InvalidParameterException"),
        "it is not running"
    );
}

#[test]
fn logs_insights_refuses_what_it_cannot_answer() {
    let emulator = transaction_search();
    put_traces(&emulator);
    let (code, members) =
        start_query(&emulator, "filter x = 1 | dedup traceId").expect_err("refused");
    assert_eq!(code, "MalformedQueryException");
    let location = &members["queryCompileError"]["location"];
    assert_eq!(
        (
            location["startCharOffset"].as_u64(),
            location["endCharOffset"].as_u64()
        ),
        (Some(15), Some(20))
    );
    let (code, _) = start_query(&emulator, "filter x = ").expect_err("refused");
    assert_eq!(code, "MalformedQueryException");
    let other_group = json!({"logGroupName": "/aws/lambda/f", "startTime": 0, "endTime": 1, "queryString": "fields @message"});
    assert_eq!(
        logs(&emulator, "StartQuery", other_group)
            .err()
            .map(|e| e.0)
            .as_deref(),
        Some("ResourceNotFoundException")
    );
    let unknown = logs(&emulator, "GetQueryResults", json!({"queryId": "nope"}));
    assert_eq!(
        unknown.err().map(|e| e.0).as_deref(),
        Some("ResourceNotFoundException")
    );
    let id = start_query(&emulator, "fields traceId").expect("starts");
    assert_eq!(
        logs(&emulator, "StopQuery", json!({"queryId": id})).ok(),
        Some(json!({"success": true}))
    );
    emulator.clock.advance(10.0);
    let cancelled = logs(&emulator, "GetQueryResults", json!({"queryId": id})).expect("results");
    assert_eq!(cancelled["status"], "Cancelled");
    let without = emulator_with(|_| {});
    let body = json!({"logGroupName": "aws/spans", "startTime": 0, "endTime": 1, "queryString": "fields @message"});
    let refused = logs(&without, "StartQuery", body).err().map(|e| e.0);
    assert_eq!(
        refused.as_deref(),
        Some("ResourceNotFoundException"),
        "no aws/spans before Transaction Search"
    );
}

/// 28 spans of 15 requests (4 answering 500) exported by the Python SDK 1.45 on 2026-12-03.
const MOVIES: &[u8] = include_bytes!("fixtures/movies_app_otel.pb");
/// A minute after the last of those spans.
const MOVIES_NOW: f64 = 1_796_329_455.0;

#[test]
fn spans_sent_over_otlp_are_records_as_sent() {
    let emulator = Emulator::new(&EmulatorConfig {
        clock: Clock::manual(MOVIES_NOW),
        transaction_search: Some(0.0),
        async_seconds: 0.0,
        ..EmulatorConfig::default()
    });
    let request = ExportTraceServiceRequest::decode(MOVIES).expect("the fixture decodes");
    let exported =
        emulator::otlp::export(&emulator.xray, REGION, &request, MOVIES_NOW).expect("accepted");
    assert_eq!(exported.accepted, 28);
    assert_eq!(
        emulator.spans.stored().spans,
        28,
        "one record a span, as sent"
    );
    assert_eq!(emulator.spans.stored().traces, 15);
    assert_eq!(emulator.xray.stored().traces, 0, "nothing indexed at 0 %");
    let query = json!({
        "logGroupName": "aws/spans", "startTime": MOVIES_NOW as i64 - 3600, "endTime": MOVIES_NOW as i64,
        // The Python SDK writes the older `http.status_code`.
        "queryString": "filter kind = \"SERVER\" and coalesce(`attributes.http.response.status_code`, `attributes.http.status_code`) = 500 \
            | stats count(*) as n by `resource.attributes.service.name` as service",
    });
    let id = logs(&emulator, "StartQuery", query).expect("starts")["queryId"].clone();
    let results = logs(&emulator, "GetQueryResults", json!({"queryId": id})).expect("results");
    assert_eq!(results["status"], "Complete");
    assert_eq!(
        results["results"],
        json!([[{"field": "service", "value": "movies_app"}, {"field": "n", "value": "4"}]])
    );
}
