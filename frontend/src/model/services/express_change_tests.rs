use shared::api::{
    DeploymentStatus, ExpressConfiguration, Operation, OperationKind, OperationProgress,
    OperationStatus, ServiceKind, ServiceStatus, Tracing, TracingChangePlan,
};

use super::*;
use crate::model::services::tracing_change::{
    ChangeOutcome, confirmation as question, outcome_of, progress_text,
};

const XRAY: &str = "https://xray.us-east-1.amazonaws.com/v1/traces";

fn search() -> ServiceRef {
    ServiceRef {
        region: "us-east-1".into(),
        name: "search".into(),
        kind: ServiceKind::EcsExpress,
        cluster: Some("default".into()),
    }
}

fn change(name: &str, from: Option<&str>, to: Option<&str>) -> EnvChange {
    EnvChange {
        name: name.into(),
        from: from.map(str::to_owned),
        to: to.map(str::to_owned),
    }
}

fn detail(all_spans: Option<bool>, refused: Option<&str>) -> ExpressDetail {
    ExpressDetail {
        infrastructure_role_arn: None,
        configuration: Some(ExpressConfiguration {
            revision_arn: None,
            created_at: None,
            image: None,
            container_port: None,
            cpu: None,
            memory: None,
            health_check_path: None,
            scaling: None,
            execution_role_arn: None,
            task_role_arn: Some("arn:aws:iam::123456789012:role/search-task".into()),
            task_definition_arn: None,
            own_task_definition: false,
            otel_environment: Vec::new(),
            secret_names: Vec::new(),
        }),
        active_configurations: 1,
        deployments: Vec::new(),
        plan: Some(TracingChangePlan {
            turn_on: vec![
                change("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", None, Some(XRAY)),
                change(
                    "OTEL_PROPAGATORS",
                    Some("xray"),
                    Some("tracecontext,baggage,xray"),
                ),
            ],
            turn_on_refused: None,
            turn_off: vec![change(
                "OTEL_PROPAGATORS",
                Some("tracecontext,baggage,xray"),
                Some("xray"),
            )],
            turn_off_refused: refused.map(str::to_owned),
        }),
        transaction_search: all_spans.map(|all_spans| TransactionSearch {
            region: "us-east-1".into(),
            destination: if all_spans {
                TraceSegmentDestination::CloudWatchLogs
            } else {
                TraceSegmentDestination::XRay
            },
            status: DestinationStatus::Active,
            indexing_percent: None,
            all_spans,
        }),
    }
}

#[test]
fn turning_on_lists_the_variables_and_what_else_tracing_needs() {
    let on = question(&search(), true, Some(&detail(Some(false), None)));
    assert_eq!(on.title, "Turn tracing on for search?");
    assert_eq!(on.confirm.as_deref(), Some("Turn tracing on"));
    assert!(on.body[0].contains("canary"), "{:?}", on.body);
    assert_eq!(
        on.list,
        [
            format!("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT={XRAY}"),
            "OTEL_PROPAGATORS=tracecontext,baggage,xray (was xray)".to_owned(),
        ]
    );
    let notes = on.notes.join("\n");
    for needed in [
        "ADOT auto-instrumentation",
        "role/search-task) needs X-Ray write access",
        "Transaction Search is off in us-east-1 (traces go to XRay)",
        "runtrace does not change it",
    ] {
        assert!(notes.contains(needed), "{needed:?} not in {notes}");
    }
    let on = question(&search(), true, Some(&detail(Some(true), None)));
    assert!(
        on.notes
            .iter()
            .any(|n| n.starts_with("Transaction Search is on in us-east-1"))
    );
    let unread = question(&search(), true, Some(&detail(None, None)));
    assert!(unread.notes.iter().any(|n| n.contains("could not be read")));
}

#[test]
fn turning_off_restores_or_says_why_it_cannot() {
    let off = question(&search(), false, Some(&detail(Some(false), None)));
    assert_eq!(off.confirm.as_deref(), Some("Turn tracing off"));
    assert_eq!(
        off.list,
        ["OTEL_PROPAGATORS=xray (was tracecontext,baggage,xray)"]
    );
    let refused = question(
        &search(),
        false,
        Some(&detail(
            Some(false),
            Some("tracing was not set up by runtrace"),
        )),
    );
    assert_eq!(refused.confirm, None);
    assert_eq!(
        refused.body,
        ["runtrace cannot change this: tracing was not set up by runtrace."]
    );
    assert_eq!(question(&search(), true, None).confirm, None);
}

