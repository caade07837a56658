//! The JSON shapes ECS returns for Express services and their deployments. Members the model
//! marks required are always present, so botocore and the Rust SDK parse them without complaint.

use serde_json::{Value, json};

use super::deployment::{CANARY_PERCENT, Deployment, Phase, Status};
use super::state::{Lifecycle, Revision, ServiceRecord};

/// `ECSExpressGatewayService`; tags only when `include: ["TAGS"]` asked for them.
pub fn express_service(
    record: &ServiceRecord,
    lifecycle: Lifecycle,
    now: f64,
    with_tags: bool,
) -> Value {
    let mut value = json!({
        "cluster": record.cluster_arn,
        "serviceName": record.name,
        "serviceArn": record.arn,
        "infrastructureRoleArn": record.infrastructure_role_arn,
        "status": status(lifecycle),
        "activeConfigurations": record
            .active_revisions(now)
            .into_iter()
            .map(|revision| configuration(revision, &record.endpoint))
            .collect::<Vec<_>>(),
        "createdAt": record.created_at,
        "updatedAt": record.updated_at,
    });
    if let Some(deployment) = record.current_deployment() {
        value["currentDeployment"] = json!(deployment.arn);
    }
    if with_tags {
        value["tags"] = record.tags.clone().unwrap_or_else(|| json!([]));
    }
    value
}

/// `UpdatedExpressGatewayService`: the service with the configuration it is moving to.
pub fn updated_service(record: &ServiceRecord, lifecycle: Lifecycle, target: &Revision) -> Value {
    json!({
        "serviceArn": record.arn,
        "cluster": record.cluster_arn,
        "serviceName": record.name,
        "status": status(lifecycle),
        "targetConfiguration": configuration(target, &record.endpoint),
        "createdAt": record.created_at,
        "updatedAt": record.updated_at,
    })
}

fn status(lifecycle: Lifecycle) -> Value {
    let mut status = json!({ "statusCode": lifecycle.as_str() });
    match lifecycle {
        Lifecycle::Active => {}
        Lifecycle::Draining => status["statusReason"] = json!("The service is being deleted."),
        Lifecycle::Inactive => status["statusReason"] = json!("The service was deleted."),
    }
    status
}

/// An `activeConfigurations` entry: the settings as asked for, plus what ECS made of them.
pub fn configuration(revision: &Revision, endpoint: &str) -> Value {
    let mut value = serde_json::to_value(&revision.settings).unwrap_or_else(|_| json!({}));
    value["serviceRevisionArn"] = json!(revision.arn);
    value["taskDefinitionArn"] = json!(revision.task_definition_arn);
    value["ingressPaths"] = json!([{ "accessType": "PUBLIC", "endpoint": endpoint }]);
    value["createdAt"] = json!(revision.created_at);
    value
}

/// A `ServiceDeploymentBrief` (ListServiceDeployments).
pub fn deployment_brief(record: &ServiceRecord, deployment: &Deployment, now: f64) -> Value {
    let phase = deployment.phase(now);
    let mut value = json!({
        "serviceDeploymentArn": deployment.arn,
        "serviceArn": record.arn,
        "clusterArn": record.cluster_arn,
        "createdAt": deployment.created_at,
        "status": phase.status.as_str(),
    });
    if let Some(target) = record.revisions.get(deployment.target) {
        value["targetServiceRevisionArn"] = json!(target.arn);
    }
    add_times(&mut value, &phase);
    if let Some(reason) = reason(deployment, &phase) {
        value["statusReason"] = json!(reason);
    }
    value
}

