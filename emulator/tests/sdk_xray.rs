//! Every X-Ray operation through the real AWS SDK for Rust against the emulator running the
//! `movies` scenario: if the SDK signs the requests and parses every answer and error, the
//! emulator speaks restJson1 the way X-Ray does.

mod sdk_support;

use aws_sdk_xray::Client;
use aws_sdk_xray::error::ProvideErrorMetadata;
use aws_sdk_xray::operation::get_service_graph::GetServiceGraphOutput;
use aws_sdk_xray::operation::get_trace_summaries::builders::GetTraceSummariesFluentBuilder;
use aws_sdk_xray::primitives::DateTime;
use emulator::{Clock, EmulatorConfig, RunningEmulator, ScenarioName};

/// 2026-01-01T00:00:00Z: the emulator's manual clock, so the history is the same on every run.
const NOW: i64 = 1_767_225_600;

async fn start() -> (RunningEmulator, Client) {
    let running = sdk_support::start(EmulatorConfig {
        clock: Clock::manual(NOW as f64),
        scenario: ScenarioName::Movies,
        ..EmulatorConfig::default()
    })
    .await;
    let client = sdk_support::xray(&running);
    (running, client)
}

fn hour_ago() -> DateTime {
    DateTime::from_secs(NOW - 3600)
}

fn now() -> DateTime {
    DateTime::from_secs(NOW)
}

/// GetTraceSummaries over the last hour.
fn last_hour_summaries(client: &Client) -> GetTraceSummariesFluentBuilder {
    client
        .get_trace_summaries()
        .start_time(hour_ago())
        .end_time(now())
}

/// The last hour's service graph, of one group or of every trace.
async fn service_graph(client: &Client, group: Option<&str>) -> GetServiceGraphOutput {
    client
        .get_service_graph()
        .start_time(hour_ago())
        .end_time(now())
        .set_group_name(group.map(str::to_owned))
        .send()
        .await
        .expect("graph")
}

fn segment(trace_id: &str, id: &str) -> String {
    format!(
        r#"{{"name":"sdk-app","id":"{id}","trace_id":"{trace_id}","start_time":{},"end_time":{},"origin":"AWS::AppRunner::Service","http":{{"response":{{"status":200}}}}}}"#,
        NOW - 30,
        NOW - 29
    )
}

#[tokio::test]
async fn put_and_batch_get_round_trip_documents() {
    let (running, client) = start().await;
    let trace_id = format!("1-{:08x}-00000000000000000000abcd", NOW - 30);
    let good = segment(&trace_id, "00000000000000a1");
    let bad = segment(&trace_id, "short");
    let put = client
        .put_trace_segments()
        .trace_segment_documents(good.clone())
        .trace_segment_documents(bad)
        .send()
        .await
        .expect("put");
    let refused = put.unprocessed_trace_segments();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].error_code(), Some("InvalidId"));

    let unknown = "1-00000000-000000000000000000000000";
    let got = client
        .batch_get_traces()
        .trace_ids(&trace_id)
        .trace_ids(unknown)
        .send()
        .await
        .expect("batch get");
    assert_eq!(
        got.traces()[0].segments()[0].document(),
        Some(good.as_str())
    );
    assert_eq!(got.unprocessed_trace_ids(), [unknown.to_owned()]);
    let error = client.batch_get_traces().send().await.expect_err("no ids");
    assert_eq!(error.code(), Some("InvalidRequestException"));
    running.shutdown().await;
}