#[test]
fn each_change_reads_as_one_line() {
    let check = |from: Option<&str>, to: Option<&str>, expect: &str| {
        assert_eq!(change_line(&change("V", from, to)), expect);
    };
    check(None, Some("1"), "V=1");
    check(Some("0"), Some("1"), "V=1 (was 0)");
    check(Some("0"), None, "remove V (was 0)");
    check(None, None, "V stays unset");
    assert_eq!(
        change_line(&change(
            "RUNTRACE_TRACING",
            None,
            Some("{\"V\":[null,\"1\"]}")
        )),
        "RUNTRACE_TRACING: runtrace's record of this change, so that turning tracing off removes \
         exactly what it added"
    );
    assert_eq!(
        change_line(&change("RUNTRACE_TRACING", Some("{}"), None)),
        "remove RUNTRACE_TRACING, runtrace's record of the change"
    );
}

fn deploying(status: &str, stage: Option<&str>, weight: Option<f64>) -> OperationProgress {
    let deployment = DeploymentStatus::from(status);
    let rolled_back = deployment.rolled_back();
    OperationProgress {
        operation: Operation {
            id: "d1".into(),
            kind: OperationKind::UpdateService,
            status: match status {
                "PENDING" => OperationStatus::Pending,
                "SUCCESSFUL" => OperationStatus::Succeeded,
                "ROLLBACK_IN_PROGRESS" => OperationStatus::RollbackInProgress,
                "ROLLBACK_SUCCESSFUL" => OperationStatus::RollbackSucceeded,
                _ => OperationStatus::InProgress,
            },
            target_arn: None,
            started_at: None,
            ended_at: None,
            updated_at: None,
        },
        service_status: ServiceStatus::OperationInProgress,
        tracing: (status == "SUCCESSFUL" || rolled_back).then(|| Tracing {
            enabled: status == "SUCCESSFUL",
            configuration_arn: None,
        }),
        deployment: Some(DeploymentProgress {
            status: deployment,
            status_reason: None,
            stage: stage.map(str::to_owned),
            target_weight: weight,
            rollback_reason: rolled_back
                .then(|| "The alarm search-canary went into ALARM.".to_owned()),
        }),
    }
}

#[test]
fn the_canary_is_followed_in_words() {
    let check = |status: &str, stage: Option<&str>, weight: Option<f64>, expect: &str| {
        let progress = deploying(status, stage, weight);
        assert_eq!(
            progress_text(&progress, 12.0, "ECS"),
            expect,
            "{status} {stage:?}"
        );
    };
    check(
        "PENDING",
        Some("RECONCILE_SERVICE"),
        None,
        "Waiting for ECS… 12 s · preparing the new configuration",
    );
    check(
        "IN_PROGRESS",
        Some("SCALE_UP"),
        Some(0.0),
        "Deploying… 12 s · starting the new tasks",
    );
    check(
        "IN_PROGRESS",
        Some("PRODUCTION_TRAFFIC_SHIFT"),
        Some(5.0),
        "Deploying… 12 s · canary: 5 % of traffic on the new configuration",
    );
    check(
        "IN_PROGRESS",
        Some("PRODUCTION_TRAFFIC_SHIFT"),
        Some(100.0),
        "Deploying… 12 s · all traffic on the new configuration",
    );
    check(
        "IN_PROGRESS",
        Some("BAKE_TIME"),
        Some(100.0),
        "Deploying… 12 s · bake time: all traffic on the new configuration, alarms watched",
    );
    check(
        "IN_PROGRESS",
        Some("CLEAN_UP"),
        None,
        "Deploying… 12 s · stopping the old tasks",
    );
    check(
        "IN_PROGRESS",
        Some("NEW_STAGE"),
        None,
        "Deploying… 12 s · new stage",
    );
    check("IN_PROGRESS", None, None, "Deploying… 12 s");
    check(
        "ROLLBACK_IN_PROGRESS",
        Some("PRODUCTION_TRAFFIC_SHIFT"),
        Some(0.0),
        "Rolling back… 12 s · The alarm search-canary went into ALARM.",
    );
}

#[test]
fn a_rollback_ends_with_its_reason_and_success_reads_back() {
    let outcome = |progress: &OperationProgress| outcome_of(progress, true, "ECS");
    assert_eq!(
        outcome(&deploying(
            "ROLLBACK_SUCCESSFUL",
            Some("CLEAN_UP"),
            Some(0.0)
        )),
        Some(ChangeOutcome::Failed(
            "the deployment ended with ROLLBACK_SUCCEEDED (The alarm search-canary went into \
             ALARM); ECS kept the previous configuration"
                .to_owned()
        ))
    );
    assert_eq!(
        outcome(&deploying("SUCCESSFUL", Some("CLEAN_UP"), Some(100.0))),
        Some(ChangeOutcome::Applied { enabled: true })
    );
    assert_eq!(outcome(&deploying("IN_PROGRESS", None, None)), None);
}
