//! ECS SDK shapes → `shared::api` types, and the configuration view the tracing heuristic reads.

use aws_sdk_ecs::types::{
    EcsExpressGatewayService, ExpressGatewayServiceConfiguration, ServiceDeployment,
    ServiceDeploymentBrief,
};
use aws_smithy_types::DateTime;
use shared::api::{
    DeploymentBrief, DeploymentProgress, DeploymentStatus, EnvVar, ExpressConfiguration,
    ExpressStatus, Operation, OperationKind, OperationStatus, Scaling, ServiceStatus,
};

use super::listing::last_part;
use super::setup::ConfigView;

fn epoch(time: &DateTime) -> f64 {
    time.as_secs_f64()
}

/// The configuration a change starts from and the page shows: the newest active one (while a
/// deployment runs, the one being deployed). AWS's order of `activeConfigurations` is
/// undocumented, so the newest is picked by `createdAt`.
pub fn newest_configuration(
    service: &EcsExpressGatewayService,
) -> Option<&ExpressGatewayServiceConfiguration> {
    service.active_configurations().iter().max_by(|a, b| {
        let at = |c: &ExpressGatewayServiceConfiguration| c.created_at().map_or(0.0, epoch);
        at(a).total_cmp(&at(b))
    })
}

pub fn environment(config: &ExpressGatewayServiceConfiguration) -> Vec<(String, String)> {
    config
        .primary_container()
        .map(|c| c.environment())
        .unwrap_or_default()
        .iter()
        .filter_map(|pair| {
            Some((
                pair.name()?.to_owned(),
                pair.value().unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}

pub fn view(config: Option<&ExpressGatewayServiceConfiguration>) -> ConfigView {
    let Some(config) = config else {
        return ConfigView::default();
    };
    ConfigView {
        environment: environment(config),
        secret_names: config
            .primary_container()
            .map(|c| c.secrets())
            .unwrap_or_default()
            .iter()
            .map(|s| s.name().to_owned())
            .collect(),
        has_task_role: config.task_role_arn().is_some(),
        own_task_definition: config.primary_container().is_none()
            && config.task_definition_arn().is_some(),
    }
}

/// The endpoint as a link: AWS returns a bare host.
pub fn url(config: &ExpressGatewayServiceConfiguration) -> Option<String> {
    let endpoint = config.ingress_paths().first()?.endpoint();
    Some(if endpoint.contains("://") {
        endpoint.to_owned()
    } else {
        format!("https://{endpoint}")
    })
}

pub fn host(url: &str) -> String {
    url.split_once("://")
        .map_or(url, |(_, rest)| rest)
        .trim_end_matches('/')
        .to_owned()
}

pub fn express_status(service: &EcsExpressGatewayService) -> ExpressStatus {
    service
        .status()
        .and_then(|s| s.status_code())
        .map_or(ExpressStatus::Other(String::new()), |c| {
            ExpressStatus::from(c.as_str())
        })
}

/// App Runner's status vocabulary for the list's shared column (see `ServiceStatus`).
pub fn service_status(status: &ExpressStatus, deploying: bool) -> ServiceStatus {
    match status {
        ExpressStatus::Active if deploying => ServiceStatus::OperationInProgress,
        ExpressStatus::Active => ServiceStatus::Running,
        ExpressStatus::Inactive => ServiceStatus::Deleted,
        other => ServiceStatus::Other(other.as_str().to_owned()),
    }
}

pub fn configuration(config: &ExpressGatewayServiceConfiguration) -> ExpressConfiguration {
    let container = config.primary_container();
    let view = view(Some(config));
    ExpressConfiguration {
        revision_arn: config.service_revision_arn().map(str::to_owned),
        created_at: config.created_at().map(epoch),
        image: container.map(|c| c.image().to_owned()),
        container_port: container.and_then(|c| c.container_port()),
        cpu: config.cpu().map(str::to_owned),
        memory: config.memory().map(str::to_owned),
        health_check_path: config.health_check_path().map(str::to_owned),
        scaling: config.scaling_target().map(|s| Scaling {
            min_tasks: s.min_task_count(),
            max_tasks: s.max_task_count(),
            metric: s.auto_scaling_metric().map(|m| m.as_str().to_owned()),
            target_value: s.auto_scaling_target_value(),
        }),
        execution_role_arn: config.execution_role_arn().map(str::to_owned),
        task_role_arn: config.task_role_arn().map(str::to_owned),
        task_definition_arn: config.task_definition_arn().map(str::to_owned),
        own_task_definition: view.own_task_definition,
        otel_environment: view
            .environment
            .iter()
            .filter(|(name, _)| name.starts_with("OTEL_"))
            .map(|(name, value)| EnvVar {
                name: name.clone(),
                value: value.clone(),
            })
            .collect(),
        secret_names: view.secret_names,
    }
}

pub fn deployment_brief(brief: &ServiceDeploymentBrief) -> Option<DeploymentBrief> {
    let arn = brief.service_deployment_arn()?;
    Some(DeploymentBrief {
        id: last_part(arn).to_owned(),
        arn: arn.to_owned(),
        status: brief
            .status()
            .map_or(DeploymentStatus::Other(String::new()), |s| {
                s.as_str().into()
            }),
        status_reason: brief.status_reason().map(str::to_owned),
        created_at: brief.created_at().map(epoch),
        started_at: brief.started_at().map(epoch),
        finished_at: brief.finished_at().map(epoch),
        target_revision_arn: brief.target_service_revision_arn().map(str::to_owned),
    })
}

/// A deployment as the App Runner-shaped operation the tracing switch already follows.
pub fn operation(brief: &DeploymentBrief, service_arn: &str) -> Operation {
    Operation {
        id: brief.id.clone(),
        kind: OperationKind::Other("SERVICE_DEPLOYMENT".into()),
        status: operation_status(&brief.status),
        target_arn: Some(service_arn.to_owned()),
        started_at: brief.started_at.or(brief.created_at),
        ended_at: brief.finished_at,
        updated_at: brief.finished_at.or(brief.started_at),
    }
}

/// ECS deployment statuses in App Runner's operation vocabulary: a rollback that succeeded is
/// a change that did not take, as App Runner's `ROLLBACK_SUCCEEDED`.
pub fn operation_status(status: &DeploymentStatus) -> OperationStatus {
    match status {
        DeploymentStatus::Pending => OperationStatus::Pending,
        DeploymentStatus::InProgress | DeploymentStatus::StopRequested => {
            OperationStatus::InProgress
        }
        DeploymentStatus::Successful => OperationStatus::Succeeded,
        DeploymentStatus::Stopped => OperationStatus::Failed,
        DeploymentStatus::RollbackRequested | DeploymentStatus::RollbackInProgress => {
            OperationStatus::RollbackInProgress
        }
        DeploymentStatus::RollbackSuccessful => OperationStatus::RollbackSucceeded,
        DeploymentStatus::RollbackFailed => OperationStatus::RollbackFailed,
        DeploymentStatus::Other(raw) => OperationStatus::Other(raw.clone()),
    }
}

pub fn progress(deployment: &ServiceDeployment) -> DeploymentProgress {
    DeploymentProgress {
        status: deployment
            .status()
            .map_or(DeploymentStatus::Other(String::new()), |s| {
                s.as_str().into()
            }),
        status_reason: deployment.status_reason().map(str::to_owned),
        stage: deployment.lifecycle_stage().map(|s| s.as_str().to_owned()),
        target_weight: deployment
            .target_service_revision()
            .and_then(|r| r.requested_production_traffic_weight()),
        rollback_reason: deployment
            .rollback()
            .and_then(|r| r.reason())
            .map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_statuses() {
        let check = |ecs: &str, expect: &str| {
            assert_eq!(operation_status(&ecs.into()).as_str(), expect, "{ecs}");
        };
        check("PENDING", "PENDING");
        check("IN_PROGRESS", "IN_PROGRESS");
        check("SUCCESSFUL", "SUCCEEDED");
        check("STOPPED", "FAILED");
        check("ROLLBACK_IN_PROGRESS", "ROLLBACK_IN_PROGRESS");
        check("ROLLBACK_SUCCESSFUL", "ROLLBACK_SUCCEEDED");
        check("ROLLBACK_FAILED", "ROLLBACK_FAILED");
        check("SOMETHING_NEW", "SOMETHING_NEW");
        let status = |code: &str, deploying| service_status(&code.into(), deploying).to_string();
        assert_eq!(status("ACTIVE", false), "RUNNING");
        assert_eq!(status("ACTIVE", true), "OPERATION_IN_PROGRESS");
        assert_eq!(status("DRAINING", false), "DRAINING");
        assert_eq!(status("INACTIVE", false), "DELETED");
        assert_eq!(
            host("https://se-1.ecs.us-east-1.on.aws/"),
            "se-1.ecs.us-east-1.on.aws"
        );
    }
}
