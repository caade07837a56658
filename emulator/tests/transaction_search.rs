//! Transaction Search in the emulator, called through `XRay::handle` and `Logs::handle` on a
//! manual clock: the destination's PENDING → ACTIVE, the indexing rule, every span in
//! `aws/spans` with only the indexed share on the X-Ray side, and trace retrieval's states.

mod xray_support;

use emulator::faults::RetrievalEnd;
use emulator::{Emulator, FaultConfig};
use serde_json::{Value, json};
use xray_support::{NOW, call, call_error, dynamo, emulator_with, put, segment, trace_id};

fn transaction_search(percent: f64) -> Emulator {
    emulator_with(|c| {
        c.transaction_search = Some(percent);
        c.async_seconds = 4.0;
    })
}

/// 200 traces of a segment and a DynamoDB call each, ending five minutes before now.
fn put_traces(emulator: &Emulator) -> Vec<String> {
    let ids: Vec<String> = (0..200).map(trace_id).collect();
    for (n, id) in ids.iter().enumerate() {
        let start = NOW - 300.0 + n as f64;
        let mut root = segment(
            id,
            2 * n as u64 + 1,
            "api",
            start,
            0.5,
            if n % 10 == 0 { 500 } else { 200 },
        );
        root["subsegments"] = json!([dynamo(2 * n as u64 + 2, "items", start + 0.1, 0.2, 200)]);
        put(emulator, &[root]);
    }
    ids
}

fn window() -> Value {
    json!({"StartTime": NOW - 3600.0, "EndTime": NOW})
}

#[test]
fn the_destination_is_pending_for_a_while_then_active() {
    let emulator = emulator_with(|c| c.async_seconds = 10.0);
    let got = call(&emulator, "/GetTraceSegmentDestination", json!({}));
    assert_eq!(got, json!({"Destination": "XRay", "Status": "ACTIVE"}));
    let changed = call(
        &emulator,
        "/UpdateTraceSegmentDestination",
        json!({"Destination": "CloudWatchLogs"}),
    );
    assert_eq!(
        changed,
        json!({"Destination": "CloudWatchLogs", "Status": "PENDING"})
    );
    // Until it is ACTIVE, segments still go to X-Ray alone.
    put_traces(&emulator);
    assert_eq!(emulator.spans.stored().spans, 0);
    assert_eq!(emulator.xray.stored().traces, 200);
    emulator.clock.advance(10.0);
    let got = call(&emulator, "/GetTraceSegmentDestination", json!({}));
    assert_eq!(
        got,
        json!({"Destination": "CloudWatchLogs", "Status": "ACTIVE"})
    );
    let (code, _) = call_error(
        &emulator,
        "/UpdateTraceSegmentDestination",
        json!({"Destination": "S3"}),
    );
    assert_eq!(code, "InvalidRequestException");
    let (code, _) = call_error(&emulator, "/UpdateTraceSegmentDestination", json!({}));
    assert_eq!(code, "InvalidRequestException");
}

#[test]
fn the_indexing_rule_is_read_and_changed() {
    let emulator = transaction_search(1.0);
    let rules = call(&emulator, "/GetIndexingRules", json!({}));
    let rule = &rules["IndexingRules"][0];
    assert_eq!(rule["Name"], "Default");
    assert_eq!(
        rule["Rule"]["Probabilistic"]["DesiredSamplingPercentage"],
        1.0
    );
    let update =
        json!({"Name": "Default", "Rule": {"Probabilistic": {"DesiredSamplingPercentage": 25}}});
    let changed = call(&emulator, "/UpdateIndexingRule", update);
    assert_eq!(
        changed["IndexingRule"]["Rule"]["Probabilistic"]["ActualSamplingPercentage"],
        25.0
    );
    let unknown =
        json!({"Name": "Other", "Rule": {"Probabilistic": {"DesiredSamplingPercentage": 5}}});
    assert_eq!(
        call_error(&emulator, "/UpdateIndexingRule", unknown).0,
        "ResourceNotFoundException"
    );
    let bad =
        json!({"Name": "Default", "Rule": {"Probabilistic": {"DesiredSamplingPercentage": 150}}});
    assert_eq!(
        call_error(&emulator, "/UpdateIndexingRule", bad).0,
        "InvalidRequestException"
    );
}

