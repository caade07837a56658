//! Transaction Search through the real AWS SDK for Rust (X-Ray and CloudWatch Logs) against the
//! emulator running the `transaction-search` scenario: if the SDKs sign the calls and parse
//! every answer and error, the emulator speaks restJson1 and awsJson1_1 as AWS does.

use aws_sdk_cloudwatchlogs::operation::start_query::StartQueryError;
use aws_sdk_xray::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_xray::error::ProvideErrorMetadata;
use aws_sdk_xray::primitives::DateTime;
use aws_sdk_xray::types::{
    IndexingRuleValueUpdate, ProbabilisticRuleValueUpdate, RetrievalStatus, TraceFormatType,
    TraceSegmentDestination, TraceSegmentDestinationStatus,
};
use emulator::{Clock, EmulatorConfig, RunningEmulator, ScenarioName};

/// 2026-01-01T00:00:00Z.
const NOW: i64 = 1_767_225_600;
const ROOT_FAULTS: &str = "filter not ispresent(parentSpanId) and `attributes.http.response.status_code` >= 500 \
    | fields traceId, durationNano | sort durationNano desc | limit 20";

struct Clients {
    running: RunningEmulator,
    xray: aws_sdk_xray::Client,
    logs: aws_sdk_cloudwatchlogs::Client,
}

async fn start() -> Clients {
    let config = EmulatorConfig {
        clock: Clock::manual(NOW as f64),
        scenario: ScenarioName::TransactionSearch,
        transaction_search: Some(1.0),
        async_seconds: 2.0,
        live: false,
        ..EmulatorConfig::default()
    };
    let running = emulator::start(config).await.expect("emulator starts");
    let credentials = Credentials::new("test", "test", None, None, "test");
    let xray = aws_sdk_xray::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(credentials.clone())
        .endpoint_url(running.endpoint_url())
        .build();
    let logs = aws_sdk_cloudwatchlogs::Config::builder()
        .behavior_version(aws_sdk_cloudwatchlogs::config::BehaviorVersion::latest())
        .region(aws_sdk_cloudwatchlogs::config::Region::new("us-east-1"))
        .credentials_provider(credentials)
        .endpoint_url(running.endpoint_url())
        .build();
    Clients {
        xray: aws_sdk_xray::Client::from_conf(xray),
        logs: aws_sdk_cloudwatchlogs::Client::from_conf(logs),
        running,
    }
}

#[tokio::test]
async fn the_account_settings_read_and_change() {
    let Clients { running, xray, .. } = start().await;
    let destination = xray
        .get_trace_segment_destination()
        .send()
        .await
        .expect("destination");
    assert_eq!(
        destination.destination(),
        Some(&TraceSegmentDestination::CloudWatchLogs)
    );
    assert_eq!(
        destination.status(),
        Some(&TraceSegmentDestinationStatus::Active)
    );
    let rules = xray.get_indexing_rules().send().await.expect("rules");
    let rule = &rules.indexing_rules()[0];
    assert_eq!(rule.name(), Some("Default"));
    let percent = rule
        .rule()
        .and_then(|r| r.as_probabilistic().ok())
        .map(|p| p.desired_sampling_percentage());
    assert_eq!(percent, Some(1.0));
    let update = IndexingRuleValueUpdate::Probabilistic(
        ProbabilisticRuleValueUpdate::builder()
            .desired_sampling_percentage(5.0)
            .build()
            .expect("valid"),
    );
    let updated = xray
        .update_indexing_rule()
        .name("Default")
        .rule(update)
        .send()
        .await
        .expect("update");
    assert!(
        updated
            .indexing_rule()
            .is_some_and(|r| r.modified_at().is_some())
    );
    let back = xray
        .update_trace_segment_destination()
        .destination(TraceSegmentDestination::XRay)
        .send()
        .await
        .expect("switch back");
    assert_eq!(back.status(), Some(&TraceSegmentDestinationStatus::Pending));
    running.shutdown().await;
}

