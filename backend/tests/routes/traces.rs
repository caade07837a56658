use axum::body::Body;
use axum::http::{Method, StatusCode};
use emulator::{FaultConfig, ScenarioName};
use serde_json::{Value, json};
use shared::api::TraceDetail;
use shared::api::compact_trace::MEDIA_TYPE;

use crate::common::{Answer, Harness, NOW};

/// `%`-encodes a query value (the filter expressions have spaces, quotes and `=`).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The trace list of the last `window` for `filter`.
fn matching(filter: &str, window: &str) -> String {
    format!("/api/v1/traces?window={window}&filter={}", encode(filter))
}

fn ids(page: &Value) -> Vec<String> {
    page["traces"]
        .as_array()
        .expect("traces")
        .iter()
        .filter_map(|t| t["id"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn summaries_page_with_a_cursor_and_say_when_more_are_available() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let first = harness.ok("/api/v1/traces?window=30m").await;
    let first_ids = ids(&first);
    assert!(!first_ids.is_empty());
    assert!(first["processed"].as_u64() >= Some(first_ids.len() as u64));
    // 30 minutes at half a trace per second is far more than one page.
    assert_eq!(first["more_available"], true);
    let cursor = first["next_cursor"].as_str().expect("a cursor");

    let second = harness
        .get(&format!(
            "/api/v1/traces?window=30m&cursor={}",
            encode(cursor)
        ))
        .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    let second_ids = ids(&second.body);
    assert!(!second_ids.is_empty());
    assert!(
        second_ids.iter().all(|id| !first_ids.contains(id)),
        "pages do not overlap"
    );
}

/// Every page of `uri` (a first page), following the cursors: all the ids the list can reach.
async fn every_id(harness: &Harness, uri: &str) -> Vec<String> {
    let mut page = harness.ok(uri).await;
    let mut all = ids(&page);
    while let Some(cursor) = page["next_cursor"].as_str() {
        page = harness
            .ok(&format!("{uri}&cursor={}", encode(cursor)))
            .await;
        all.extend(ids(&page));
    }
    all
}

#[tokio::test]
async fn an_overview_covers_every_matching_trace_of_the_window() {
    let harness = Harness::start(ScenarioName::Movies).await;
    for filter in ["", "http.status = 500"] {
        let uri = matching(filter, "30m");
        let reachable = every_id(&harness, &uri).await;
        let answer = harness.ok(&format!("{uri}&overview=1")).await;
        let overview = &answer["overview"];
        let points: Vec<&str> = overview["points"]
            .as_array()
            .expect("points")
            .iter()
            .filter_map(|p| p["id"].as_str())
            .collect();
        assert_eq!(overview["complete"], true, "{filter:?}");
        // The list is still one page, and the overview is all of them, in the same order.
        assert_eq!(ids(&answer).len(), ids(&harness.ok(&uri).await).len());
        if filter.is_empty() {
            assert!(points.len() > ids(&answer).len(), "one page only");
        }
        assert_eq!(points, reachable, "{filter:?}");
        let oldest = overview["points"]
            .as_array()
            .expect("points")
            .iter()
            .filter_map(|p| p["at"].as_f64())
            .fold(f64::INFINITY, f64::min);
        assert_eq!(overview["covered_from"].as_f64(), Some(oldest));
    }
    // Without the parameter, or on a cursor's page, there is none.
    let plain = harness.ok("/api/v1/traces?window=30m").await;
    assert!(plain.get("overview").is_none());
    let cursor = plain["next_cursor"].as_str().expect("a cursor");
    let next = harness
        .ok(&format!(
            "/api/v1/traces?window=30m&overview=1&cursor={}",
            encode(cursor)
        ))
        .await;
    assert!(next.get("overview").is_none());
    let refused = harness.get("/api/v1/traces?overview=yes").await;
    assert_eq!(refused.refusal(), (StatusCode::BAD_REQUEST, "bad_request"));
}

#[tokio::test]
async fn a_cursor_cannot_widen_the_query() {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    let harness = Harness::start(ScenarioName::Movies).await;
    let first = harness.ok("/api/v1/traces?window=30m").await;
    let cursor = first["next_cursor"].as_str().expect("a cursor");
    // The body rewritten to 31 days, with the signature it had and without one.
    let (body, tag) = cursor.split_once('.').expect("a signed cursor");
    let json = URL_SAFE_NO_PAD.decode(body).expect("base64");
    let mut fields: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    fields["s"] = json!(fields["e"].as_i64().unwrap_or_default() - 31 * 86_400);
    let wider = URL_SAFE_NO_PAD.encode(fields.to_string());
    // One the server signed itself (as a replica with the same key could), but with a window no
    // first page could have: checked like any window.
    let range = backend::aws::TimeRange {
        start: NOW as i64 - 31 * 86_400,
        end: NOW as i64,
    };
    let signed_wide = backend::cursor::Cursor::new(range, None, "token".into()).encode();
    let check = |c: String| format!("/api/v1/traces?window=30m&cursor={}", encode(&c));
    harness
        .check_refusals(&[
            (
                check(format!("{wider}.{tag}")),
                (StatusCode::BAD_REQUEST, "bad_request"),
            ),
            (
                check(wider.clone()),
                (StatusCode::BAD_REQUEST, "bad_request"),
            ),
            (
                check(signed_wide),
                (StatusCode::BAD_REQUEST, "invalid_window"),
            ),
        ])
        .await;
}

#[tokio::test]
async fn the_filter_is_applied_in_its_canonical_form() {
    let harness = Harness::start(ScenarioName::Movies).await;
    // Upper-case keyword and operator spacing as a person types them.
    let answer = harness.ok(&matching("HTTP.STATUS=500", "30m")).await;
    let traces = answer["traces"].as_array().expect("traces");
    assert!(!traces.is_empty(), "movies answers some requests with 500");
    assert!(
        traces
            .iter()
            .all(|t| t["http"]["status"] == 500 && t["has_fault"] == true)
    );
}

#[tokio::test]
async fn a_bad_filter_is_refused_with_its_position() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let uri = format!("/api/v1/traces?filter={}", encode("ok AND responsetime >"));
    let answer = harness.get(&uri).await;
    assert_eq!(
        answer.refusal(),
        (StatusCode::BAD_REQUEST, "invalid_filter")
    );
    assert_eq!(answer.body["detail"]["kind"], "filter_position");
    assert_eq!(answer.body["detail"]["offset"], 21, "{}", answer.body);
    assert!(
        answer.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("column 22"))
    );
}

