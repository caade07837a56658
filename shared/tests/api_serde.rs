//! The /api/v1 types survive a JSON round trip and read the JSON the contract promises.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use shared::api::*;

/// Serializes `value`, checks the JSON is `expected`, and checks it reads back unchanged.
fn check<T>(value: T, expected: serde_json::Value)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let written = serde_json::to_value(&value).expect("serializes");
    assert_eq!(written, expected);
    let read: T = serde_json::from_value(written).expect("reads back");
    assert_eq!(read, value);
}

fn summary() -> ServiceSummary {
    ServiceSummary {
        region: "us-east-1".into(),
        name: "movies_app".into(),
        id: "8fe1e10304f84fd2b0df550fe98a71fa".into(),
        arn: "arn:aws:apprunner:us-east-1:123456789012:service/movies_app/8fe1".into(),
        url: Some("abc.us-east-1.awsapprunner.com".into()),
        status: ServiceStatus::Running,
        created_at: 1_700_000_000.5,
        updated_at: 1_700_000_100.0,
        tracing: Some(Tracing {
            enabled: true,
            configuration_arn: Some("arn:x".into()),
        }),
        pending: false,
        kind: ServiceKind::AppRunner,
        express: None,
    }
}

#[test]
fn service_summary_is_snake_case_with_epoch_seconds() {
    check(
        summary(),
        json!({
            "region": "us-east-1", "name": "movies_app", "id": "8fe1e10304f84fd2b0df550fe98a71fa",
            "arn": "arn:aws:apprunner:us-east-1:123456789012:service/movies_app/8fe1",
            "url": "abc.us-east-1.awsapprunner.com", "status": "RUNNING",
            "created_at": 1_700_000_000.5, "updated_at": 1_700_000_100.0,
            "tracing": {"enabled": true, "configuration_arn": "arn:x"}, "kind": "app_runner"
        }),
    );
}

#[test]
fn a_pending_row_says_so_and_a_described_one_stays_as_before() {
    let pending = ServiceSummary {
        tracing: None,
        pending: true,
        ..summary()
    };
    let written = serde_json::to_value(&pending).expect("serializes");
    assert_eq!(written["pending"], true);
    let read: ServiceSummary = serde_json::from_value(written).expect("reads back");
    assert_eq!(read, pending);
    let list = |services| ServiceList {
        services,
        failures: Vec::new(),
    };
    assert!(list(vec![summary(), pending]).pending());
    assert!(!list(vec![summary()]).pending());
}

#[test]
fn unknown_aws_values_are_kept_not_rejected() {
    let status: ServiceStatus = serde_json::from_value(json!("HIBERNATING")).expect("reads");
    assert_eq!(status, ServiceStatus::Other("HIBERNATING".into()));
    assert_eq!(
        serde_json::to_value(&status).expect("writes"),
        json!("HIBERNATING")
    );

    let kind: OperationKind = serde_json::from_value(json!("MIGRATE")).expect("reads");
    assert_eq!(kind.as_str(), "MIGRATE");
    let op_status: OperationStatus = serde_json::from_value(json!("QUEUED")).expect("reads");
    assert!(
        !op_status.is_finished(),
        "an unknown status keeps the poller going"
    );
    assert!(!op_status.succeeded());
}

#[test]
fn every_known_aws_value_reads_back_as_itself() {
    for status in ServiceStatus::KNOWN {
        assert_eq!(&ServiceStatus::from(status.as_str()), status);
    }
    for kind in OperationKind::KNOWN {
        assert_eq!(&OperationKind::from(kind.as_str()), kind);
    }
    for status in OperationStatus::KNOWN {
        assert_eq!(&OperationStatus::from(status.as_str()), status);
    }
}

#[test]
fn operation_status_end_states() {
    let cases = [
        ("PENDING", false, false),
        ("IN_PROGRESS", false, false),
        ("ROLLBACK_IN_PROGRESS", false, false),
        ("SUCCEEDED", true, true),
        ("FAILED", true, false),
        ("ROLLBACK_FAILED", true, false),
        ("ROLLBACK_SUCCEEDED", true, false),
    ];
    for (wire, finished, succeeded) in cases {
        let status = OperationStatus::from(wire);
        assert_eq!(status.is_finished(), finished, "{wire} finished");
        assert_eq!(status.succeeded(), succeeded, "{wire} succeeded");
    }
}

#[test]
fn operation_progress_round_trips() {
    check(
        OperationProgress {
            operation: Operation {
                id: "op-1".into(),
                kind: OperationKind::UpdateService,
                status: OperationStatus::InProgress,
                target_arn: Some("arn:svc".into()),
                started_at: Some(10.0),
                ended_at: None,
                updated_at: Some(11.0),
            },
            service_status: ServiceStatus::OperationInProgress,
            tracing: None,
            deployment: None,
        },
        json!({
            "operation": {"id": "op-1", "kind": "UPDATE_SERVICE", "status": "IN_PROGRESS",
                "target_arn": "arn:svc", "started_at": 10.0, "ended_at": null, "updated_at": 11.0},
            "service_status": "OPERATION_IN_PROGRESS", "tracing": null
        }),
    );
}

