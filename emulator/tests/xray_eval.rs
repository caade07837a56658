//! The filter evaluator, driven through GetTraceSummaries over five hand-written traces.

mod xray_support;

use emulator::Emulator;
use serde_json::{Value, json};
use xray_support::*;

const LABELS: [&str; 5] = ["ok_get", "fault", "throttle", "chain", "partial"];

/// Five traces, each labelled by what is special about it.
fn traces() -> Vec<Value> {
    let base = NOW - 500.0;
    let mut ok_get = segment(&trace_id(1), 0x11, "api", base, 0.1, 200);
    ok_get["http"]["request"]["url"] = json!("https://api.example/movies");
    ok_get["user"] = json!("alice");
    ok_get["annotations"] = json!({"gameid": "A1", "n": 5});
    ok_get["subsegments"] = json!([dynamo(0x12, "movies", base + 0.01, 0.05, 200)]);

    let mut fault = with_exception(
        segment(&trace_id(2), 0x21, "api", base + 10.0, 2.5, 500),
        "DynamoDbException",
        "boom",
    );
    fault["http"]["request"] = json!({"method": "POST", "url": "https://api.example/movies"});
    let failed_call = with_exception(
        dynamo(0x22, "movies", base + 10.1, 2.0, 500),
        "InternalServerError",
        "boom",
    );
    fault["subsegments"] = json!([failed_call]);

    let mut throttle = segment(&trace_id(3), 0x31, "api", base + 20.0, 0.2, 429);
    throttle["user"] = json!("bob");

    let mut chain_root = segment(&trace_id(4), 0x41, "api", base + 30.0, 1.0, 200);
    chain_root["subsegments"] = json!([remote(0x42, "payments", base + 30.1, 0.5, 404)]);
    let mut chain_callee = segment(&trace_id(4), 0x43, "payments", base + 30.11, 0.45, 404);
    chain_callee["parent_id"] = json!(id(0x42));
    chain_callee["subsegments"] =
        json!([remote(0x44, "api.payments.example", base + 30.2, 0.1, 200)]);

    let mut partial = segment(&trace_id(5), 0x51, "api", base + 40.0, 0.0, 200);
    partial.as_object_mut().map(|o| o.remove("end_time"));
    partial["in_progress"] = json!(true);
    vec![ok_get, fault, throttle, chain_root, chain_callee, partial]
}

fn loaded() -> Emulator {
    let emulator = emulator();
    put(&emulator, &traces());
    call(
        &emulator,
        "/CreateGroup",
        json!({"GroupName": "faulty", "FilterExpression": "fault"}),
    );
    emulator
}

fn label(trace: &str) -> &'static str {
    let n = (1..=5)
        .find(|n| trace_id(*n) == trace)
        .expect("a known trace id");
    LABELS[n as usize - 1]
}

#[test]
fn check_filters() {
    let emulator = loaded();
    let check = |expr: &str, expect: &[&str]| {
        let ids = matching_ids(&emulator, expr).unwrap_or_else(|e| panic!("{expr}: {e:?}"));
        let mut got: Vec<&str> = ids.iter().map(|id| label(id)).collect();
        got.sort_unstable();
        let mut expect = expect.to_vec();
        expect.sort_unstable();
        assert_eq!(got, expect, "filter {expr}");
    };
    let all = LABELS.as_slice();
    check("ok", &["ok_get", "chain", "partial"]);
    check("fault", &["fault"]);
    check("error", &["throttle"]);
    check("throttle", &["throttle"]);
    check("http.status = 500", &["fault"]);
    check("http.status >= 400", &["fault", "throttle"]);
    check("responsetime > 2", &["fault"]);
    check("duration >= 1", &["fault", "chain"]);
    check(r#"http.method = "POST""#, &["fault"]);
    check(r#"http.url CONTAINS "/movies""#, &["ok_get", "fault"]);
    check(
        r#"http.url ENDSWITH "/items""#,
        &["throttle", "chain", "partial"],
    );
    check(r#"user = "alice""#, &["ok_get"]);
    check("user", &["ok_get", "throttle"]);
    check(
        r#"user != "alice""#,
        &["fault", "throttle", "chain", "partial"],
    );
    check(r#"annotation.gameid = "A1""#, &["ok_get"]);
    check("annotation.n > 3", &["ok_get"]);
    check("annotation.n > 5", &[]);
    check(
        "!annotation.gameid",
        &["fault", "throttle", "chain", "partial"],
    );
    check(r#"service("payments")"#, &["chain"]);
    check(r#"service("payments") { error }"#, &["chain"]);
    check(r#"service("payments") { fault }"#, &[]);
    check(
        r#"service(id(name: "movies", type: "AWS::DynamoDB::Table")) { fault }"#,
        &["fault"],
    );
    check(
        r#"service(id(type: "AWS::DynamoDB::Table")) { responsetime < 1 }"#,
        &["ok_get"],
    );
    check(r#"service("api.payments.example")"#, &["chain"]);
    check("service() { fault }", &["fault"]);
    check(r#"edge("api", "payments")"#, &["chain"]);
    check(r#"edge("api", "movies") { fault }"#, &["fault"]);
    check(r#"edge("client", "api")"#, all);
    check("partial", &["partial"]);
    check("!partial AND ok", &["ok_get", "chain"]);
    check(
        "ok OR throttle",
        &["ok_get", "throttle", "chain", "partial"],
    );
    check(r#"rootcause.fault.service { name = "movies" }"#, &["fault"]);
    check(
        r#"rootcause.fault.service { type = "AWS::DynamoDB::Table" }"#,
        &["fault"],
    );
    check(
        r#"rootcause.fault.exception { name = "InternalServerError" }"#,
        &["fault"],
    );
    check(
        r#"rootcause.fault.exception { message CONTAINS "boom" }"#,
        &["fault"],
    );
    check("rootcause.fault.entity { remote }", &["fault"]);
    check(
        r#"rootcause.error.service { name = "payments" }"#,
        &["chain"],
    );
    check(r#"rootcause.error.service { name = "api" }"#, &["throttle"]);
    check(r#"name = "api""#, all);
    check("inferred", &["ok_get", "fault", "chain"]);
    check(r#"group.name = "faulty""#, &["fault"]);
    check(
        r#"group.name = "faulty" OR user = "bob""#,
        &["fault", "throttle"],
    );
}

#[test]
fn check_refused_filters() {
    let emulator = loaded();
    let check = |expr: &str, says: &str| {
        let (code, message) = matching_ids(&emulator, expr).expect_err(expr);
        assert_eq!(code, "InvalidRequestException", "{expr}");
        assert!(
            message.contains(says),
            "{expr}: {message:?} should mention {says:?}"
        );
    };
    check("responsetime >", "expected");
    check("service(", "expected");
    check(
        r#"rootcause.responsetime.service { name = "api" }"#,
        "does not support",
    );
    check("rootcause.fault.service { first }", "does not support");
    check(
        r#"rootcause.json = #[{"Services": []}]"#,
        "does not support",
    );
    check(r#"group.name = "nope""#, "not found");
}
