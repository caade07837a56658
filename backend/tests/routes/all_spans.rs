//! Transaction Search through the routes, against the emulator's `transaction-search` scenario
//! (`shop` with 1 % of traces indexed): the region's mode, the all-spans search with its
//! progress, stopping it, and its refusals.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, StatusCode};
use emulator::{EmulatorConfig, ScenarioName};
use serde_json::{Value, json};

use crate::common::{Answer, Harness, NOW, scenario_config};

pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn transaction_search(idle: Duration) -> Harness {
    let config = EmulatorConfig {
        transaction_search: Some(1.0),
        async_seconds: 2.0,
        ..scenario_config(ScenarioName::TransactionSearch)
    };
    Harness::with(config, |setup| setup.aws.search_idle = idle).await
}

/// Polls the search (the emulator's clock moving half a second each time) until it is done.
pub async fn finish(harness: &Harness, first: Answer) -> Value {
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    finish_page(harness, first.body).await
}

async fn finish_page(harness: &Harness, mut page: Value) -> Value {
    for _ in 0..40 {
        if page["search"]["done"] == true {
            return page;
        }
        harness.emulator().clock.advance(0.5);
        // The backend asks AWS at most every 400 ms per search.
        tokio::time::sleep(Duration::from_millis(450)).await;
        let id = page["search"]["id"].as_str().unwrap_or_default().to_owned();
        let next = harness.get(&format!("/api/v1/traces/searches/{id}")).await;
        assert_eq!(next.status, StatusCode::OK, "{}", next.body);
        page = next.body;
    }
    panic!("the search did not finish: {page}");
}

