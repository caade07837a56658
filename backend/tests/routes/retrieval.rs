//! A trace X-Ray did not index, opened by its id: "not indexed", then retrieval with progress,
//! then the same trace routes (timeline, documents, export, map) serve the retrieved trace.

use std::time::Duration;

use axum::http::StatusCode;
use emulator::FaultConfig;
use emulator::faults::RetrievalEnd;
use serde_json::Value;

use crate::all_spans::{encode, finish, transaction_search};
use crate::common::Harness;

/// Ids of traces answering 500 that X-Ray did not index (found by an all-spans search).
async fn unindexed(harness: &Harness) -> Vec<String> {
    let first = harness
        .get(&format!(
            "/api/v1/traces?source=spans&window=1h&filter={}",
            encode("fault")
        ))
        .await;
    let done = finish(harness, first).await;
    let mut ids = Vec::new();
    for id in done["traces"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["id"].as_str())
    {
        let answer = harness.get(&format!("/api/v1/traces/{id}")).await;
        if answer.body["code"] == "not_indexed" {
            ids.push(id.to_owned());
        }
        if ids.len() == 6 {
            break;
        }
    }
    ids
}

/// Polls the retrieval (the emulator's clock moving half a second each time) until it is done.
async fn retrieve(harness: &Harness, id: &str, query: &str) -> Value {
    for _ in 0..30 {
        let answer = harness
            .get(&format!("/api/v1/traces/{id}/retrieval?{query}"))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        if answer.body["done"] == true {
            return answer.body;
        }
        assert!(
            matches!(
                answer.body["status"].as_str(),
                Some("SCHEDULED" | "RUNNING")
            ),
            "{}",
            answer.body
        );
        harness.emulator().clock.advance(0.5);
        tokio::time::sleep(Duration::from_millis(450)).await;
    }
    panic!("the retrieval of {id} did not end");
}

#[tokio::test]
async fn a_trace_that_was_not_indexed_opens_through_retrieval() {
    let harness = transaction_search(Duration::from_secs(15)).await;
    let ids = unindexed(&harness).await;
    assert_eq!(
        ids.len(),
        6,
        "at 1 % indexing most faults are not indexed: {ids:?}"
    );
    let id = &ids[0];
    let not_indexed = harness.get(&format!("/api/v1/traces/{id}")).await;
    assert_eq!(not_indexed.status, StatusCode::NOT_FOUND);
    let message = not_indexed.body["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("1 %") && message.contains("/retrieval"),
        "{message}"
    );

    let progress = retrieve(&harness, id, "").await;
    assert_eq!(
        (progress["status"].as_str(), progress["found"].as_bool()),
        (Some("COMPLETE"), Some(true)),
        "{progress}"
    );
    let trace = harness.get(&format!("/api/v1/traces/{id}")).await;
    assert_eq!(trace.status, StatusCode::OK, "{}", trace.body);
    assert_eq!(trace.body["retrieved"], true);
    assert!(
        trace.body["trace"]["spans"]
            .as_array()
            .is_some_and(|s| s.len() > 1)
    );
    let document = harness
        .get(&format!("/api/v1/traces/{id}/documents/0"))
        .await;
    assert_eq!(document.status, StatusCode::OK, "{}", document.body);
    let export = harness.get(&format!("/api/v1/traces/{id}/export")).await;
    assert_eq!(export.body["Traces"][0]["Id"], id.as_str());
    let map = harness.get(&format!("/api/v1/traces/{id}/map")).await;
    let nodes: Vec<&str> = map.body["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n["name"].as_str())
        .collect();
    assert!(
        nodes.contains(&"client") && nodes.len() > 2,
        "the retrieved trace's map: {nodes:?}"
    );
}

#[tokio::test]
async fn failed_timed_out_and_empty_retrievals_say_so() {
    let harness = transaction_search(Duration::from_secs(15)).await;
    let ids = unindexed(&harness).await;
    for (end, status, says) in [
        (RetrievalEnd::Failed, "FAILED", "FAILED"),
        (RetrievalEnd::Timeout, "TIMEOUT", "TIMEOUT"),
    ] {
        harness.emulator().faults.set(FaultConfig {
            retrieval_end: end,
            ..FaultConfig::default()
        });
        let id = if status == "FAILED" { &ids[1] } else { &ids[2] };
        let progress = retrieve(&harness, id, "").await;
        assert_eq!(
            (progress["status"].as_str(), progress["found"].as_bool()),
            (Some(status), Some(false))
        );
        assert!(
            progress["message"]
                .as_str()
                .is_some_and(|m| m.contains(says)),
            "{progress}"
        );
        let still = harness.get(&format!("/api/v1/traces/{id}")).await;
        assert_eq!(
            still.body["code"], "not_indexed",
            "the page stays usable: {}",
            still.body
        );
        // Asked again without retry, the ended retrieval is reported as it was.
        let again = harness.get(&format!("/api/v1/traces/{id}/retrieval")).await;
        assert_eq!(again.body["status"], status);
    }
    harness.emulator().faults.set(FaultConfig::default());
    let retried = retrieve(&harness, &ids[1], "retry=true").await;
    assert_eq!(retried["found"], true, "a retry starts over: {retried}");

    let unknown = "1-6a000000-000000000000000000000001";
    let nothing = retrieve(&harness, unknown, "window=1h").await;
    assert_eq!(
        (nothing["status"].as_str(), nothing["found"].as_bool()),
        (Some("COMPLETE"), Some(false))
    );
    assert!(
        nothing["message"]
            .as_str()
            .is_some_and(|m| m.contains("not in aws/spans")),
        "{nothing}"
    );
    let bad = harness.get("/api/v1/traces/not-a-trace/retrieval").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn retrieval_needs_transaction_search() {
    let harness = Harness::start(emulator::ScenarioName::Movies).await;
    let refused = harness
        .get("/api/v1/traces/1-6a000000-000000000000000000000001/retrieval")
        .await;
    assert_eq!(
        (refused.status, refused.body["code"].as_str()),
        (StatusCode::CONFLICT, Some("no_transaction_search"))
    );
    let missing = harness
        .get("/api/v1/traces/1-6a000000-000000000000000000000001")
        .await;
    assert_eq!(
        missing.body["code"], "not_found",
        "without Transaction Search a missing trace is just not found"
    );
}