/// A `ServiceDeployment` (DescribeServiceDeployments): the brief plus the stage, the traffic
/// split between the revisions, the canary configuration and the alarm.
pub fn deployment(record: &ServiceRecord, deployment: &Deployment, now: f64) -> Value {
    let phase = deployment.phase(now);
    let mut value = deployment_brief(record, deployment, now);
    if let Some(object) = value.as_object_mut() {
        object.remove("targetServiceRevisionArn");
    }
    let tasks = record
        .revisions
        .get(deployment.target)
        .and_then(|r| r.settings.scaling_target.as_ref())
        .and_then(|s| s.min_task_count)
        .unwrap_or(1)
        .max(1);
    let scaled_up = phase.stage != "RECONCILE_SERVICE" && phase.stage != "SCALE_UP";
    let running = if scaled_up || phase.status == Status::Successful {
        tasks
    } else {
        0
    };
    value["lifecycleStage"] = json!(phase.stage);
    value["updatedAt"] = json!(phase.finished_at.unwrap_or(now));
    if let Some(target) = record.revisions.get(deployment.target) {
        value["targetServiceRevision"] = json!({
            "arn": target.arn,
            "requestedTaskCount": tasks,
            "runningTaskCount": running,
            "pendingTaskCount": tasks - running,
            "requestedProductionTrafficWeight": phase.target_weight,
        });
    }
    let source = deployment.source.and_then(|i| record.revisions.get(i));
    value["sourceServiceRevisions"] = json!(
        source
            .map(|s| vec![json!({
                "arn": s.arn,
                "requestedTaskCount": tasks,
                "runningTaskCount": tasks,
                "pendingTaskCount": 0,
                "requestedProductionTrafficWeight": 100.0 - phase.target_weight,
            })])
            .unwrap_or_default()
    );
    value["deploymentConfiguration"] = json!({
        "strategy": "CANARY",
        "canaryConfiguration": { "canaryPercent": CANARY_PERCENT, "canaryBakeTimeInMinutes": 3 },
        "bakeTimeInMinutes": 3,
        "maximumPercent": 200,
        "minimumHealthyPercent": 100,
        "deploymentCircuitBreaker": { "enable": true, "rollback": true },
        "alarms": { "alarmNames": [alarm_name(record)], "enable": true, "rollback": true },
    });
    value["deploymentCircuitBreaker"] = json!({
        "status": if phase.status.finished() { "MONITORING_COMPLETE" } else { "MONITORING" },
        "failureCount": 0,
        "threshold": 3,
    });
    let mut alarms = json!({
        "status": alarm_status(&phase),
        "alarmNames": [alarm_name(record)],
    });
    if let (Some(started_at), Some(source)) = (phase.rollback_started_at, source) {
        alarms["triggeredAlarmNames"] = json!([alarm_name(record)]);
        value["rollback"] = json!({
            "reason": format!(
                "The alarm {} went into ALARM: 4xx and 5xx answers of the canary passed 1 %.",
                alarm_name(record)
            ),
            "startedAt": started_at,
            "serviceRevisionArn": source.arn,
        });
    }
    value["alarms"] = alarms;
    value
}

fn add_times(value: &mut Value, phase: &Phase) {
    if let Some(started_at) = phase.started_at {
        value["startedAt"] = json!(started_at);
    }
    if let Some(finished_at) = phase.finished_at {
        value["finishedAt"] = json!(finished_at);
    }
}

fn reason(deployment: &Deployment, phase: &Phase) -> Option<String> {
    match phase.status {
        Status::Stopped => deployment.stopped.map(|(_, why)| why.to_owned()),
        Status::RollbackInProgress | Status::RollbackSuccessful => {
            Some("The deployment alarm went into ALARM during the canary.".to_owned())
        }
        _ => None,
    }
}

fn alarm_status(phase: &Phase) -> &'static str {
    if phase.rollback_started_at.is_some() {
        "TRIGGERED"
    } else if phase.status.finished() {
        "MONITORING_COMPLETE"
    } else {
        "MONITORING"
    }
}

/// The alarm Express creates for a service's deployments (its real name is undocumented).
fn alarm_name(record: &ServiceRecord) -> String {
    format!("ecs-express-{}-{}-errors", record.cluster, record.name)
}
