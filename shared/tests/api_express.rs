//! The Express parts of the /api/v1 contract: their JSON, and that answers without them (older
//! backends, App Runner services) still read.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use shared::api::*;

fn check<T>(value: T, expected: serde_json::Value)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let written = serde_json::to_value(&value).expect("serializes");
    assert_eq!(written, expected);
    let read: T = serde_json::from_value(written).expect("reads back");
    assert_eq!(read, value);
}

fn express_summary() -> ServiceSummary {
    ServiceSummary {
        region: "us-east-1".into(),
        name: "search".into(),
        id: "default/search".into(),
        arn: "arn:aws:ecs:us-east-1:123456789012:service/default/search".into(),
        url: Some("se-1.ecs.us-east-1.on.aws".into()),
        status: ServiceStatus::Running,
        created_at: 1.0,
        updated_at: 2.0,
        tracing: Some(Tracing {
            enabled: false,
            configuration_arn: None,
        }),
        pending: false,
        kind: ServiceKind::EcsExpress,
        express: Some(ExpressSummary {
            cluster: "default".into(),
            status: ExpressStatus::Active,
            status_reason: None,
            url: Some("https://se-1.ecs.us-east-1.on.aws".into()),
            deployment: Some(DeploymentBrief {
                id: "Abc-_1".into(),
                arn: "arn:aws:ecs:us-east-1:123456789012:service-deployment/default/search/Abc-_1"
                    .into(),
                status: DeploymentStatus::Successful,
                status_reason: None,
                created_at: Some(1.0),
                started_at: Some(1.5),
                finished_at: Some(2.0),
                target_revision_arn: None,
            }),
            setup: Some(TracingSetup {
                state: SetupState::Configured,
                exporter: Some(Exporter::LocalCollector),
                endpoint: Some("http://localhost:4317/v1/traces".into()),
                set_by_runtrace: false,
                warnings: vec!["exports to localhost".into()],
            }),
            spans: Some(SpanArrival {
                arriving: false,
                window_seconds: 900,
                node: None,
            }),
        }),
    }
}

#[test]
fn an_express_summary_names_its_kind_and_its_tracing_evidence() {
    check(
        express_summary(),
        json!({
            "region": "us-east-1", "name": "search", "id": "default/search",
            "arn": "arn:aws:ecs:us-east-1:123456789012:service/default/search",
            "url": "se-1.ecs.us-east-1.on.aws", "status": "RUNNING",
            "created_at": 1.0, "updated_at": 2.0,
            "tracing": {"enabled": false, "configuration_arn": null},
            "kind": "ecs_express",
            "express": {
                "cluster": "default", "status": "ACTIVE", "status_reason": null,
                "url": "https://se-1.ecs.us-east-1.on.aws",
                "deployment": {
                    "id": "Abc-_1",
                    "arn": "arn:aws:ecs:us-east-1:123456789012:service-deployment/default/search/Abc-_1",
                    "status": "SUCCESSFUL", "status_reason": null, "created_at": 1.0,
                    "started_at": 1.5, "finished_at": 2.0, "target_revision_arn": null
                },
                "setup": {
                    "state": "configured", "exporter": "local_collector",
                    "endpoint": "http://localhost:4317/v1/traces", "set_by_runtrace": false,
                    "warnings": ["exports to localhost"]
                },
                "spans": {"arriving": false, "window_seconds": 900, "node": null}
            }
        }),
    );
}

#[test]
fn answers_without_the_express_parts_read_as_app_runner() {
    let summary: ServiceSummary = serde_json::from_value(json!({
        "region": "us-east-1", "name": "api", "id": "1", "arn": "arn:aws:apprunner:x",
        "status": "RUNNING", "created_at": 0.0, "updated_at": 0.0
    }))
    .expect("reads");
    assert_eq!(summary.kind, ServiceKind::AppRunner);
    assert_eq!(summary.express, None);
    let progress: OperationProgress = serde_json::from_value(json!({
        "operation": {"id": "op", "kind": "UPDATE_SERVICE", "status": "SUCCEEDED"},
        "service_status": "RUNNING"
    }))
    .expect("reads");
    assert_eq!(progress.deployment, None);
    let failure: RegionFailure =
        serde_json::from_value(json!({"region": "eu-west-1", "code": "forbidden", "message": "m"}))
            .expect("reads");
    assert_eq!(failure.kind, None);
}

#[test]
fn a_deployment_progress_and_a_change_round_trip() {
    check(
        DeploymentProgress {
            status: DeploymentStatus::RollbackSuccessful,
            status_reason: None,
            stage: Some("CLEAN_UP".into()),
            target_weight: Some(0.0),
            rollback_reason: Some("alarm".into()),
        },
        json!({"status": "ROLLBACK_SUCCESSFUL", "status_reason": null, "stage": "CLEAN_UP",
            "target_weight": 0.0, "rollback_reason": "alarm"}),
    );
    check(
        ExpressChange {
            deployment_arn: "arn:d".into(),
            changes: vec![EnvChange {
                name: "OTEL_TRACES_EXPORTER".into(),
                from: None,
                to: Some("otlp".into()),
            }],
            transaction_search: Some(TransactionSearch {
                region: "us-east-1".into(),
                destination: TraceSegmentDestination::CloudWatchLogs,
                status: DestinationStatus::Active,
                indexing_percent: Some(1.0),
                all_spans: true,
            }),
        },
        json!({"deployment_arn": "arn:d",
            "changes": [{"name": "OTEL_TRACES_EXPORTER", "from": null, "to": "otlp"}],
            "transaction_search": {"region": "us-east-1", "destination": "CloudWatchLogs",
                "status": "ACTIVE", "indexing_percent": 1.0, "all_spans": true}}),
    );
}

#[test]
fn check_labels() {
    let setup = |state| TracingSetup {
        state,
        exporter: None,
        endpoint: None,
        set_by_runtrace: false,
        warnings: Vec::new(),
    };
    let spans = |arriving| SpanArrival {
        arriving,
        window_seconds: 900,
        node: None,
    };
    let check = |setup: Option<&TracingSetup>, spans: Option<&SpanArrival>, expect: &str| {
        assert_eq!(shared::api::express::tracing_label(setup, spans), expect);
    };
    let configured = setup(SetupState::Configured);
    check(
        Some(&configured),
        Some(&spans(true)),
        "configured, spans arriving",
    );
    check(
        Some(&configured),
        Some(&spans(false)),
        "configured, no spans arriving in the last 15 min",
    );
    check(
        Some(&setup(SetupState::NotConfigured)),
        None,
        "not configured",
    );
    check(None, Some(&spans(true)), "unknown, spans arriving");
}

#[test]
fn kinds_and_statuses_read_their_wire_forms() {
    for kind in ServiceKind::ALL {
        assert_eq!(ServiceKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(ServiceKind::parse("lambda"), None);
    assert!(DeploymentStatus::from("ROLLBACK_SUCCESSFUL").is_finished());
    assert!(DeploymentStatus::from("ROLLBACK_SUCCESSFUL").rolled_back());
    assert!(!DeploymentStatus::from("IN_PROGRESS").is_finished());
    assert!(!DeploymentStatus::from("SOMETHING_NEW").is_finished());
}
