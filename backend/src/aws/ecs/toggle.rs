//! Turning tracing on or off for an Express service: the service must be ACTIVE with no
//! deployment running; the new environment comes from [`plan`]; UpdateExpressGatewayService is
//! sent every member of the current configuration (whether omitted members are kept is
//! unconfirmed), with the whole primary container and its new environment. ECS answers with the
//! configuration it deploys; the deployment that rolls it out is the operation to follow.

use aws_sdk_ecs::types::{
    EcsExpressGatewayService, ExpressGatewayServiceConfiguration, KeyValuePair,
};
use shared::api::{ExpressChange, ExpressStatus, SetTracingAccepted, TracingSetup};

use super::listing::Listed;
use super::plan::{self, Change};
use super::setup::{self, ConfigView};
use super::{calls, convert};
use crate::aws::UpstreamResult;
use crate::aws::clients::RegionClients;
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;

const ACTION: &str = "ecs:UpdateExpressGatewayService";

/// What turning tracing on would change, or why it cannot be done.
pub fn plan_on(
    listed: &Listed,
    config: Option<&ExpressGatewayServiceConfiguration>,
    region: &str,
) -> Result<Change, String> {
    let name = &listed.name;
    let config = config.ok_or_else(|| format!("{name} has no active configuration"))?;
    let view = convert::view(Some(config));
    let setup = setup::setup(&view, region);
    refuse_own_definition(name, &view)?;
    if setup::tracing(&setup).is_some_and(|t| t.enabled) {
        return Err(already_on(name, &setup));
    }
    if !view.has_task_role {
        return Err(format!(
            "{name} has no task role, so its SDK cannot sign the spans it sends to X-Ray: give \
             it a task role with X-Ray write access (AWSXrayWriteOnlyAccess) first"
        ));
    }
    plan::turn_on(&view.environment, &view.secret_names, region, name)
}

/// What turning tracing off would change, or why it cannot be done.
pub fn plan_off(
    listed: &Listed,
    config: Option<&ExpressGatewayServiceConfiguration>,
) -> Result<Change, String> {
    let name = &listed.name;
    let config = config.ok_or_else(|| format!("{name} has no active configuration"))?;
    let view = convert::view(Some(config));
    refuse_own_definition(name, &view)?;
    plan::turn_off(&view.environment, name)
}

fn refuse_own_definition(name: &str, view: &ConfigView) -> Result<(), String> {
    if view.own_task_definition {
        return Err(format!(
            "{name} runs its own task definition: change its OpenTelemetry settings (or add a \
             collector sidecar) there"
        ));
    }
    Ok(())
}

fn already_on(name: &str, setup: &TracingSetup) -> String {
    match &setup.endpoint {
        Some(endpoint) => format!("{name} already exports its spans to {endpoint}"),
        None => format!("{name} already exports its spans"),
    }
}

pub async fn set_tracing(
    clients: &RegionClients,
    region: &str,
    listed: &Listed,
    enabled: bool,
    limiter: &Limiter,
) -> UpstreamResult<SetTracingAccepted> {
    let client = &clients.ecs;
    let (service, deployments) = futures::try_join!(
        calls::describe(client, region, &listed.arn, limiter),
        calls::deployments(client, region, &listed.cluster, &listed.arn, limiter),
    )?;
    ensure_changeable(region, listed, &service, &deployments)?;
    let config = convert::newest_configuration(&service);
    let change = if enabled {
        plan_on(listed, config, region)
    } else {
        plan_off(listed, config)
    }
    .map_err(|reason| {
        UpstreamError::new(
            ErrorKind::Conflict {
                reason: reason.clone(),
            },
            ACTION,
            region,
            reason,
        )
    })?;
    let Some(config) = config else {
        return Err(fault(region, "no active configuration"));
    };
    let target = update(client, region, &listed.arn, config, &change, limiter).await?;
    let deployment_arn = find_deployment(client, region, listed, &target, limiter).await?;
    let transaction_search = if enabled {
        calls::transaction_search(&clients.xray, region, limiter).await
    } else {
        None
    };
    tracing::info!(region, service = %listed.name, enabled, deployment = %deployment_arn,
        "Express tracing change started");
    Ok(SetTracingAccepted {
        operation_id: super::listing::last_part(&deployment_arn).to_owned(),
        service_arn: listed.arn.clone(),
        express: Some(ExpressChange {
            deployment_arn,
            changes: change.changes,
            transaction_search,
        }),
    })
}

