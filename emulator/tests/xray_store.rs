//! PutTraceSegments validation, BatchGetTraces, retention, the segment cap and fault injection.

mod xray_support;

use emulator::FaultConfig;
use serde_json::{Value, json};
use xray_support::*;

fn put_texts(emulator: &emulator::Emulator, documents: Vec<String>) -> Value {
    call(
        emulator,
        "/TraceSegments",
        json!({ "TraceSegmentDocuments": documents }),
    )
}

fn fetch(emulator: &emulator::Emulator, ids: &[String]) -> Value {
    call(emulator, "/Traces", json!({ "TraceIds": ids }))
}

#[test]
fn put_reports_each_refused_document_and_stores_the_rest() {
    let emulator = emulator();
    let good = segment(&trace_id(1), 1, "api", NOW - 10.0, 0.5, 200).to_string();
    let mut no_end = segment(&trace_id(1), 2, "api", NOW - 10.0, 0.5, 200);
    no_end.as_object_mut().map(|o| o.remove("end_time"));
    let bad_trace = segment("1-zz-0", 3, "api", NOW - 10.0, 0.5, 200).to_string();
    let answer = put_texts(
        &emulator,
        vec![good.clone(), no_end.to_string(), bad_trace, "{oops".into()],
    );
    let refused: Vec<(&str, &str)> = answer["UnprocessedTraceSegments"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|u| {
            (
                u["Id"].as_str().unwrap_or_default(),
                u["ErrorCode"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    let expect = [
        (id(2), "MissingEndTime"),
        (id(3), "InvalidTraceId"),
        (String::new(), "InvalidJson"),
    ];
    assert_eq!(
        refused,
        expect
            .iter()
            .map(|(i, c)| (i.as_str(), *c))
            .collect::<Vec<_>>()
    );
    let traces = fetch(&emulator, &[trace_id(1), trace_id(9)]);
    assert_eq!(
        traces["Traces"][0]["Segments"][0]["Document"], good,
        "documents come back as sent"
    );
    assert_eq!(traces["UnprocessedTraceIds"], json!([trace_id(9)]));
    assert_eq!(
        call_error(&emulator, "/TraceSegments", json!({})).0,
        "InvalidRequestException"
    );
}

#[test]
fn a_resent_segment_replaces_the_earlier_version() {
    let emulator = emulator();
    let mut open = segment(&trace_id(1), 1, "api", NOW - 10.0, 0.5, 200);
    open.as_object_mut().map(|o| o.remove("end_time"));
    open["in_progress"] = json!(true);
    put(
        &emulator,
        &[open, segment(&trace_id(1), 1, "api", NOW - 10.0, 0.5, 200)],
    );
    let trace = &fetch(&emulator, &[trace_id(1)])["Traces"][0];
    assert_eq!(trace["Segments"].as_array().map(Vec::len), Some(1));
    assert_eq!(emulator.xray.stored().segments, 1);
}

#[test]
fn batch_get_takes_one_to_five_ids() {
    let emulator = emulator();
    let check = |count: usize, expect: Option<&str>| {
        let ids: Vec<String> = (0..count).map(|n| trace_id(n as u32)).collect();
        let got = emulator
            .xray
            .handle(
                REGION,
                "/Traces",
                json!({ "TraceIds": ids }).to_string().as_bytes(),
            )
            .err()
            .map(|e| e.code);
        assert_eq!(got, expect, "{count} ids");
    };
    check(0, Some("InvalidRequestException"));
    check(1, None);
    check(5, None);
    check(6, Some("InvalidRequestException"));
}

/// Trace `n`: a service and the one it called.
fn two_segments(n: u32) -> Vec<Value> {
    let mut callee = segment(
        &trace_id(n),
        u64::from(n) * 16 + 1,
        "b",
        NOW - 5.0,
        0.1,
        200,
    );
    callee["parent_id"] = json!(id(u64::from(n) * 16));
    vec![
        segment(&trace_id(n), u64::from(n) * 16, "a", NOW - 5.0, 0.2, 200),
        callee,
    ]
}

#[test]
fn the_byte_cap_drops_whole_traces_oldest_first() {
    // What the store holds after traces 1 and 2 (strings shared by both counted once).
    let probe = emulator();
    put(&probe, &two_segments(1));
    put(&probe, &two_segments(2));
    let two_traces = probe.xray.stored().bytes;
    assert!(two_traces > 0);
    let emulator = emulator_with(|c| c.max_segment_bytes = two_traces);
    for n in 1..=3 {
        put(&emulator, &two_segments(n));
    }
    let stored = emulator.xray.stored();
    assert!(stored.bytes <= two_traces, "{stored:?} over {two_traces}");
    assert_eq!((stored.traces, stored.segments), (2, 4));
    let answer = fetch(&emulator, &[trace_id(1), trace_id(2), trace_id(3)]);
    assert_eq!(answer["UnprocessedTraceIds"], json!([trace_id(1)]));
    let kept: Vec<usize> = answer["Traces"]
        .as_array()
        .expect("traces")
        .iter()
        .map(|t| t["Segments"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(kept, [2, 2], "the traces kept are whole");
}

#[test]
fn old_traces_expire_and_the_cap_drops_the_oldest_first() {
    let emulator = emulator_with(|c| {
        c.retention_seconds = 3600.0;
        c.max_segments = 4;
    });
    let two_segments = |n: u32| {
        let mut callee = segment(
            &trace_id(n),
            u64::from(n) * 16 + 1,
            "b",
            NOW - 5.0,
            0.1,
            200,
        );
        callee["parent_id"] = json!(id(u64::from(n) * 16));
        vec![
            segment(&trace_id(n), u64::from(n) * 16, "a", NOW - 5.0, 0.2, 200),
            callee,
        ]
    };
    put(&emulator, &two_segments(1));
    put(&emulator, &two_segments(2));
    put(&emulator, &two_segments(3));
    let answer = fetch(&emulator, &[trace_id(1), trace_id(2), trace_id(3)]);
    assert_eq!(
        answer["UnprocessedTraceIds"],
        json!([trace_id(1)]),
        "the oldest trace made room"
    );
    assert_eq!(emulator.xray.stored().segments, 4);

    emulator.clock.advance(3601.0);
    put(
        &emulator,
        &[segment(
            &format!("1-{:08x}-{:024x}", (NOW + 3600.0) as u32, 7),
            0x70,
            "a",
            NOW + 3600.0,
            0.1,
            200,
        )],
    );
    assert_eq!(
        emulator.xray.stored().traces,
        1,
        "traces stored an hour ago expired"
    );
}

#[test]
fn faults_truncate_and_corrupt_batch_get_traces() {
    let emulator = emulator();
    let documents: Vec<Value> = (1..=4)
        .map(|n| segment(&trace_id(1), n, &format!("s{n}"), NOW - 5.0, 0.1, 200))
        .collect();
    put(&emulator, &documents);
    emulator.faults.set(FaultConfig {
        truncate_traces: true,
        ..FaultConfig::default()
    });
    let trace = &fetch(&emulator, &[trace_id(1)])["Traces"][0];
    assert_eq!(trace["LimitExceeded"], true);
    assert_eq!(trace["Segments"].as_array().map(Vec::len), Some(2));

    emulator.faults.set(FaultConfig {
        corrupt_documents: true,
        ..FaultConfig::default()
    });
    let trace = &fetch(&emulator, &[trace_id(1)])["Traces"][0];
    let unreadable = trace["Segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| {
            serde_json::from_str::<Value>(s["Document"].as_str().unwrap_or_default()).is_err()
        })
        .count();
    assert_eq!(
        unreadable, 2,
        "every third document (the 1st and 4th) is cut"
    );
}
