//! The service map's node kinds, statistics and the figures derived from them.

use serde_json::json;
use shared::api::{Derived, HistogramBin, MapEdge, MapNode, NodeKind, ServiceMap, Stats};

#[test]
fn node_kind_from_xray_type() {
    let cases = [
        ("client", NodeKind::Client),
        ("AWS::AppRunner::Service", NodeKind::AppRunnerService),
        ("AWS::DynamoDB::Table", NodeKind::DynamoDbTable),
        ("AWS::DynamoDB", NodeKind::DynamoDbTable),
        ("AWS::SQS::Queue", NodeKind::Sqs),
        ("AWS::S3::Bucket", NodeKind::S3),
        ("AWS::S3", NodeKind::S3),
        ("Database::SQL", NodeKind::SqlDatabase),
        ("AWS::RDS::DBInstance", NodeKind::SqlDatabase),
        ("remote", NodeKind::RemoteApi),
        ("AWS::Lambda::Function", NodeKind::AwsService),
        ("AWS::EC2::Instance", NodeKind::AwsService),
        ("", NodeKind::Other),
        ("something::else", NodeKind::Other),
    ];
    for (node_type, expected) in cases {
        assert_eq!(NodeKind::from_node_type(node_type), expected, "{node_type}");
    }
}

fn stats(ok: u64, error_other: u64, throttle: u64, fault_other: u64, time: f64) -> Stats {
    let total = ok + error_other + throttle + fault_other;
    Stats {
        ok,
        error_other,
        throttle,
        fault_other,
        total,
        total_response_time: time,
    }
}

#[test]
fn derived_figures() {
    let derived = Derived::from_stats(&stats(6, 1, 1, 2, 5.0), 300.0);
    assert_eq!(derived.requests_per_minute, 2.0);
    assert_eq!(derived.mean_latency_s, Some(0.5));
    assert_eq!(derived.ok_ratio, 0.6);
    assert_eq!(derived.error_ratio, 0.2, "throttles count as errors");
    assert_eq!(derived.throttle_ratio, 0.1);
    assert_eq!(derived.fault_ratio, 0.2);
}

#[test]
fn derived_figures_never_divide_by_zero() {
    for window in [0.0, -5.0, f64::NAN, 60.0] {
        let derived = Derived::from_stats(&Stats::default(), window);
        assert_eq!(derived.mean_latency_s, None);
        assert_eq!(derived.requests_per_minute, 0.0);
        assert_eq!(
            derived.error_ratio + derived.fault_ratio + derived.ok_ratio,
            0.0
        );
    }
    let busy_but_no_window = Derived::from_stats(&stats(3, 0, 0, 0, 1.0), 0.0);
    assert_eq!(busy_but_no_window.requests_per_minute, 0.0);
    assert_eq!(busy_but_no_window.ok_ratio, 1.0);
}

#[test]
fn stats_totals_mirror_xray() {
    let mut total = stats(1, 2, 3, 4, 1.0);
    assert_eq!(total.error_total(), 5);
    assert_eq!(total.fault_total(), 4);
    total.accumulate(&stats(1, 0, 0, 1, 0.5));
    assert_eq!(total, stats(2, 2, 3, 5, 1.5));
}

#[test]
fn service_map_round_trips() {
    let counts = stats(9, 1, 0, 0, 0.9);
    let map = ServiceMap {
        start: 100.0,
        end: 1000.0,
        nodes: vec![MapNode {
            id: 0,
            name: "movies_app".into(),
            names: vec!["movies_app".into()],
            node_type: "AWS::AppRunner::Service".into(),
            kind: NodeKind::AppRunnerService,
            account_id: Some("123456789012".into()),
            root: true,
            state: Some("active".into()),
            stats: counts,
            derived: Derived::from_stats(&counts, 900.0),
            response_time_histogram: vec![HistogramBin {
                value: 0.1,
                count: 10,
            }],
            duration_histogram: vec![],
        }],
        edges: vec![MapEdge {
            source: 0,
            target: 1,
            stats: counts,
            derived: Derived::default(),
            response_time_histogram: vec![],
            edge_type: Some("link".into()),
        }],
        contains_old_group_versions: false,
    };
    let written = serde_json::to_value(&map).expect("writes");
    assert_eq!(written["nodes"][0]["kind"], json!("app_runner_service"));
    assert_eq!(written["nodes"][0]["stats"]["error_other"], json!(1));
    let read: ServiceMap = serde_json::from_value(written).expect("reads");
    assert_eq!(read, map);
    let unknown: NodeKind = serde_json::from_value(json!("quantum_queue")).expect("reads");
    assert_eq!(unknown, NodeKind::Other);
}
