//! Whole queries over a handful of span records: `check(query, rows)`.

use serde_json::{Value, json};

use super::{Scan, parse};
use crate::spans::{NewSpan, SpanOptions, SpanStore};

const SECOND: i64 = 1_000_000_000;

/// Three traces: `a` (root 200 with a 500 child), `b` (root 500), `c` (root 404), on two services.
fn store() -> SpanStore {
    let span = |trace: &str,
                id: &str,
                parent: Option<&str>,
                service: &str,
                start: i64,
                status: i64| {
        let mut record = json!({
            "traceId": trace, "spanId": id, "name": "GET /x", "kind": "SERVER",
            "startTimeUnixNano": start * SECOND, "endTimeUnixNano": start * SECOND + SECOND / 2, "durationNano": SECOND / 2,
            "resource": {"attributes": {"service.name": service}},
            "attributes": {"http.response.status_code": status, "http.request.method": "GET"},
        });
        if let (Some(parent), Some(object)) = (parent, record.as_object_mut()) {
            object.insert("parentSpanId".into(), json!(parent));
        }
        NewSpan {
            xray_trace_id: format!("1-{}-{}", &trace[..8], &trace[8..]),
            record,
        }
    };
    let trace = |c: char| c.to_string().repeat(32);
    let mut store = SpanStore::new(SpanOptions {
        retention_seconds: 1e9,
        max_spans: 100,
        max_bytes: usize::MAX,
    });
    let spans = vec![
        span(&trace('a'), "a1", None, "web", 10, 200),
        span(&trace('a'), "a2", Some("a1"), "db", 11, 500),
        span(&trace('b'), "b1", None, "web", 20, 500),
        span(&trace('c'), "c1", None, "api", 30, 404),
    ];
    store.insert("r", spans, Vec::new(), 0.0);
    store
}

fn rows(query: &str) -> Vec<Vec<(String, String)>> {
    let parsed = parse(query).unwrap_or_else(|e| panic!("{query}: {e:?}"));
    let scan = Scan::start(parsed, &store(), "r", 0, i64::MAX, 0.0);
    scan.output(scan.events(), 100).rows
}

fn check(query: &str, expect: Value) {
    let got: Vec<Value> = rows(query)
        .into_iter()
        .map(|row| {
            let object = row
                .into_iter()
                .filter(|(f, _)| f != "@ptr")
                .map(|(f, v)| (f, Value::String(v)));
            Value::Object(object.collect())
        })
        .collect();
    assert_eq!(Value::Array(got), expect, "{query}");
}

#[test]
fn check_queries() {
    check(
        "filter not ispresent(parentSpanId) | fields traceId, `attributes.http.response.status_code` as status | sort status desc",
        json!([{"traceId": "b".repeat(32), "status": "500"}, {"traceId": "c".repeat(32), "status": "404"}, {"traceId": "a".repeat(32), "status": "200"}]),
    );
    check(
        "stats count(*) as spans, max(`attributes.http.response.status_code`) as worst by traceId | sort traceId",
        json!([{"traceId": "a".repeat(32), "spans": "2", "worst": "500"}, {"traceId": "b".repeat(32), "spans": "1", "worst": "500"}, {"traceId": "c".repeat(32), "spans": "1", "worst": "404"}]),
    );
    check(
        "stats count(*) as n, count(parentSpanId) as children by `resource.attributes.service.name` as service | filter n > children | sort n desc, service",
        json!([{"service": "web", "n": "2", "children": "0"}, {"service": "api", "n": "1", "children": "0"}]),
    );
    check(
        "filter `resource.attributes.service.name` in [\"api\", \"db\"] | fields spanId | limit 1",
        json!([{"spanId": "c1"}]),
    );
    check(
        "parse `resource.attributes.service.name` /^(?<svc>w.*)$/ | stats count(svc) as webs, count(*) as all",
        json!([{"webs": "2", "all": "4"}]),
    );
    check(
        "filter durationNano >= 500000000 and name like \"GET\" | stats sum(durationNano) as total, avg(durationNano) as mean, count_distinct(traceId) as traces",
        json!([{"total": "2000000000", "mean": "500000000", "traces": "3"}]),
    );
    check(
        "filter spanId = \"a1\" | fields @timestamp",
        json!([{"@timestamp": "1970-01-01 00:00:10.000"}]),
    );
    check("filter spanId = \"zz\"", json!([]));
}

#[test]
fn results_grow_with_the_share_scanned() {
    let parsed = parse("stats count(*) as n").expect("parses");
    let scan = Scan::start(parsed, &store(), "r", 0, i64::MAX, 0.0);
    let count = |scanned: usize| {
        scan.output(scanned, 100)
            .rows
            .first()
            .map(|r| r[0].1.clone())
    };
    assert_eq!(count(0), None, "no rows before anything is scanned");
    assert_eq!(count(2).as_deref(), Some("2"));
    assert_eq!(count(4).as_deref(), Some("4"));
    let early = scan.output(1, 100);
    assert_eq!((early.records_scanned, early.records_matched), (1, 1));
    assert!(early.bytes_scanned > 100 && early.bytes_scanned < scan.output(4, 100).bytes_scanned);
    let window = Scan::start(
        parse("fields spanId").expect("parses"),
        &store(),
        "r",
        15_000,
        25_000,
        0.0,
    );
    assert_eq!(window.events(), 1, "only events of the window are scanned");
}

#[test]
fn check_refusals() {
    let check = |query: &str, span: (usize, usize)| {
        let error = parse(query)
            .err()
            .unwrap_or_else(|| panic!("{query} should be refused"));
        assert_eq!((error.start, error.end), span, "{query}: {}", error.message);
    };
    check("filter", (6, 6));
    check("fields a | frobnicate", (11, 21));
    check("stats median(x)", (6, 12));
    check("filter a = 1 | stats count(*) | stats count(*)", (32, 37));
    check("filter a like 5", (14, 15));
    check("filter nosuch(a)", (7, 13));
    check("parse @message \"a*\" as x", (15, 19));
    check("parse @message /(unnamed)/", (15, 26));
    check("limit 0", (6, 7));
    check(
        &format!("filter {}a{}", "(".repeat(70), ")".repeat(70)),
        (71, 72),
    );
}
