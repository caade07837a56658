use shared::api::{ExpressSummary, ServiceKind, SetupState, SpanArrival, Tracing, TracingSetup};

use super::*;

pub(crate) fn express_service(
    name: &str,
    status: &str,
    deployment: Option<&str>,
    setup: Option<SetupState>,
    arriving: Option<bool>,
) -> ServiceSummary {
    ServiceSummary {
        region: "us-east-1".into(),
        name: name.into(),
        id: format!("default/{name}"),
        arn: format!("arn:aws:ecs:us-east-1:123456789012:service/default/{name}"),
        url: Some(format!("{name}.ecs.us-east-1.on.aws")),
        status: ServiceStatus::Running,
        created_at: 0.0,
        updated_at: 0.0,
        tracing: Some(Tracing {
            enabled: arriving == Some(true),
            configuration_arn: None,
        }),
        pending: false,
        kind: ServiceKind::EcsExpress,
        express: Some(ExpressSummary {
            cluster: "default".into(),
            status: ExpressStatus::from(status),
            status_reason: None,
            url: Some(format!("https://{name}.ecs.us-east-1.on.aws")),
            deployment: deployment.map(|status| DeploymentBrief {
                id: "d1".into(),
                arn: "arn:aws:ecs:us-east-1:123456789012:service-deployment/default/x/d1".into(),
                status: DeploymentStatus::from(status),
                status_reason: None,
                created_at: None,
                started_at: None,
                finished_at: None,
                target_revision_arn: None,
            }),
            setup: setup.map(|state| TracingSetup {
                state,
                exporter: None,
                endpoint: None,
                set_by_runtrace: false,
                warnings: Vec::new(),
            }),
            spans: arriving.map(|arriving| SpanArrival {
                arriving,
                window_seconds: 900,
                node: None,
            }),
        }),
    }
}

#[test]
fn a_pending_express_row_is_checking_not_unknown() {
    let pending = ServiceSummary {
        pending: true,
        ..express_service("s", "", None, None, None)
    };
    let shown = status_of(&pending);
    assert_eq!((shown.text.as_str(), shown.busy), (CHECKING, false));
    // Described, the same row's empty status reads as it is.
    assert_eq!(
        status_of(&express_service("s", "", None, None, None)).text,
        ""
    );
}

#[test]
fn express_status_is_ecs_own_with_the_deployment_state() {
    let check =
        |status: &str, deployment: Option<&str>, expect: (&str, &str, bool, Option<&str>)| {
            let shown = status_of(&express_service("s", status, deployment, None, None));
            assert_eq!(
                (
                    shown.text.as_str(),
                    shown.tone,
                    shown.busy,
                    shown.detail.as_deref()
                ),
                expect,
                "{status} {deployment:?}"
            );
        };
    check(
        "ACTIVE",
        Some("SUCCESSFUL"),
        ("ACTIVE", "ok", false, Some("deployment SUCCESSFUL")),
    );
    check(
        "ACTIVE",
        Some("IN_PROGRESS"),
        ("ACTIVE", "busy", true, Some("deployment IN_PROGRESS")),
    );
    check(
        "ACTIVE",
        Some("ROLLBACK_SUCCESSFUL"),
        (
            "ACTIVE",
            "ok",
            false,
            Some("deployment ROLLBACK_SUCCESSFUL"),
        ),
    );
    check("DRAINING", None, ("DRAINING", "busy", true, None));
    check("INACTIVE", None, ("INACTIVE", "idle", false, None));
    check("MELTING", None, ("MELTING", "unknown", false, None));

    let app_runner = StatusShown::of_status(&ServiceStatus::OperationInProgress);
    assert_eq!(
        (app_runner.text.as_str(), app_runner.tone, app_runner.busy),
        ("OPERATION_IN_PROGRESS", "busy", true)
    );
}

#[test]
fn tracing_reads_as_two_facts() {
    let check = |setup: Option<SetupState>, arriving: Option<bool>, expect: &str| {
        let service = express_service("s", "ACTIVE", None, setup, arriving);
        let express = service.express.as_ref().expect("express");
        assert_eq!(tracing_text(express), expect, "{setup:?} {arriving:?}");
    };
    use SetupState::*;
    check(
        Some(Configured),
        Some(false),
        "configured, no spans arriving in the last 15 min",
    );
    check(Some(Configured), Some(true), "configured, spans arriving");
    check(
        Some(NotConfigured),
        Some(false),
        "not configured, no spans arriving in the last 15 min",
    );
    check(Some(Unknown), Some(true), "unknown, spans arriving");
    check(None, None, "unknown");
}

#[test]
fn the_tracing_rank_puts_the_trap_between_off_and_on() {
    use SetupState::*;
    let check = |service: ServiceSummary, expect: u8| {
        assert_eq!(tracing_rank(&service), expect, "{}", service.name)
    };
    check(express_service("a", "ACTIVE", None, None, None), 0);
    check(
        express_service("b", "ACTIVE", None, Some(NotConfigured), Some(false)),
        1,
    );
    check(
        express_service("c", "ACTIVE", None, Some(Configured), Some(false)),
        2,
    );
    check(
        express_service("d", "ACTIVE", None, Some(Unknown), Some(true)),
        3,
    );
}

#[test]
fn configuration_in_words() {
    let check = |cpu: Option<&str>, memory: Option<&str>, expect: Option<&str>| {
        assert_eq!(
            cpu_memory(cpu, memory).as_deref(),
            expect,
            "{cpu:?} {memory:?}"
        );
    };
    check(Some("512"), Some("1024"), Some("0.5 vCPU, 1 GB"));
    check(Some("256"), Some("512"), Some("0.25 vCPU, 512 MB"));
    check(Some("4096"), Some("12288"), Some("4 vCPU, 12 GB"));
    check(Some("1024"), None, Some("1 vCPU"));
    check(Some("lots"), Some("3072"), Some("3 GB"));
    check(None, None, None);

    let scaling = |min, max, metric: Option<&str>, target| Scaling {
        min_tasks: min,
        max_tasks: max,
        metric: metric.map(str::to_owned),
        target_value: target,
    };
    assert_eq!(
        scaling_text(&scaling(Some(1), Some(20), Some("AVERAGE_CPU"), Some(60))),
        "1 to 20 tasks, keeping AVERAGE_CPU at 60"
    );
    assert_eq!(
        scaling_text(&scaling(Some(2), None, None, None)),
        "2 to ? tasks"
    );
}

#[test]
fn a_node_filter_parses_and_names_the_node() {
    let node = NodeRef {
        name: "search".into(),
        node_type: "AWS::ECS::Fargate".into(),
    };
    let filter = node_filter(&node);
    assert_eq!(
        filter,
        r#"service(id(name: "search", type: "AWS::ECS::Fargate"))"#
    );
    assert!(shared::filter::parse(&filter).is_ok(), "{filter}");
}
