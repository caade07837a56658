//! `GET /api/v1/services?describe=known`: the listings at once, each service with the
//! description already known or marked pending, the pending ones described in the background
//! into the cache the full list reads.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use emulator::ScenarioName;
use serde_json::Value;

use crate::common::{Harness, scenario_config};

const QUICK: &str = "/api/v1/services?describe=known";
const FULL: &str = "/api/v1/services";

fn rows(list: &Value) -> &[Value] {
    list["services"].as_array().map_or(&[], Vec::as_slice)
}

/// `(kind, region, name)` of each row, sorted: what a quick and a full list must agree on.
fn names(list: &Value) -> Vec<(String, String, String)> {
    let mut names: Vec<_> = rows(list)
        .iter()
        .map(|s| {
            (
                s["kind"].to_string(),
                s["region"].to_string(),
                s["name"].to_string(),
            )
        })
        .collect();
    names.sort();
    names
}

fn pending<'a>(list: &'a Value, kind: &str) -> Vec<&'a str> {
    rows(list)
        .iter()
        .filter(|s| s["kind"] == kind && s["pending"] == true)
        .filter_map(|s| s["name"].as_str())
        .collect()
}

fn describes(harness: &Harness) -> u64 {
    let calls = harness.emulator().calls.snapshot();
    calls.get("apprunner:DescribeService").copied().unwrap_or(0)
}

/// With the list cache off, so that only the descriptions are reused.
async fn uncached(scenario: ScenarioName) -> Harness {
    Harness::with(scenario_config(scenario), |setup| {
        setup.aws.cache_ttl = Duration::ZERO;
    })
    .await
}

#[tokio::test]
async fn a_cold_quick_list_names_every_service_pending_and_describes_them_meanwhile() {
    let harness = uncached(ScenarioName::Shop).await;
    harness.emulator().calls.reset();
    let quick = harness.ok(QUICK).await;
    let app_runner = pending(&quick, "app_runner").len();
    assert!(app_runner >= 8, "shop's App Runner services: {quick}");
    // Shop runs two services on ECS Express: listed too, pending like the others.
    assert_eq!(pending(&quick, "ecs_express").len(), 2, "{quick}");
    for service in rows(&quick) {
        assert_eq!(service["pending"], true, "{service}");
        assert_eq!(service["tracing"], Value::Null, "not known yet: {service}");
    }
    let express = rows(&quick).iter().find(|s| s["kind"] == "ecs_express");
    assert!(
        express.is_some_and(|s| s["express"]["cluster"].is_string()),
        "an Express row names its cluster (its key in the table): {quick}"
    );

    // The background describes each App Runner service once, then nothing more.
    let deadline = Instant::now() + Duration::from_secs(10);
    while describes(&harness) < app_runner as u64 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(describes(&harness), app_runner as u64);
    harness.emulator().calls.reset();
    let full = harness.ok(FULL).await;
    assert_eq!(
        describes(&harness),
        0,
        "the full list reuses what the background read"
    );
    assert_eq!(names(&full), names(&quick));
    for service in rows(&full) {
        assert!(service["tracing"]["enabled"].is_boolean(), "{service}");
        assert_eq!(
            service.get("pending"),
            None,
            "a full list has no pending row"
        );
    }
    // Now known, the App Runner rows are not pending in the next quick list.
    let again = harness.ok(QUICK).await;
    assert_eq!(pending(&again, "app_runner"), Vec::<&str>::new());
    assert_eq!(describes(&harness), 0);
}

#[tokio::test]
async fn a_full_list_right_after_the_quick_one_waits_for_its_describes_not_again() {
    let harness = uncached(ScenarioName::Shop).await;
    harness.emulator().calls.reset();
    let quick = harness.ok(QUICK).await;
    let app_runner = pending(&quick, "app_runner").len() as u64;
    let full = harness.ok(FULL).await;
    // Every key the full list needed was loaded once: by the background, or by the full list
    // with the background waiting for it. Nothing is left in flight once the full list is
    // answered, so this count is final.
    assert_eq!(describes(&harness), app_runner);
    assert!(
        rows(&full)
            .iter()
            .all(|s| s["tracing"]["enabled"].is_boolean()),
        "{full}"
    );
}

#[tokio::test]
async fn a_changed_service_is_pending_again_and_described_afresh() {
    let harness = uncached(ScenarioName::Movies).await;
    harness.ok(FULL).await;
    let accepted = harness
        .put_json(
            "/api/v1/services/us-east-1/movies_app/tracing",
            serde_json::json!({ "enabled": false }),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);
    harness.emulator().calls.reset();
    let quick = harness.ok(QUICK).await;
    assert_eq!(pending(&quick, "app_runner"), ["movies_app"]);
    let full = harness.ok(FULL).await;
    assert_eq!(describes(&harness), 1, "only the changed service");
    let movies = rows(&full).iter().find(|s| s["name"] == "movies_app");
    assert_eq!(
        movies.map(|s| s["status"].clone()),
        Some("OPERATION_IN_PROGRESS".into())
    );
}

#[tokio::test]
async fn a_quick_list_is_never_served_for_the_full_one() {
    // The list cache on (10 s): the full list is cached, the quick one never is.
    let harness = Harness::start(ScenarioName::Shop).await;
    let quick = harness.ok(QUICK).await;
    assert!(!pending(&quick, "app_runner").is_empty(), "cold: {quick}");
    let full = harness.ok(FULL).await;
    assert!(
        rows(&full)
            .iter()
            .all(|s| s.get("pending").is_none() && s["tracing"]["enabled"].is_boolean()),
        "{full}"
    );
    // Once the full list is cached, it is the quick answer too.
    harness.emulator().calls.reset();
    assert_eq!(harness.ok(QUICK).await, full);
    assert_eq!(harness.emulator().calls.snapshot().values().sum::<u64>(), 0);
}

#[tokio::test]
async fn an_unknown_describe_mode_is_refused() {
    let harness = Harness::start(ScenarioName::Movies).await;
    harness
        .check_refusals(&[
            (
                "/api/v1/services?describe=some",
                (StatusCode::BAD_REQUEST, "bad_request"),
            ),
            (
                "/api/v1/services?describe=",
                (StatusCode::BAD_REQUEST, "bad_request"),
            ),
        ])
        .await;
    assert_eq!(
        pending(
            &harness.ok("/api/v1/services?describe=all").await,
            "app_runner"
        )
        .len(),
        0
    );
}
