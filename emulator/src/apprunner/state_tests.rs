use super::*;

fn service() -> ServiceRecord {
    ServiceRecord {
        name: "movies_app".into(),
        id: "0".repeat(32),
        arn: "arn:aws:apprunner:us-east-1:123456789012:service/movies_app/0".into(),
        url: "x.us-east-1.awsapprunner.com".into(),
        created_at: 0.0,
        updated_at: 0.0,
        status: ServiceStatus::Running,
        observability: Observability {
            enabled: false,
            configuration_arn: None,
        },
        members: serde_json::from_value(
            serde_json::json!({ "InstanceConfiguration": { "Cpu": "1024", "Memory": "2048" } }),
        )
        .expect("object"),
        operations: Vec::new(),
        pending: None,
    }
}

fn pending(
    status: ServiceStatus,
    observability: Option<Observability>,
    members: Map<String, Value>,
) -> Pending {
    Pending {
        ends_at: 0.0,
        status,
        observability,
        members,
    }
}

#[test]
fn an_operation_is_in_progress_until_its_end_then_applies() {
    let mut service = service();
    let tracing = Observability {
        enabled: true,
        configuration_arn: Some("arn:config/1".into()),
    };
    service.begin(
        OperationType::Update,
        100.0,
        10.0,
        pending(ServiceStatus::Running, Some(tracing.clone()), Map::new()),
    );
    service.settle(109.9);
    assert_eq!(service.status_name(), "OPERATION_IN_PROGRESS");
    assert!(
        !service.emits_traces(),
        "tracing starts only when the deployment ends"
    );
    service.settle(110.0);
    assert_eq!(service.status_name(), "RUNNING");
    assert_eq!(service.observability, tracing);
    assert!(service.emits_traces());
    assert_eq!(service.updated_at, 110.0);
}

#[test]
fn a_paused_service_emits_nothing_and_zero_duration_settles_at_once() {
    let mut service = service();
    service.observability.enabled = true;
    service.begin(
        OperationType::Pause,
        5.0,
        0.0,
        pending(ServiceStatus::Paused, None, Map::new()),
    );
    assert_eq!(service.status_name(), "PAUSED");
    assert!(!service.emits_traces());
    assert_eq!(service.operations.len(), 1);
}

#[test]
fn members_merge_one_level_deep() {
    let mut service = service();
    let change: Map<String, Value> = serde_json::from_value(
        serde_json::json!({ "InstanceConfiguration": { "Cpu": "2048" }, "Extra": [1] }),
    )
    .expect("object");
    service.begin(
        OperationType::Update,
        0.0,
        0.0,
        pending(ServiceStatus::Running, None, change),
    );
    assert_eq!(
        service.members["InstanceConfiguration"],
        serde_json::json!({ "Cpu": "2048", "Memory": "2048" })
    );
    assert_eq!(service.members["Extra"], serde_json::json!([1]));
}

#[test]
fn latest_and_in_use_follow_active_revisions() {
    let revision = |n: u32, deleted: bool| ConfigRevision {
        name: "xray".into(),
        revision: n,
        arn: format!("arn:config/{n}"),
        traces: true,
        created_at: 0.0,
        deleted_at: deleted.then_some(1.0),
    };
    let mut state = RegionState {
        services: vec![service()],
        configs: vec![revision(1, false), revision(2, false), revision(3, true)],
    };
    assert_eq!(state.latest("xray").map(|c| c.revision), Some(2));
    assert!(!state.in_use("arn:config/1"));
    state.services[0].pending = Some(pending(
        ServiceStatus::Running,
        Some(Observability {
            enabled: true,
            configuration_arn: Some("arn:config/1".into()),
        }),
        Map::new(),
    ));
    assert!(
        state.in_use("arn:config/1"),
        "a revision a deployment is switching to is in use"
    );
}
