//! Aggregates are computed from stored segments: known segments in, worked-out counts, sums and
//! histogram buckets out.

mod xray_support;

use emulator::Emulator;
use serde_json::{Value, json};
use xray_support::*;

/// Three requests to `api`, each reading the table `movies`: two fine, one failing.
/// api: 0.1 s 200, 0.2 s 200, 0.3 s 500; table: 0.05 s 200, 0.05 s 200, 0.1 s 500.
/// They start 100 s, 40 s and 30 s before NOW - 120 (different minutes, for the time series).
fn loaded() -> Emulator {
    let emulator = emulator();
    let base = NOW - 120.0;
    let requests = [
        (1, base - 100.0, 0.1, 200, 0.05, 200),
        (2, base - 40.0, 0.2, 200, 0.05, 200),
        (3, base - 30.0, 0.3, 500, 0.1, 500),
    ];
    let documents: Vec<Value> = requests
        .iter()
        .map(
            |&(n, start, api_time, api_status, table_time, table_status)| {
                let mut doc = segment(
                    &trace_id(n),
                    u64::from(n) * 16,
                    "api",
                    start,
                    api_time,
                    api_status,
                );
                doc["subsegments"] = json!([dynamo(
                    u64::from(n) * 16 + 1,
                    "movies",
                    start + 0.01,
                    table_time,
                    table_status
                )]);
                doc["resource_arn"] =
                    json!("arn:aws:apprunner:us-east-1:123456789012:service/api/0123");
                doc["user"] = json!(format!("user-{n}"));
                doc["annotations"] = json!({"attempt": n});
                doc
            },
        )
        .collect();
    put(&emulator, &documents);
    emulator
}

fn node<'a>(services: &'a Value, name: &str) -> &'a Value {
    services
        .as_array()
        .and_then(|s| s.iter().find(|n| n["Name"] == name))
        .unwrap_or_else(|| panic!("no node {name} in {services}"))
}

fn histogram(entries: &Value) -> Vec<(f64, u64)> {
    entries
        .as_array()
        .expect("a histogram")
        .iter()
        .map(|e| {
            (
                e["Value"].as_f64().expect("value"),
                e["Count"].as_u64().expect("count"),
            )
        })
        .collect()
}

fn assert_stats(stats: &Value, ok: u64, faults: u64, total_time: f64) {
    assert_eq!(stats["OkCount"], ok, "{stats}");
    assert_eq!(stats["FaultStatistics"]["TotalCount"], faults, "{stats}");
    assert_eq!(stats["ErrorStatistics"]["TotalCount"], 0, "{stats}");
    assert_eq!(stats["TotalCount"], ok + faults, "{stats}");
    let got = stats["TotalResponseTime"].as_f64().expect("a sum");
    assert!(
        (got - total_time).abs() < 1e-6,
        "TotalResponseTime {got}, expected {total_time}"
    );
}

#[test]
fn service_graph_counts_sums_and_buckets() {
    let emulator = loaded();
    let graph = call(&emulator, "/ServiceGraph", over_last(3600.0, json!({})));
    let services = &graph["Services"];
    assert_eq!(
        services.as_array().map(Vec::len),
        Some(3),
        "client, api, movies: {services}"
    );
    let (client, api, table) = (
        node(services, "client"),
        node(services, "api"),
        node(services, "movies"),
    );
    assert_eq!(client["Type"], "client");
    assert_eq!(api["Type"], "AWS::AppRunner::Service");
    assert_eq!(table["Type"], "AWS::DynamoDB::Table");
    assert_eq!(api["Root"], true);

    assert_stats(&api["SummaryStatistics"], 2, 1, 0.6);
    assert_eq!(
        histogram(&api["ResponseTimeHistogram"]),
        vec![(0.1, 1), (0.2, 1), (0.3, 1)]
    );
    assert_stats(&table["SummaryStatistics"], 2, 1, 0.2);
    assert_eq!(
        histogram(&table["ResponseTimeHistogram"]),
        vec![(0.05, 2), (0.1, 1)]
    );

    let client_edge = &client["Edges"][0];
    assert_eq!(client_edge["ReferenceId"], api["ReferenceId"]);
    assert_stats(&client_edge["SummaryStatistics"], 2, 1, 0.6);
    let table_edge = &api["Edges"][0];
    assert_eq!(table_edge["ReferenceId"], table["ReferenceId"]);
    assert_stats(&table_edge["SummaryStatistics"], 2, 1, 0.2);
    assert_eq!(
        histogram(&table_edge["ResponseTimeHistogram"]),
        vec![(0.05, 2), (0.1, 1)]
    );
}

#[test]
fn a_window_keeps_only_the_requests_started_in_it() {
    let emulator = loaded();
    // Only the last two requests (NOW-160 and NOW-150) start after NOW-200.
    let graph = call(&emulator, "/ServiceGraph", over_last(200.0, json!({})));
    assert_stats(
        &node(&graph["Services"], "api")["SummaryStatistics"],
        1,
        1,
        0.5,
    );
}

