//! Helpers of the X-Ray tests: an emulator on a manual clock, calls through `XRay::handle`, and
//! segment documents written by hand so every expected number can be worked out on paper.
#![allow(dead_code)] // each test binary uses its own subset

use emulator::{Clock, Emulator, EmulatorConfig};
use serde_json::{Value, json};

/// The manual clock's start: 2025-06-15T15:06:40Z.
pub const NOW: f64 = 1_750_000_000.0;
pub const REGION: &str = "us-east-1";

pub fn emulator() -> Emulator {
    emulator_with(|_| {})
}

pub fn emulator_with(adjust: impl FnOnce(&mut EmulatorConfig)) -> Emulator {
    let mut config = EmulatorConfig {
        clock: Clock::manual(NOW),
        ..EmulatorConfig::default()
    };
    adjust(&mut config);
    Emulator::new(&config)
}

/// A read's body over the last `seconds` before [`NOW`], with `extra` members.
pub fn over_last(seconds: f64, extra: Value) -> Value {
    let mut body = json!({"StartTime": NOW - seconds, "EndTime": NOW});
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    body
}

/// An X-Ray call that must succeed.
pub fn call(emulator: &Emulator, path: &str, body: Value) -> Value {
    emulator
        .xray
        .handle(REGION, path, body.to_string().as_bytes())
        .unwrap_or_else(|e| panic!("{path} {body} failed: {e}"))
}

/// The error code and message of an X-Ray call that must fail.
pub fn call_error(emulator: &Emulator, path: &str, body: Value) -> (&'static str, String) {
    match emulator
        .xray
        .handle(REGION, path, body.to_string().as_bytes())
    {
        Ok(value) => panic!("{path} {body} should fail, answered {value}"),
        Err(e) => (e.code, e.message),
    }
}

pub fn put(emulator: &Emulator, documents: &[Value]) {
    let texts = documents.iter().map(Value::to_string).collect();
    let refused = emulator.xray.put_documents(REGION, texts);
    assert!(refused.is_empty(), "documents refused: {refused:?}");
}

/// A trace id whose timestamp is ten minutes before [`NOW`]; `n` tells traces apart.
pub fn trace_id(n: u32) -> String {
    format!("1-{:08x}-{n:024x}", NOW as u32 - 600)
}

/// A 16-hex-digit segment id.
pub fn id(n: u64) -> String {
    format!("{n:016x}")
}

/// An App Runner service's segment answering `status` after `duration` seconds.
pub fn segment(trace: &str, n: u64, name: &str, start: f64, duration: f64, status: u16) -> Value {
    let mut doc = json!({
        "id": id(n), "trace_id": trace, "name": name, "origin": "AWS::AppRunner::Service",
        "start_time": start, "end_time": start + duration,
        "http": {"request": {"method": "GET", "url": format!("https://{name}.example/items")}, "response": {"status": status}},
    });
    flag(&mut doc, status);
    doc
}

/// A DynamoDB call on `table`.
pub fn dynamo(n: u64, table: &str, start: f64, duration: f64, status: u16) -> Value {
    let mut doc = json!({
        "id": id(n), "name": "DynamoDB", "namespace": "aws", "start_time": start, "end_time": start + duration,
        "aws": {"operation": "GetItem", "table_name": table, "region": REGION, "request_id": "R1"},
        "http": {"response": {"status": status}},
    });
    flag(&mut doc, status);
    doc
}

/// A call to another service or API (`namespace: remote`).
pub fn remote(n: u64, name: &str, start: f64, duration: f64, status: u16) -> Value {
    let mut doc = json!({
        "id": id(n), "name": name, "namespace": "remote", "start_time": start, "end_time": start + duration,
        "http": {"request": {"method": "GET", "url": format!("https://{name}/"), "traced": true}, "response": {"status": status}},
    });
    flag(&mut doc, status);
    doc
}

pub fn with_exception(mut doc: Value, kind: &str, message: &str) -> Value {
    doc["cause"] =
        json!({"exceptions": [{"id": "e1e1e1e1e1e1e1e1", "type": kind, "message": message}]});
    doc
}

fn flag(doc: &mut Value, status: u16) {
    if (400..500).contains(&status) {
        doc["error"] = json!(true);
    }
    if status == 429 {
        doc["throttle"] = json!(true);
    }
    if status >= 500 {
        doc["fault"] = json!(true);
    }
}

/// The ids GetTraceSummaries returns for a filter over the last hour (every page).
pub fn matching_ids(
    emulator: &Emulator,
    filter: &str,
) -> Result<Vec<String>, (&'static str, String)> {
    let mut ids = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut body = over_last(3600.0, json!({ "FilterExpression": filter }));
        if let Some(token) = &token {
            body["NextToken"] = json!(token);
        }
        let page = emulator
            .xray
            .handle(REGION, "/TraceSummaries", body.to_string().as_bytes())
            .map_err(|e| (e.code, e.message))?;
        let summaries = page["TraceSummaries"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        ids.extend(
            summaries
                .iter()
                .filter_map(|s| s["Id"].as_str().map(str::to_owned)),
        );
        match page["NextToken"].as_str() {
            Some(next) => token = Some(next.to_owned()),
            None => return Ok(ids),
        }
    }
}