#[tokio::test]
async fn one_trace_is_assembled_into_a_tree() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let list = harness.get("/api/v1/traces?window=15m").await;
    let id = ids(&list.body).into_iter().next().expect("a trace");
    let answer = harness
        .ok(&format!("/api/v1/traces/{id}?region=us-east-1"))
        .await;
    assert_eq!(answer["id"], id.as_str());
    assert_eq!(answer["partial"], false);
    assert_eq!(answer["problems"], json!([]));
    let spans = answer["trace"]["spans"].as_array().expect("spans");
    assert!(
        spans.len() >= 2,
        "a request and its DynamoDB call: {}",
        spans.len()
    );
    assert_eq!(answer["trace"]["roots"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn a_trace_is_json_unless_its_compact_form_is_asked_for() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let list = harness.get("/api/v1/traces?window=15m").await;
    let id = ids(&list.body).into_iter().next().expect("a trace");
    let uri = format!("/api/v1/traces/{id}");
    let ask = async |accept: &str, encoding: &str| {
        let headers: Vec<(&str, &str)> = [("accept", accept), ("accept-encoding", encoding)]
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .collect();
        harness
            .request(Method::GET, &uri, Body::empty(), &headers)
            .await
    };
    let json = ask("", "").await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    let header = |answer: &Answer, name: &str| {
        answer
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header(&json, "content-type"), "application/json");
    assert_eq!(header(&json, "vary"), "accept, accept-encoding");
    let expected: TraceDetail = serde_json::from_slice(&json.raw).expect("a trace as JSON");

    // Asked for, the compact form carries the same trace, read by the browser's own decoder.
    let compact = ask(MEDIA_TYPE, "").await;
    assert_eq!(compact.status, StatusCode::OK);
    assert_eq!(header(&compact, "content-type"), MEDIA_TYPE);
    assert_eq!(header(&compact, "vary"), "accept, accept-encoding");
    assert!(
        compact.raw.len() < json.raw.len(),
        "{} bytes, JSON {}",
        compact.raw.len(),
        json.raw.len()
    );
    assert_eq!(
        decode::trace_detail(&compact.raw).expect("decodes"),
        expected
    );

    // Compressed like JSON when asked for (and worth it: a small trace is sent as it is).
    let brotli = ask(MEDIA_TYPE, "br").await;
    let mut plain = Vec::new();
    match header(&brotli, "content-encoding").as_str() {
        "br" => brotli::BrotliDecompress(&mut brotli.raw.as_slice(), &mut plain).expect("brotli"),
        "" => plain.clone_from(&brotli.raw),
        other => panic!("content-encoding {other}"),
    }
    assert_eq!(plain, compact.raw);

    // JSON for every other client: JSON preferred, the form refused, or an Accept that is not one.
    for accept in [
        "application/json",
        "*/*",
        &format!("{MEDIA_TYPE};q=0.4, application/json"),
        &format!("{MEDIA_TYPE};q=0"),
        &format!("{MEDIA_TYPE};q=high"),
        "application/vnd.runtrace.trace.v0+postcard",
        ";;, ,;q=",
    ] {
        let answer = harness
            .request(Method::GET, &uri, Body::empty(), &[("accept", accept)])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{accept}: {}", answer.body);
        assert_eq!(
            header(&answer, "content-type"),
            "application/json",
            "{accept}"
        );
        assert_eq!(answer.raw, json.raw, "{accept}");
    }

    // A refusal is JSON whatever was asked for.
    let refused = harness
        .request(
            Method::GET,
            "/api/v1/traces/1-zz",
            Body::empty(),
            &[("accept", MEDIA_TYPE)],
        )
        .await;
    assert_eq!(refused.refusal(), (StatusCode::BAD_REQUEST, "bad_request"));
}

#[tokio::test]
async fn documents_are_served_alone_and_as_an_x_ray_export() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let list = harness.get("/api/v1/traces?window=15m").await;
    let id = ids(&list.body).into_iter().next().expect("a trace");
    let trace = harness.get(&format!("/api/v1/traces/{id}")).await;
    assert!(
        trace.body["trace"].get("documents").is_none(),
        "the trace is sent without its documents"
    );
    let root = &trace.body["trace"]["spans"][0];
    let index = root["document"].as_u64().expect("a document index");

    let document = harness
        .ok(&format!("/api/v1/traces/{id}/documents/{index}"))
        .await;
    let text = document["document"].as_str().expect("document text");
    let parsed: Value = serde_json::from_str(text).expect("X-Ray's JSON");
    assert_eq!(parsed["id"], root["id"]);
    assert_eq!(parsed["trace_id"], id.as_str());

    let export = harness.get(&format!("/api/v1/traces/{id}/export")).await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.body);
    let exported = &export.body["Traces"][0];
    assert_eq!(exported["Id"], id.as_str());
    let segments = exported["Segments"].as_array().expect("segments");
    assert!(
        segments
            .iter()
            .any(|s| s["Document"] == text && s["Id"] == root["id"])
    );

    // Bad input changes nothing and says what is wrong.
    let bad = (StatusCode::BAD_REQUEST, "bad_request");
    harness
        .check_refusals(&[
            (
                format!("/api/v1/traces/{id}/documents/999999"),
                (StatusCode::NOT_FOUND, "not_found"),
            ),
            (format!("/api/v1/traces/{id}/documents/-1"), bad),
            ("/api/v1/traces/nonsense/export".to_owned(), bad),
        ])
        .await;
}