/// Root spans answering `status` in the last hour, counted by a query written by hand.
fn sent_with_status(harness: &Harness, status: u16) -> u64 {
    let logs = |op: &str, body: Value| {
        harness
            .emulator()
            .logs
            .handle("us-east-1", op, body.to_string().as_bytes())
            .expect(op)
    };
    let query = format!(
        "filter not ispresent(parentSpanId) and `attributes.http.response.status_code` = {status} | stats count(*) as n"
    );
    let start = json!({"logGroupName": "aws/spans", "startTime": NOW as i64 - 3600, "endTime": NOW as i64, "queryString": query});
    let id = logs("StartQuery", start)["queryId"].clone();
    harness.emulator().clock.advance(2.0);
    let results = logs("GetQueryResults", json!({"queryId": id}));
    results["results"][0][0]["value"]
        .as_str()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn the_mode_of_each_region_is_reported() {
    let harness = transaction_search(Duration::from_secs(15)).await;
    let mode = harness
        .get("/api/v1/transaction-search?region=eu-west-1")
        .await;
    assert_eq!(mode.status, StatusCode::OK, "{}", mode.body);
    assert_eq!(
        mode.body,
        json!({"region": "eu-west-1", "destination": "CloudWatchLogs", "status": "ACTIVE", "indexing_percent": 1.0, "all_spans": true})
    );
    let movies = Harness::start(ScenarioName::Movies).await;
    let mode = movies.get("/api/v1/transaction-search").await;
    assert_eq!(
        (
            mode.body["destination"].as_str(),
            mode.body["all_spans"].as_bool()
        ),
        (Some("XRay"), Some(false))
    );
    let refused = movies.get("/api/v1/traces?source=spans&window=1h").await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert_eq!(refused.body["code"], "no_transaction_search");
}

#[tokio::test]
async fn every_span_is_searched_and_progress_is_reported() {
    let harness = transaction_search(Duration::from_secs(15)).await;
    let filter = encode("http.status = 500");
    let first = harness
        .get(&format!(
            "/api/v1/traces?source=spans&window=1h&filter={filter}"
        ))
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let search = &first.body["search"];
    assert_eq!(
        (search["status"].as_str(), search["done"].as_bool()),
        (Some("Scheduled"), Some(false))
    );
    assert_eq!(first.body["source"], "spans");
    assert!(
        search["query"]
            .as_str()
            .is_some_and(|q| q.contains("`attributes.http.response.status_code`"))
    );
    assert!(search["poll_after_ms"].as_u64().is_some_and(|ms| ms > 0));

    harness.emulator().clock.advance(1.0);
    let id = search["id"].as_str().unwrap_or_default();
    let running = harness
        .get(&format!("/api/v1/traces/searches/{id}"))
        .await
        .body;
    assert_eq!(running["search"]["status"], "Running", "{running}");
    let scanned = running["search"]["records_scanned"]
        .as_f64()
        .unwrap_or_default();
    assert!(scanned > 0.0, "partial statistics while running: {running}");

    let done = finish_page(&harness, running).await;
    assert_eq!(done["search"]["status"], "Complete");
    assert_eq!(done["search"]["poll_after_ms"], 0);
    assert!(done["search"]["bytes_scanned"].as_f64().unwrap_or_default() > scanned);
    let traces = done["traces"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        traces.len() as u64,
        sent_with_status(&harness, 500),
        "every 500 that was sent"
    );
    assert!(
        traces.len() > 10,
        "an hour of shop holds many 500s: {}",
        traces.len()
    );
    assert!(
        traces
            .iter()
            .all(|t| t["http"]["status"] == 500 && t["has_fault"] == true)
    );

    // X-Ray's own search sees the indexed share only.
    let indexed = harness
        .get(&format!("/api/v1/traces?window=1h&filter={filter}"))
        .await
        .body;
    assert_eq!(indexed["source"], "indexed");
    let indexed = indexed["traces"].as_array().map_or(0, Vec::len);
    assert!(
        indexed * 10 < traces.len(),
        "indexed {indexed}, all spans {}",
        traces.len()
    );
}

#[tokio::test]
async fn any_span_tests_list_traces_with_their_entry_details() {
    let harness = transaction_search(Duration::from_secs(15)).await;
    let filter = encode("service(\"payments\") AND http.method = \"POST\"");
    let first = harness
        .get(&format!(
            "/api/v1/traces?source=spans&window=1h&limit=50&filter={filter}"
        ))
        .await;
    let done = finish(&harness, first).await;
    assert_eq!(done["search"]["status"], "Complete", "{done}");
    assert_eq!(done["search"]["details_pending"], false);
    let traces = done["traces"].as_array().cloned().unwrap_or_default();
    assert_eq!(traces.len(), 50, "limited to 50");
    assert_eq!(done["search"]["truncated"], true);
    assert!(
        traces
            .iter()
            .all(|t| t["http"]["method"] == "POST" && t["entry_point"]["name"].is_string()),
        "{traces:?}"
    );

    // More rows than one entry-span query takes (200): their details come in two queries.
    let filter = encode("service(\"frontend\")");
    let first = harness
        .get(&format!(
            "/api/v1/traces?source=spans&window=1h&limit=300&filter={filter}"
        ))
        .await;
    let done = finish(&harness, first).await;
    let traces = done["traces"].as_array().cloned().unwrap_or_default();
    assert_eq!(traces.len(), 300);
    let detailed = traces
        .iter()
        .filter(|t| t["http"]["status"].is_u64())
        .count();
    assert_eq!(detailed, 300, "every row has its entry span's details");
}

#[tokio::test]
async fn a_search_can_be_stopped_and_is_stopped_when_nobody_polls() {
    let harness = transaction_search(Duration::from_millis(600)).await;
    let first = harness.get("/api/v1/traces?source=spans&window=1h").await;
    let id = first.body["search"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let stopped = harness
        .request(
            Method::DELETE,
            &format!("/api/v1/traces/searches/{id}"),
            Body::empty(),
            &[],
        )
        .await;
    assert_eq!(stopped.status, StatusCode::OK, "{}", stopped.body);
    assert_eq!(
        (
            stopped.body["search"]["status"].as_str(),
            stopped.body["search"]["done"].as_bool()
        ),
        (Some("Cancelled"), Some(true))
    );

    let other = harness.get("/api/v1/traces?source=spans&window=30m").await;
    let id = other.body["search"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    // Nobody polls: the reaper stops it (StopQuery) after the idle time.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let after = harness
        .get(&format!("/api/v1/traces/searches/{id}"))
        .await
        .body;
    assert_eq!(after["search"]["status"], "Cancelled", "{after}");
    assert!(
        after["search"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("without anyone asking"))
    );
    let gone = harness.get("/api/v1/traces/searches/no-such-search").await;
    assert_eq!(
        (gone.status, gone.body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("search_gone"))
    );
}

#[tokio::test]
async fn what_cannot_be_searched_is_refused_and_changes_nothing() {
    let harness = transaction_search(Duration::from_secs(15)).await;
    let canonical = harness
        .get(&format!(
            "/api/v1/traces?source=spans&filter={}",
            encode("http.status = 500 AND duration > 3")
        ))
        .await;
    assert_eq!(canonical.status, StatusCode::BAD_REQUEST);
    assert_eq!(canonical.body["code"], "untranslatable_filter");
    assert_eq!(
        canonical.body["detail"],
        json!({"kind": "filter_position", "offset": 22, "len": 12, "column": 23})
    );
    assert!(
        canonical.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("`duration > 3`"))
    );
    let typed = harness
        .get(&format!(
            "/api/v1/traces?source=spans&filter={}",
            encode("HTTP.STATUS=500 duration>3")
        ))
        .await;
    assert_eq!(
        (typed.body["code"].as_str(), typed.body.get("detail")),
        (Some("untranslatable_filter"), None),
        "{}",
        typed.body
    );
    for (query, parameter) in [
        ("source=everything", "source"),
        ("source=spans&limit=0", "limit"),
        ("source=spans&cursor=abc", "cursor"),
    ] {
        let refused = harness.get(&format!("/api/v1/traces?{query}")).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(
            refused.body["detail"]["name"], parameter,
            "{query}: {}",
            refused.body
        );
    }
    let parse = harness
        .get(&format!(
            "/api/v1/traces?source=spans&filter={}",
            encode("http.status >")
        ))
        .await;
    assert_eq!(parse.body["code"], "invalid_filter");
}
