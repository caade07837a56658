//! A service's life: creation, canary updates, rollback, superseded deployments, deletion.

use serde_json::json;

use super::*;
use crate::faults::FaultConfig;

#[test]
fn a_created_service_is_active_with_defaults_and_finishes_its_first_deployment() {
    let (ecs, clock, _) = ecs();
    let arn = create(&ecs, "api");
    assert_eq!(
        arn,
        "arn:aws:ecs:us-east-1:123456789012:service/default/api"
    );
    let clusters = call(&ecs, "ListClusters", json!({}));
    assert_eq!(
        clusters["clusterArns"],
        json!(["arn:aws:ecs:us-east-1:123456789012:cluster/default"])
    );
    let service = describe(&ecs, &arn);
    assert_eq!(service["status"]["statusCode"], "ACTIVE");
    let config = &service["activeConfigurations"][0];
    assert_eq!(config["cpu"], "256");
    assert_eq!(config["memory"], "512");
    assert_eq!(config["healthCheckPath"], "/ping");
    assert_eq!(config["scalingTarget"]["autoScalingTargetValue"], 60);
    let endpoint = config["ingressPaths"][0]["endpoint"]
        .as_str()
        .expect("endpoint");
    assert!(endpoint.ends_with(".ecs.us-east-1.on.aws"), "{endpoint}");
    assert_eq!(
        service["currentDeployment"],
        newest_deployment(&ecs, &arn)["serviceDeploymentArn"]
    );
    assert_eq!(newest_deployment(&ecs, &arn)["status"], "PENDING");
    assert_eq!(
        ecs.export(REGION, "api"),
        None,
        "no task serves before the deployment"
    );
    clock.advance(DEPLOY);
    assert_eq!(newest_deployment(&ecs, &arn)["status"], "SUCCESSFUL");
    assert_eq!(ecs.export(REGION, "api"), Some(Export::LocalCollector));
}

#[test]
fn an_update_runs_a_canary_and_its_configuration_serves_once_it_succeeds() {
    let (ecs, clock, _) = ecs();
    let arn = create(&ecs, "api");
    clock.advance(DEPLOY);
    let updated = with_xray_environment(&ecs, &arn);
    let target = &updated["service"]["targetConfiguration"];
    assert_eq!(target["primaryContainer"]["environment"][0]["value"], XRAY);
    assert_eq!(target["cpu"], "256", "members left out stay as they were");
    let deployment = newest_deployment(&ecs, &arn);
    let active = describe(&ecs, &arn)["activeConfigurations"].clone();
    assert_eq!(
        active.as_array().map(Vec::len),
        Some(2),
        "both revisions run"
    );
    assert_eq!(
        active[0]["serviceRevisionArn"],
        target["serviceRevisionArn"]
    );

    let stage = |ecs: &Ecs| {
        let arns = json!([deployment["serviceDeploymentArn"]]);
        let described = call(
            ecs,
            "DescribeServiceDeployments",
            json!({ "serviceDeploymentArns": arns }),
        );
        let d = &described["serviceDeployments"][0];
        (
            d["status"].as_str().unwrap_or_default().to_owned(),
            d["lifecycleStage"].as_str().unwrap_or_default().to_owned(),
            d["targetServiceRevision"]["requestedProductionTrafficWeight"].as_f64(),
        )
    };
    clock.advance(0.3 * DEPLOY);
    assert_eq!(
        stage(&ecs),
        (
            "IN_PROGRESS".into(),
            "PRODUCTION_TRAFFIC_SHIFT".into(),
            Some(5.0)
        )
    );
    assert!(
        ecs.traced(REGION, "api").is_none(),
        "the old revision still serves"
    );
    clock.advance(0.7 * DEPLOY);
    assert_eq!(
        stage(&ecs),
        ("SUCCESSFUL".into(), "CLEAN_UP".into(), Some(100.0))
    );
    let active = describe(&ecs, &arn)["activeConfigurations"].clone();
    assert_eq!(active.as_array().map(Vec::len), Some(1));
    assert_eq!(
        active[0]["serviceRevisionArn"],
        target["serviceRevisionArn"]
    );
    let task = ecs.traced(REGION, "api").expect("spans reach X-Ray");
    assert_eq!(
        task.cluster_arn,
        "arn:aws:ecs:us-east-1:123456789012:cluster/default"
    );
    assert_eq!(task.task_family, "api");
}