#[test]
fn time_series_buckets_by_period() {
    let emulator = loaded();
    let series = |period: u32| {
        let body = over_last(
            3600.0,
            json!({"EntitySelectorExpression": r#"service("api")"#, "Period": period}),
        );
        call(&emulator, "/TimeSeriesServiceStatistics", body)["TimeSeriesServiceStatistics"].clone()
    };
    // Starts NOW-220, NOW-160, NOW-150: minutes 1749999780, 1749999840 (two requests).
    let minutes = series(60);
    let timestamps: Vec<f64> = minutes
        .as_array()
        .expect("points")
        .iter()
        .map(|p| p["Timestamp"].as_f64().expect("t"))
        .collect();
    assert_eq!(timestamps, vec![1_749_999_780.0, 1_749_999_840.0]);
    assert_stats(&minutes[0]["ServiceSummaryStatistics"], 1, 0, 0.1);
    assert_stats(&minutes[1]["ServiceSummaryStatistics"], 1, 1, 0.5);
    assert_stats(&minutes[1]["EdgeSummaryStatistics"], 1, 1, 0.5);
    assert_eq!(
        histogram(&minutes[1]["ResponseTimeHistogram"]),
        vec![(0.2, 1), (0.3, 1)]
    );
    // 1749999600 is a multiple of 300: all three in one five-minute point.
    let five = series(300);
    assert_eq!(five.as_array().map(Vec::len), Some(1));
    assert_stats(&five[0]["ServiceSummaryStatistics"], 2, 1, 0.6);

    let edge = over_last(
        3600.0,
        json!({"EntitySelectorExpression": r#"edge("api", "movies")"#}),
    );
    let points =
        call(&emulator, "/TimeSeriesServiceStatistics", edge)["TimeSeriesServiceStatistics"]
            .clone();
    let total: u64 = points
        .as_array()
        .expect("points")
        .iter()
        .map(|p| {
            p["EdgeSummaryStatistics"]["TotalCount"]
                .as_u64()
                .expect("n")
        })
        .sum();
    assert_eq!(total, 3);
    let bad = over_last(3600.0, json!({"Period": 90}));
    assert_eq!(
        call_error(&emulator, "/TimeSeriesServiceStatistics", bad).0,
        "InvalidRequestException"
    );
}

#[test]
fn trace_summary_describes_the_entry_point_and_root_cause() {
    let emulator = loaded();
    let page = call(&emulator, "/TraceSummaries", over_last(3600.0, json!({})));
    assert_eq!(page["TracesProcessedCount"], 3);
    let summaries = page["TraceSummaries"].as_array().expect("summaries");
    let ids: Vec<&str> = summaries.iter().filter_map(|s| s["Id"].as_str()).collect();
    assert_eq!(
        ids,
        vec![trace_id(3), trace_id(2), trace_id(1)],
        "newest first"
    );
    let failed = &summaries[0];
    assert_eq!(failed["HasFault"], true);
    assert_eq!(failed["HasError"], false);
    assert_eq!(failed["Http"]["HttpStatus"], 500);
    assert_eq!(failed["Http"]["HttpMethod"], "GET");
    assert!((failed["ResponseTime"].as_f64().expect("time") - 0.3).abs() < 1e-6);
    assert_eq!(failed["EntryPoint"]["Name"], "api");
    assert_eq!(failed["ServiceIds"].as_array().map(Vec::len), Some(2));
    assert_eq!(failed["Users"][0]["UserName"], "user-3");
    assert_eq!(
        failed["Annotations"]["attempt"][0]["AnnotationValue"]["NumberValue"],
        3.0
    );
    assert_eq!(
        failed["ResourceARNs"][0]["ARN"],
        "arn:aws:apprunner:us-east-1:123456789012:service/api/0123"
    );
    let path = &failed["FaultRootCauses"][0]["Services"];
    assert_eq!(path[0]["Name"], "api");
    assert_eq!(path[1]["Name"], "movies");
    assert_eq!(path[1]["Inferred"], true);
    assert_eq!(failed["FaultRootCauses"][0]["ClientImpacting"], true);
    assert_eq!(summaries[1]["FaultRootCauses"], json!([]));
}

#[test]
fn trace_graph_covers_only_the_given_traces() {
    let emulator = loaded();
    let graph = call(&emulator, "/TraceGraph", json!({"TraceIds": [trace_id(3)]}));
    assert_stats(
        &node(&graph["Services"], "api")["SummaryStatistics"],
        0,
        1,
        0.3,
    );
}

#[test]
fn a_group_filters_the_service_graph() {
    let emulator = loaded();
    call(
        &emulator,
        "/CreateGroup",
        json!({"GroupName": "failures", "FilterExpression": "fault"}),
    );
    let graph = call(
        &emulator,
        "/ServiceGraph",
        over_last(3600.0, json!({"GroupName": "failures"})),
    );
    assert_stats(
        &node(&graph["Services"], "api")["SummaryStatistics"],
        0,
        1,
        0.3,
    );
    let groups = call(&emulator, "/Groups", json!({}));
    let names: Vec<&str> = groups["Groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter_map(|g| g["GroupName"].as_str())
        .collect();
    assert_eq!(names, vec!["Default", "failures"]);
    let check = |body: Value| call_error(&emulator, "/CreateGroup", body).0;
    assert_eq!(
        check(json!({"GroupName": "failures", "FilterExpression": "fault"})),
        "InvalidRequestException"
    );
    assert_eq!(
        check(json!({"GroupName": "bad", "FilterExpression": "responsetime >"})),
        "InvalidRequestException"
    );
    assert_eq!(
        check(json!({"GroupName": "no spaces allowed"})),
        "InvalidRequestException"
    );
}