#[tokio::test]
async fn logs_insights_finds_every_root_fault_and_retrieval_reads_them_back() {
    let Clients {
        running,
        xray,
        logs,
    } = start().await;
    let started = logs
        .start_query()
        .log_group_name("aws/spans")
        .start_time(NOW - 3600)
        .end_time(NOW)
        .query_string(ROOT_FAULTS)
        .send()
        .await
        .expect("query starts");
    let id = started.query_id().expect("an id").to_owned();
    let scheduled = logs
        .get_query_results()
        .query_id(&id)
        .send()
        .await
        .expect("results");
    assert_eq!(scheduled.status().map(|s| s.as_str()), Some("Scheduled"));
    running.emulator().clock.advance(2.0);
    let done = logs
        .get_query_results()
        .query_id(&id)
        .send()
        .await
        .expect("results");
    assert_eq!(done.status().map(|s| s.as_str()), Some("Complete"));
    let statistics = done.statistics().expect("statistics");
    assert!(
        statistics.bytes_scanned() > 0.0
            && statistics.records_scanned() >= statistics.records_matched()
    );
    let ids: Vec<String> = done
        .results()
        .iter()
        .filter_map(|row| {
            row.iter()
                .find(|f| f.field() == Some("traceId"))
                .and_then(|f| f.value())
        })
        .map(|w3c| format!("1-{}-{}", &w3c[..8], &w3c[8..]))
        .collect();
    assert!(
        ids.len() >= 5,
        "shop's 30 minutes hold a few root faults: {ids:?}"
    );
    assert!(done.results()[0].iter().any(|f| f.field() == Some("@ptr")));

    let token = xray
        .start_trace_retrieval()
        .set_trace_ids(Some(ids[..5].to_vec()))
        .start_time(DateTime::from_secs(NOW - 3600))
        .end_time(DateTime::from_secs(NOW))
        .send()
        .await
        .expect("retrieval starts")
        .retrieval_token()
        .expect("a token")
        .to_owned();
    let early = xray
        .list_retrieved_traces()
        .retrieval_token(&token)
        .send()
        .await
        .expect("list");
    assert_eq!(early.retrieval_status(), Some(&RetrievalStatus::Scheduled));
    assert!(early.traces().is_empty());
    running.emulator().clock.advance(2.0);
    let listed = xray
        .list_retrieved_traces()
        .retrieval_token(&token)
        .trace_format(TraceFormatType::Xray)
        .send()
        .await
        .expect("list");
    assert_eq!(listed.retrieval_status(), Some(&RetrievalStatus::Complete));
    let got: Vec<&str> = listed.traces().iter().filter_map(|t| t.id()).collect();
    assert!(
        ids[..5].iter().all(|id| got.contains(&id.as_str())),
        "{got:?}"
    );
    assert!(listed.traces().iter().all(|t| !t.spans().is_empty()));
    let graph = xray
        .get_retrieved_traces_graph()
        .retrieval_token(&token)
        .send()
        .await
        .expect("graph");
    assert!(
        graph
            .services()
            .iter()
            .any(|s| s.service().and_then(|s| s.name()) == Some("client"))
    );
    xray.cancel_trace_retrieval()
        .retrieval_token(&token)
        .send()
        .await
        .expect("cancel");
    let unknown = xray
        .list_retrieved_traces()
        .retrieval_token("rt-unknown")
        .send()
        .await;
    assert_eq!(
        unknown
            .err()
            .and_then(|e| e.code().map(str::to_owned))
            .as_deref(),
        Some("ResourceNotFoundException")
    );
    running.shutdown().await;
}

#[tokio::test]
async fn logs_errors_parse_with_their_details() {
    let Clients { running, logs, .. } = start().await;
    let refused = logs
        .start_query()
        .log_group_name("aws/spans")
        .start_time(NOW - 60)
        .end_time(NOW)
        .query_string("fields traceId | median(durationNano)")
        .send()
        .await
        .expect_err("malformed");
    let Some(StartQueryError::MalformedQueryException(malformed)) = refused.as_service_error()
    else {
        panic!("not MalformedQueryException: {refused:?}");
    };
    let location = malformed
        .query_compile_error()
        .and_then(|e| e.location())
        .expect("a location");
    assert_eq!(
        (location.start_char_offset(), location.end_char_offset()),
        (Some(17), Some(23))
    );
    let id = logs
        .start_query()
        .log_group_name("aws/spans")
        .start_time(NOW - 60)
        .end_time(NOW)
        .query_string("fields traceId")
        .send()
        .await
        .expect("starts")
        .query_id()
        .map(str::to_owned)
        .unwrap_or_default();
    let stopped = logs.stop_query().query_id(&id).send().await.expect("stops");
    assert!(stopped.success());
    let again = logs
        .stop_query()
        .query_id(&id)
        .send()
        .await
        .expect_err("not running");
    assert_eq!(again.code(), Some("InvalidParameterException"));
    let missing = logs
        .get_query_results()
        .query_id("nope")
        .send()
        .await
        .expect_err("unknown");
    assert_eq!(missing.code(), Some("ResourceNotFoundException"));
    running.shutdown().await;
}