#[tokio::test]
async fn filtered_summaries_page_and_feed_the_trace_graph() {
    let (running, client) = start().await;
    let summaries: Vec<_> = last_hour_summaries(&client)
        .filter_expression("http.status = 500")
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .expect("summaries");
    assert!(!summaries.is_empty(), "movies has 500s");
    for summary in &summaries {
        assert_eq!(summary.http().and_then(|h| h.http_status()), Some(500));
        assert_eq!(summary.has_fault(), Some(true));
        let culprit = summary.fault_root_causes()[0]
            .services()
            .last()
            .and_then(|s| s.name());
        assert_eq!(culprit, Some("movies-app"));
    }
    let all = last_hour_summaries(&client)
        .send()
        .await
        .expect("first page");
    assert!(
        all.next_token().is_some(),
        "45 minutes of movies fill more than one page"
    );
    assert!(all.traces_processed_count().unwrap_or_default() > summaries.len() as i64);

    let ids: Vec<String> = summaries
        .iter()
        .take(5)
        .filter_map(|s| s.id().map(str::to_owned))
        .collect();
    let graph = client
        .get_trace_graph()
        .set_trace_ids(Some(ids))
        .send()
        .await
        .expect("trace graph");
    let table = graph
        .services()
        .iter()
        .find(|s| s.name() == Some("movies-app"))
        .expect("the table");
    assert_eq!(
        table
            .summary_statistics()
            .and_then(|s| s.fault_statistics())
            .and_then(|f| f.total_count()),
        Some(5)
    );

    let error = last_hour_summaries(&client)
        .filter_expression("http.status >")
        .send()
        .await
        .expect_err("bad filter");
    assert_eq!(error.code(), Some("InvalidRequestException"));
    assert!(
        error.message().unwrap_or_default().contains("expected"),
        "{:?}",
        error.message()
    );
    running.shutdown().await;
}

#[tokio::test]
async fn service_graph_and_time_series_agree() {
    let (running, client) = start().await;
    let graph = service_graph(&client, None).await;
    let node = |name: &str| {
        graph
            .services()
            .iter()
            .find(|s| s.name() == Some(name))
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let (client_node, app, table) = (node("client"), node("movies_app"), node("movies-app"));
    assert_eq!(client_node.edges()[0].reference_id(), app.reference_id());
    assert_eq!(app.edges()[0].reference_id(), table.reference_id());
    assert_eq!(table.r#type(), Some("AWS::DynamoDB::Table"));
    let app_total = app
        .summary_statistics()
        .and_then(|s| s.total_count())
        .expect("a total");
    assert!(!app.response_time_histogram().is_empty());

    let points = client
        .get_time_series_service_statistics()
        .start_time(hour_ago())
        .end_time(now())
        .entity_selector_expression(r#"service("movies_app")"#)
        .period(60)
        .send()
        .await
        .expect("time series");
    let total: i64 = points
        .time_series_service_statistics()
        .iter()
        .filter_map(|p| p.service_summary_statistics().and_then(|s| s.total_count()))
        .sum();
    assert_eq!(total, app_total, "the points add up to the node");
    running.shutdown().await;
}

#[tokio::test]
async fn groups_are_created_listed_and_filter_the_graph() {
    let (running, client) = start().await;
    let created = client
        .create_group()
        .group_name("failures")
        .filter_expression("http.status >= 400")
        .send()
        .await
        .expect("create");
    let arn = created
        .group()
        .and_then(|g| g.group_arn())
        .expect("an ARN")
        .to_owned();
    let groups = client.get_groups().send().await.expect("groups");
    let names: Vec<&str> = groups
        .groups()
        .iter()
        .filter_map(|g| g.group_name())
        .collect();
    assert_eq!(names, ["Default", "failures"]);
    let got = client
        .get_group()
        .group_arn(&arn)
        .send()
        .await
        .expect("get group");
    assert_eq!(
        got.group().and_then(|g| g.filter_expression()),
        Some("http.status >= 400")
    );

    let graph = service_graph(&client, Some("failures")).await;
    let app = graph
        .services()
        .iter()
        .find(|s| s.name() == Some("movies_app"))
        .expect("movies_app");
    let stats = app.summary_statistics().expect("statistics");
    assert_eq!(
        stats.ok_count(),
        Some(0),
        "the group keeps only failed requests"
    );
    assert!(stats.total_count().unwrap_or_default() > 0);

    let error = client
        .create_group()
        .group_name("broken")
        .filter_expression("service(")
        .send()
        .await
        .expect_err("bad filter");
    assert_eq!(error.code(), Some("InvalidRequestException"));
    running.shutdown().await;
}