#[test]
fn optional_fields_may_be_left_out() {
    let list: ServiceList = serde_json::from_value(json!({"services": []})).expect("reads");
    assert!(list.failures.is_empty());
    let detail: ServiceDetail =
        serde_json::from_value(json!({"service": serde_json::to_value(summary()).expect("ok")}))
            .expect("reads");
    assert_eq!(detail.observability, None);
    assert!(detail.operations.is_empty());
}

#[test]
fn api_error_carries_a_filter_position() {
    check(
        ApiError::new(codes::INVALID_FILTER, "expected a value after `=`").with_detail(
            ErrorDetail::FilterPosition {
                offset: 12,
                len: 1,
                column: 13,
            },
        ),
        json!({"code": "invalid_filter", "message": "expected a value after `=`",
            "detail": {"kind": "filter_position", "offset": 12, "len": 1, "column": 13}}),
    );
    check(
        ApiError::new(codes::NOT_FOUND, "no such service"),
        json!({"code": "not_found", "message": "no such service"}),
    );
}

#[test]
fn unknown_error_detail_kinds_do_not_break_the_error() {
    let error: ApiError = serde_json::from_value(json!({
        "code": "new_code", "message": "m", "detail": {"kind": "quota", "limit": 5}
    }))
    .expect("reads");
    assert_eq!(error.detail, Some(ErrorDetail::Unknown));
}

#[test]
fn config_and_health_round_trip() {
    check(
        Config {
            regions: vec!["us-east-1".into(), "eu-west-1".into()],
            default_region: "us-east-1".into(),
            read_only: false,
            demo: Some("shop".into()),
            auth: AuthMode::Token,
            role: Some(Role::Operator),
            user: Some("ana".into()),
            version: "0.1.0".into(),
        },
        json!({"regions": ["us-east-1", "eu-west-1"], "default_region": "us-east-1",
            "read_only": false, "demo": "shop", "auth": "token", "role": "operator",
            "user": "ana", "version": "0.1.0"}),
    );
    check(
        Health {
            ok: false,
            upstream: UpstreamHealth {
                reachable: false,
                latency_ms: None,
                message: Some("connection refused".into()),
            },
            version: "0.1.0".into(),
            cache: CacheHealth {
                shared: true,
                location: "redis://cache:6379".into(),
                reachable: false,
                message: Some("no answer within 500 ms".into()),
            },
        },
        json!({"ok": false, "version": "0.1.0", "upstream":
            {"reachable": false, "latency_ms": null, "message": "connection refused"},
            "cache": {"shared": true, "location": "redis://cache:6379", "reachable": false,
                "message": "no answer within 500 ms"}}),
    );
    // An answer from before the cache was reported: this process's memory.
    let older: Health = serde_json::from_value(json!({"ok": true, "version": "0.1.0",
        "upstream": {"reachable": true}}))
    .expect("reads");
    assert_eq!(older.cache, CacheHealth::default());
    assert_eq!(older.cache.location, "memory");
    assert!(Role::Operator > Role::Viewer);
}

#[test]
fn set_tracing_bodies() {
    check(
        SetTracingRequest { enabled: true },
        json!({"enabled": true}),
    );
    check(
        SetTracingAccepted {
            operation_id: "op".into(),
            service_arn: "arn".into(),
            express: None,
        },
        json!({"operation_id": "op", "service_arn": "arn"}),
    );
}

#[test]
fn trace_page_round_trips() {
    check(
        TracePage {
            traces: vec![],
            next_cursor: Some("abc".into()),
            more_available: true,
            processed: 120,
            approximate_time: Some(1.5),
            overview: None,
            source: TraceSource::Indexed,
            search: None,
            partial: None,
            unreadable: 0,
        },
        json!({"traces": [], "next_cursor": "abc", "more_available": true, "processed": 120,
            "approximate_time": 1.5, "source": "indexed", "search": null}),
    );
    // A partial answer says why; unread summaries are counted.
    check(
        TracePage {
            partial: Some("X-Ray throttled page 3".into()),
            unreadable: 2,
            ..TracePage::default()
        },
        json!({"traces": [], "next_cursor": null, "more_available": false, "processed": 0,
            "approximate_time": null, "source": "indexed", "search": null,
            "partial": "X-Ray throttled page 3", "unreadable": 2}),
    );
    // An overview: points in the window, false flags left out.
    let point = TracePoint {
        id: "1-a-b".into(),
        at: 10.5,
        seconds: Some(0.25),
        status: Some(500),
        method: Some("GET".into()),
        fault: true,
        ..TracePoint::default()
    };
    check(
        TracePage {
            overview: Some(TraceOverview {
                points: vec![point],
                complete: false,
                covered_from: Some(10.5),
            }),
            ..TracePage::default()
        },
        json!({"traces": [], "next_cursor": null, "more_available": false, "processed": 0,
            "approximate_time": null, "source": "indexed", "search": null, "overview": {"points": [{"id": "1-a-b", "at": 10.5,
            "seconds": 0.25, "status": 500, "method": "GET", "fault": true}], "complete": false,
            "covered_from": 10.5}}),
    );
}

#[test]
fn group_round_trips() {
    check(
        Group {
            name: "Default".into(),
            arn: None,
            filter_expression: None,
        },
        json!({"name": "Default", "arn": null, "filter_expression": null}),
    );
}