#[test]
fn a_configured_rollback_returns_to_the_old_revision() {
    let (ecs, clock, faults) = ecs();
    let arn = create(&ecs, "api");
    clock.advance(DEPLOY);
    let before = describe(&ecs, &arn)["activeConfigurations"][0]["serviceRevisionArn"].clone();
    faults.set(FaultConfig {
        rollback_deployments: true,
        ..FaultConfig::default()
    });
    with_xray_environment(&ecs, &arn);
    clock.advance(0.5 * DEPLOY);
    assert_eq!(
        newest_deployment(&ecs, &arn)["status"],
        "ROLLBACK_IN_PROGRESS"
    );
    clock.advance(0.5 * DEPLOY);
    let brief = newest_deployment(&ecs, &arn);
    assert_eq!(brief["status"], "ROLLBACK_SUCCESSFUL");
    let described = call(
        &ecs,
        "DescribeServiceDeployments",
        json!({ "serviceDeploymentArns": [brief["serviceDeploymentArn"]] }),
    );
    let deployment = &described["serviceDeployments"][0];
    assert_eq!(deployment["rollback"]["serviceRevisionArn"], before);
    assert_eq!(deployment["alarms"]["status"], "TRIGGERED");
    let active = describe(&ecs, &arn)["activeConfigurations"].clone();
    assert_eq!(active.as_array().map(Vec::len), Some(1));
    assert_eq!(active[0]["serviceRevisionArn"], before);
    assert_eq!(ecs.export(REGION, "api"), Some(Export::LocalCollector));
}

#[test]
fn a_newer_update_stops_the_running_deployment() {
    let (ecs, clock, _) = ecs();
    let arn = create(&ecs, "api");
    clock.advance(DEPLOY);
    with_xray_environment(&ecs, &arn);
    clock.advance(0.3 * DEPLOY);
    call(
        &ecs,
        "UpdateExpressGatewayService",
        json!({ "serviceArn": arn, "cpu": "1024" }),
    );
    let listed = call(&ecs, "ListServiceDeployments", json!({ "service": arn }));
    let statuses: Vec<&str> = listed["serviceDeployments"]
        .as_array()
        .expect("deployments")
        .iter()
        .filter_map(|d| d["status"].as_str())
        .collect();
    assert_eq!(
        statuses,
        ["PENDING", "STOPPED", "SUCCESSFUL"],
        "newest first"
    );
    let stopped = call(
        &ecs,
        "ListServiceDeployments",
        json!({ "service": "api", "cluster": "default", "status": ["STOPPED"] }),
    );
    assert_eq!(
        stopped["serviceDeployments"].as_array().map(Vec::len),
        Some(1)
    );
    clock.advance(DEPLOY);
    let settled = describe(&ecs, &arn)["activeConfigurations"][0].clone();
    assert_eq!(settled["cpu"], "1024");
    assert_eq!(
        settled["primaryContainer"]["environment"][0]["value"], XRAY,
        "the newer update started from the newest configuration"
    );
}

#[test]
fn a_deleted_service_drains_then_leaves_the_list() {
    let (ecs, clock, _) = ecs();
    let arn = create(&ecs, "api");
    let kept = create(&ecs, "web");
    let deleted = call(
        &ecs,
        "DeleteExpressGatewayService",
        json!({ "serviceArn": arn }),
    );
    assert_eq!(deleted["service"]["status"]["statusCode"], "DRAINING");
    let listed = |ecs: &Ecs| {
        call(
            ecs,
            "ListServices",
            json!({ "resourceManagementType": "ECS" }),
        )["serviceArns"]
            .clone()
    };
    assert_eq!(listed(&ecs), json!([arn, kept]));
    assert_eq!(
        error(
            &ecs,
            "UpdateExpressGatewayService",
            json!({ "serviceArn": arn })
        ),
        "ServiceNotActiveException"
    );
    clock.advance(DEPLOY);
    assert_eq!(listed(&ecs), json!([kept]));
    assert_eq!(describe(&ecs, &arn)["status"]["statusCode"], "INACTIVE");
    assert_eq!(newest_deployment(&ecs, &arn)["status"], "STOPPED");
}