#[tokio::test]
async fn a_trace_has_its_own_service_map() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let list = harness
        .get(&matching("service(\"movies_app\")", "15m"))
        .await;
    let id = ids(&list.body)
        .into_iter()
        .next()
        .expect("a movies_app trace");
    let answer = harness.ok(&format!("/api/v1/traces/{id}/map")).await;
    let nodes = answer["nodes"].as_array().expect("nodes");
    let named = |name: &str| nodes.iter().find(|n| n["name"] == name).cloned();
    let app = named("movies_app").expect("the service that answered");
    // One trace: its statistics count that one request (derived over one minute).
    assert_eq!(app["stats"]["total"], 1, "{app}");
    let client = nodes
        .iter()
        .find(|n| n["kind"] == "client")
        .expect("the caller from outside");
    let edges = answer["edges"].as_array().expect("edges");
    assert!(
        edges
            .iter()
            .any(|e| e["source"] == client["id"] && e["target"] == app["id"]),
        "client → movies_app: {edges:?}"
    );

    let bad = harness.get("/api/v1/traces/1-zz/map").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
}

#[tokio::test]
async fn an_unfinished_segment_makes_the_trace_partial() {
    let harness = Harness::start(ScenarioName::Empty).await;
    let id = format!("1-{:08x}-00000000000000000000abcd", NOW as u64);
    let document = json!({
        "name": "checkout", "id": "70de5b6f19ff9a0a", "trace_id": id,
        "start_time": NOW - 2.0, "in_progress": true,
        "http": {"request": {"method": "GET", "url": "https://shop/checkout"}}
    });
    let refused = harness
        .emulator()
        .xray
        .put_documents("us-east-1", vec![document.to_string()]);
    assert!(refused.is_empty(), "{refused:?}");
    let answer = harness.ok(&format!("/api/v1/traces/{id}")).await;
    assert_eq!(answer["partial"], true);
    assert_eq!(answer["trace"]["spans"][0]["in_progress"], true);
}

#[tokio::test]
async fn corrupt_and_truncated_traces_are_reported_not_failed() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let list = harness.get("/api/v1/traces?window=15m").await;
    let trace_ids = ids(&list.body);
    harness.emulator().faults.set(FaultConfig {
        corrupt_documents: true,
        truncate_traces: true,
        ..FaultConfig::default()
    });
    let mut saw_problem = false;
    for id in trace_ids.iter().take(20) {
        let answer = harness.ok(&format!("/api/v1/traces/{id}")).await;
        assert_eq!(answer["limit_exceeded"], true);
        assert_eq!(answer["partial"], true);
        saw_problem |= !answer["problems"].as_array().is_none_or(Vec::is_empty);
    }
    assert!(saw_problem, "some documents were corrupted and reported");
}

#[tokio::test]
async fn an_unknown_trace_is_not_found_with_the_retention_hint() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let answer = harness
        .get("/api/v1/traces/1-5f000000-000000000000000000000000")
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.body);
    assert!(
        answer.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("traces are kept 30 days"))
    );
}
