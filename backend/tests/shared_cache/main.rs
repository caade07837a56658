//! Replicas sharing one read cache through a real Redis: what several replicas ask of AWS at
//! once is asked once, and when Redis is gone every request is still answered, from each
//! replica's own memory, with `/api/v1/health` saying so.

mod redis;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use emulator::RunningEmulator;
use redis::RedisServer;

#[path = "../support/answer.rs"]
mod support_answer;
#[path = "../support/harness.rs"]
mod support_harness;
use support_answer::{Answer, answer};
use support_harness::{NOW, Setup, scenario_config};

const MAP: &str = "/api/v1/map?region=us-east-1&window=15m";

/// One emulator, and `replicas` apps in front of it, each with its own AWS clients and caches,
/// sharing `cache_url` when given.
struct Fleet {
    running: RunningEmulator,
    replicas: Vec<Router>,
}

impl Fleet {
    async fn start(replicas: usize, cache_url: Option<String>) -> Self {
        let config = scenario_config(emulator::ScenarioName::Movies);
        let running = emulator::start(config).await.expect("the emulator starts");
        let mut apps = Vec::new();
        for _ in 0..replicas {
            let mut setup = Setup::new(&running.endpoint_url(), vec!["us-east-1".into()]);
            setup.aws.cache_url.clone_from(&cache_url);
            setup.server.clock = Arc::new(|| NOW as i64);
            apps.push(setup.app().await);
        }
        Self {
            running,
            replicas: apps,
        }
    }

    /// `per_replica` concurrent GETs of `uri` on every replica at once.
    async fn get_everywhere(&self, uri: &str, per_replica: usize) -> Vec<Answer> {
        let requests = self
            .replicas
            .iter()
            .flat_map(|app| (0..per_replica).map(move |_| get(app, uri)));
        futures::future::join_all(requests).await
    }

    /// Calls the emulator received for one operation (`xray:ServiceGraph`).
    fn calls(&self, operation: &str) -> u64 {
        let calls = self.running.emulator().calls.snapshot();
        calls.get(operation).copied().unwrap_or(0)
    }
}

async fn get(app: &Router, uri: &str) -> Answer {
    let request = Request::get(uri).body(Body::empty()).expect("a request");
    answer(app, request).await
}

fn all_ok(answers: &[Answer]) -> bool {
    answers.iter().all(|a| a.status == StatusCode::OK)
}