#[test]
fn every_span_is_kept_and_only_indexed_traces_reach_x_ray() {
    let emulator = transaction_search(10.0);
    let ids = put_traces(&emulator);
    assert_eq!(
        emulator.spans.stored().spans,
        400,
        "a segment and its subsegment: two spans a trace"
    );
    assert_eq!(emulator.spans.stored().traces, 200);
    let summaries = call(&emulator, "/TraceSummaries", window());
    let indexed: Vec<&str> = summaries["TraceSummaries"]
        .as_array()
        .map(|s| s.iter().filter_map(|t| t["Id"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        (5..=40).contains(&indexed.len()),
        "about 10 % of 200: {}",
        indexed.len()
    );
    assert_eq!(emulator.xray.stored().traces, indexed.len());
    for id in &ids {
        let got = call(&emulator, "/Traces", json!({"TraceIds": [id]}));
        let found = got["Traces"].as_array().is_some_and(|t| !t.is_empty());
        assert_eq!(
            found,
            indexed.contains(&id.as_str()),
            "{id}: BatchGetTraces sees the indexed share"
        );
    }
    let graph = call(&emulator, "/ServiceGraph", window());
    let api = graph["Services"]
        .as_array()
        .and_then(|s| s.iter().find(|n| n["Name"] == "api"))
        .cloned();
    let count = api.map(|n| n["SummaryStatistics"]["TotalCount"].clone());
    assert_eq!(count, Some(json!(indexed.len())));
}

fn retrieve(emulator: &Emulator, ids: &[String]) -> String {
    let started = call(
        emulator,
        "/StartTraceRetrieval",
        json!({"TraceIds": ids, "StartTime": NOW - 3600.0, "EndTime": NOW}),
    );
    started["RetrievalToken"]
        .as_str()
        .expect("a token")
        .to_owned()
}

#[test]
fn a_trace_x_ray_did_not_index_is_retrieved_whole() {
    let emulator = transaction_search(0.0);
    let ids = put_traces(&emulator);
    assert_eq!(emulator.xray.stored().traces, 0);
    let token = retrieve(&emulator, &ids[..3]);
    let list = |format: &str| {
        call(
            &emulator,
            "/ListRetrievedTraces",
            json!({"RetrievalToken": token, "TraceFormat": format}),
        )
    };
    assert_eq!(list("XRAY"), json!({"RetrievalStatus": "SCHEDULED"}));
    emulator.clock.advance(1.0);
    assert_eq!(list("XRAY"), json!({"RetrievalStatus": "RUNNING"}));
    let graph = call(
        &emulator,
        "/GetRetrievedTracesGraph",
        json!({"RetrievalToken": token}),
    );
    assert_eq!(graph, json!({"RetrievalStatus": "RUNNING"}));
    emulator.clock.advance(3.0);
    let done = list("XRAY");
    assert_eq!(done["RetrievalStatus"], "COMPLETE");
    assert_eq!(done["TraceFormat"], "XRAY");
    let traces = done["Traces"].as_array().expect("traces");
    let got: Vec<&str> = traces.iter().filter_map(|t| t["Id"].as_str()).collect();
    assert_eq!(got.len(), 3);
    assert!(ids[..3].iter().all(|id| got.contains(&id.as_str())));
    let document: Value =
        serde_json::from_str(traces[0]["Spans"][0]["Document"].as_str().unwrap_or("{}"))
            .expect("json");
    assert_eq!(
        document["name"], "api",
        "XRAY: the segment documents as sent"
    );
    assert_eq!(traces[0]["Duration"], 0.5);
    let otel = list("OTEL");
    let span: Value = serde_json::from_str(
        otel["Traces"][0]["Spans"][0]["Document"]
            .as_str()
            .unwrap_or("{}"),
    )
    .expect("json");
    assert_eq!(span["kind"], "SERVER", "OTEL: the span records");
    assert_eq!(otel["Traces"][0]["Spans"].as_array().map(Vec::len), Some(2));
    let graph = call(
        &emulator,
        "/GetRetrievedTracesGraph",
        json!({"RetrievalToken": token}),
    );
    let names: Vec<&str> = graph["Services"]
        .as_array()
        .expect("services")
        .iter()
        .filter_map(|s| s["Service"]["Name"].as_str())
        .collect();
    assert!(
        names.contains(&"api") && names.contains(&"items") && names.contains(&"client"),
        "{names:?}"
    );
}

#[test]
fn retrievals_page_and_can_be_cancelled_fail_or_time_out() {
    let emulator = transaction_search(0.0);
    let ids = put_traces(&emulator);
    let token = retrieve(&emulator, &ids[..12]);
    emulator.clock.advance(4.0);
    let first = call(
        &emulator,
        "/ListRetrievedTraces",
        json!({"RetrievalToken": token}),
    );
    assert_eq!(
        first["Traces"].as_array().map(Vec::len),
        Some(5),
        "five traces a page"
    );
    let next = first["NextToken"].clone();
    let second = call(
        &emulator,
        "/ListRetrievedTraces",
        json!({"RetrievalToken": token, "NextToken": next}),
    );
    assert_eq!(second["Traces"].as_array().map(Vec::len), Some(5));

    let cancelled = retrieve(&emulator, &ids[..1]);
    assert_eq!(
        call(
            &emulator,
            "/CancelTraceRetrieval",
            json!({"RetrievalToken": cancelled})
        ),
        json!({})
    );
    emulator.clock.advance(4.0);
    let got = call(
        &emulator,
        "/ListRetrievedTraces",
        json!({"RetrievalToken": cancelled}),
    );
    assert_eq!(got, json!({"RetrievalStatus": "CANCELLED"}));

    for (end, status) in [
        (RetrievalEnd::Failed, "FAILED"),
        (RetrievalEnd::Timeout, "TIMEOUT"),
    ] {
        emulator.faults.set(FaultConfig {
            retrieval_end: end,
            ..FaultConfig::default()
        });
        let token = retrieve(&emulator, &ids[..1]);
        emulator.clock.advance(4.0);
        let got = call(
            &emulator,
            "/ListRetrievedTraces",
            json!({"RetrievalToken": token}),
        );
        assert_eq!(got, json!({"RetrievalStatus": status}));
    }
    let unknown = json!({"RetrievalToken": "rt-nope"});
    assert_eq!(
        call_error(&emulator, "/ListRetrievedTraces", unknown.clone()).0,
        "ResourceNotFoundException"
    );
    assert_eq!(
        call_error(&emulator, "/CancelTraceRetrieval", unknown).0,
        "ResourceNotFoundException"
    );
    let too_many =
        json!({"TraceIds": vec![ids[0].clone(); 101], "StartTime": NOW - 60.0, "EndTime": NOW});
    assert_eq!(
        call_error(&emulator, "/StartTraceRetrieval", too_many).0,
        "InvalidRequestException"
    );
}

#[test]
fn retrieval_needs_transaction_search() {
    let emulator = emulator_with(|_| {});
    let start = json!({"TraceIds": [trace_id(1)], "StartTime": NOW - 60.0, "EndTime": NOW});
    let (code, message) = call_error(&emulator, "/StartTraceRetrieval", start);
    assert_eq!(code, "InvalidRequestException");
    assert!(message.contains("CloudWatchLogs"), "{message}");
}