/// ACTIVE, and no deployment running (a new update would stop it half-way).
fn ensure_changeable(
    region: &str,
    listed: &Listed,
    service: &EcsExpressGatewayService,
    deployments: &[shared::api::DeploymentBrief],
) -> UpstreamResult<()> {
    let status = convert::express_status(service);
    if status != ExpressStatus::Active {
        return Err(UpstreamError::new(
            ErrorKind::NotRunning {
                service: listed.name.clone(),
                status: status.to_string(),
            },
            ACTION,
            region,
            "the Express service is not ACTIVE",
        ));
    }
    let running = deployments.first().is_some_and(|d| !d.status.is_finished());
    if running || service.active_configurations().len() > 1 {
        return Err(UpstreamError::new(
            ErrorKind::ServiceBusy,
            ACTION,
            region,
            "a deployment of the Express service is running",
        ));
    }
    Ok(())
}

/// Sends the whole configuration with the new environment; returns the revision ECS deploys.
async fn update(
    client: &aws_sdk_ecs::Client,
    region: &str,
    arn: &str,
    config: &ExpressGatewayServiceConfiguration,
    change: &Change,
    limiter: &Limiter,
) -> UpstreamResult<Option<String>> {
    let mut container = config
        .primary_container()
        .cloned()
        .ok_or_else(|| fault(region, "no primary container"))?;
    container.environment = Some(
        change
            .environment
            .iter()
            .map(|(name, value)| KeyValuePair::builder().name(name).value(value).build())
            .collect(),
    );
    let request = client
        .update_express_gateway_service()
        .service_arn(arn)
        .set_execution_role_arn(config.execution_role_arn().map(str::to_owned))
        .set_task_role_arn(config.task_role_arn().map(str::to_owned))
        .set_health_check_path(config.health_check_path().map(str::to_owned))
        .primary_container(container)
        .set_network_configuration(config.network_configuration().cloned())
        .set_cpu(config.cpu().map(str::to_owned))
        .set_memory(config.memory().map(str::to_owned))
        .set_cpu_architecture(config.cpu_architecture().cloned())
        .set_scaling_target(config.scaling_target().cloned());
    let output = limiter.call(ACTION, region, request.send()).await?;
    Ok(output
        .service()
        .and_then(|s| s.target_configuration())
        .and_then(|c| c.service_revision_arn())
        .map(str::to_owned))
}

/// The deployment rolling out `target`: UpdateExpressGatewayService does not name it, so it is
/// the listed deployment of that revision, else the service's `currentDeployment`.
async fn find_deployment(
    client: &aws_sdk_ecs::Client,
    region: &str,
    listed: &Listed,
    target: &Option<String>,
    limiter: &Limiter,
) -> UpstreamResult<String> {
    let deployments =
        calls::deployments(client, region, &listed.cluster, &listed.arn, limiter).await?;
    let of_target = deployments
        .iter()
        .find(|d| target.is_some() && d.target_revision_arn == *target);
    if let Some(deployment) = of_target {
        return Ok(deployment.arn.clone());
    }
    let service = calls::describe(client, region, &listed.arn, limiter).await?;
    service
        .current_deployment()
        .map(str::to_owned)
        .ok_or_else(|| fault(region, "the update started no deployment that ECS reports"))
}

fn fault(region: &str, detail: &str) -> UpstreamError {
    UpstreamError::new(ErrorKind::Fault, ACTION, region, detail)
}