#[tokio::test(flavor = "multi_thread")]
async fn three_replicas_with_a_shared_cache_make_the_calls_of_one() {
    let redis = RedisServer::start();
    let fleet = Fleet::start(3, Some(redis.url())).await;

    let answers = fleet.get_everywhere(MAP, 10).await;
    assert!(all_ok(&answers), "every request is answered");
    assert_eq!(
        fleet.calls("xray:ServiceGraph"),
        1,
        "30 requests on 3 replicas, one AWS call"
    );
    // The bytes one replica published are what every replica serves.
    let first = &answers[0].raw;
    assert!(
        answers.iter().all(|a| &a.raw == first),
        "every replica serves the same map"
    );
    assert!(
        answers
            .iter()
            .all(|a| a.headers["content-type"] == "application/json"),
        "JSON from every replica"
    );

    // Later requests, on any replica, within the TTL: still that one call.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let again = fleet.get_everywhere(MAP, 2).await;
    assert!(all_ok(&again));
    assert_eq!(fleet.calls("xray:ServiceGraph"), 1);

    let health = get(&fleet.replicas[1], "/api/v1/health").await.body;
    assert_eq!(health["cache"]["shared"], true, "{health}");
    assert_eq!(health["cache"]["reachable"], true, "{health}");
    assert_eq!(health["cache"]["location"], redis.url(), "{health}");
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_shared_cache_each_replica_makes_its_own_calls() {
    let fleet = Fleet::start(3, None).await;
    let answers = fleet.get_everywhere(MAP, 10).await;
    assert!(all_ok(&answers));
    assert_eq!(fleet.calls("xray:ServiceGraph"), 3, "one call per replica");
    let health = get(&fleet.replicas[0], "/api/v1/health").await.body;
    assert_eq!(health["cache"]["shared"], false, "{health}");
    assert_eq!(health["cache"]["location"], "memory", "{health}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_change_on_one_replica_is_seen_by_the_others_within_a_second() {
    let redis = RedisServer::start();
    let fleet = Fleet::start(2, Some(redis.url())).await;
    let services = "/api/v1/services";
    let before = get(&fleet.replicas[1], services).await;
    assert_eq!(before.status, StatusCode::OK);
    // The change starts an operation at once; the service is busy until it ends.
    let status_of = |answer: &Answer| {
        answer.body["services"]
            .as_array()
            .and_then(|s| s.iter().find(|s| s["name"] == "movies_app").cloned())
            .map(|s| s["status"].clone())
    };
    assert_eq!(
        status_of(&before),
        Some(serde_json::json!("RUNNING")),
        "{}",
        before.body
    );

    let change = Request::put("/api/v1/services/us-east-1/movies_app/tracing")
        .header("content-type", "application/json")
        .header("x-runtrace-csrf", "1")
        .body(Body::from(r#"{"enabled":false}"#))
        .expect("a request");
    let accepted = answer(&fleet.replicas[0], change).await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);

    tokio::time::sleep(Duration::from_millis(1100)).await;
    let after = get(&fleet.replicas[1], services).await;
    assert_eq!(
        status_of(&after),
        Some(serde_json::json!("OPERATION_IN_PROGRESS")),
        "the other replica still serves the list from before the change: {}",
        after.body
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn when_redis_is_unreachable_every_request_is_answered_and_health_says_so() {
    // A port where nothing listens.
    let port = redis::free_port();
    let fleet = Fleet::start(2, Some(format!("redis://127.0.0.1:{port}"))).await;
    let answers = fleet.get_everywhere(MAP, 5).await;
    assert!(all_ok(&answers), "nothing fails because the cache is gone");
    assert_eq!(
        fleet.calls("xray:ServiceGraph"),
        2,
        "each replica on its own memory"
    );
    let health = get(&fleet.replicas[0], "/api/v1/health").await.body;
    assert_eq!(health["cache"]["reachable"], false, "{health}");
    let message = health["cache"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("own memory"), "{health}");
    assert_eq!(health["ok"], true, "the upstream is fine: {health}");
}

#[tokio::test(flavor = "multi_thread")]
async fn redis_going_away_and_coming_back_is_survived() {
    let redis = RedisServer::start();
    let fleet = Fleet::start(2, Some(redis.url())).await;
    assert!(all_ok(&fleet.get_everywhere(MAP, 3).await));
    assert_eq!(fleet.calls("xray:ServiceGraph"), 1);

    let port = redis.stop();
    // Past the local second, the replicas look in the store again and find it gone.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let during = fleet.get_everywhere(MAP, 3).await;
    assert!(all_ok(&during), "answered while Redis is down");
    let health = get(&fleet.replicas[0], "/api/v1/health").await.body;
    assert_eq!(health["cache"]["reachable"], false, "{health}");

    let _back = RedisServer::on(port);
    // The store is left alone for 5 s after a failure, then used again.
    tokio::time::sleep(Duration::from_secs(6)).await;
    let after = fleet.get_everywhere(MAP, 3).await;
    assert!(all_ok(&after));
    let health = get(&fleet.replicas[0], "/api/v1/health").await.body;
    assert_eq!(health["cache"]["reachable"], true, "{health}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_quick_list_on_one_replica_knows_what_another_described() {
    let redis = RedisServer::start();
    let fleet = Fleet::start(2, Some(redis.url())).await;
    for name in ["cart", "search"] {
        fleet
            .running
            .emulator()
            .apprunner
            .add_service(emulator::apprunner::ServiceSeed {
                region: "us-east-1".into(),
                name: name.into(),
                tracing_enabled: true,
                status: Some(emulator::apprunner::ServiceStatus::Running),
                instance_role_arn: None,
            });
    }
    assert_eq!(
        get(&fleet.replicas[0], "/api/v1/services").await.status,
        StatusCode::OK
    );
    // A change forgets the cached lists everywhere, not the other services' descriptions.
    let change = Request::put("/api/v1/services/us-east-1/movies_app/tracing")
        .header("content-type", "application/json")
        .header("x-runtrace-csrf", "1")
        .body(Body::from(r#"{"enabled":false}"#))
        .expect("a request");
    let accepted = answer(&fleet.replicas[0], change).await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);

    let quick = get(&fleet.replicas[1], "/api/v1/services?describe=known").await;
    let rows = quick.body["services"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let pending: Vec<&str> = rows
        .iter()
        .filter(|s| s["pending"] == true)
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(pending, ["movies_app"], "{}", quick.body);
    for name in ["cart", "search"] {
        let row = rows.iter().find(|s| s["name"] == name);
        assert_eq!(
            row.map(|s| s["tracing"]["enabled"].clone()),
            Some(serde_json::json!(true)),
            "{name}, described by the other replica: {}",
            quick.body
        );
    }
}
