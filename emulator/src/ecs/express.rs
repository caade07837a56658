//! CreateExpressGatewayService, DescribeExpressGatewayService, UpdateExpressGatewayService and
//! DeleteExpressGatewayService.

use serde_json::{Value, json};

use super::deployment::Deployment;
use super::errors::{
    cluster_not_found, invalid_parameter, resource_not_found, service_not_active, service_not_found,
};
use super::input::{CreateInput, ServiceInput, UpdateInput, required, service_name};
use super::settings::{Settings, role_arn};
use super::state::{Cluster, Lifecycle, Revision, ServiceRecord};
use super::{Ctx, DEFAULT_CLUSTER, arn, shapes};
use crate::protocol::AwsResult;

const SUPERSEDED: &str = "Stopped because a newer deployment of the service started.";
const DELETED: &str = "Stopped because the service is being deleted.";

pub fn create(ctx: &mut Ctx<'_>, input: CreateInput) -> AwsResult<Value> {
    let infrastructure_role = required(&input.infrastructure_role_arn, "infrastructureRoleArn")?;
    role_arn("infrastructureRoleArn", infrastructure_role)?;
    let cluster = match &input.cluster {
        Some(reference) => arn::name_of(reference, "cluster")
            .ok_or_else(|| invalid_parameter(format!("'{reference}' is not a cluster.")))?,
        None => DEFAULT_CLUSTER.to_owned(),
    };
    let cluster_arn = ensure_cluster(ctx, &cluster)?;
    let name = match &input.service_name {
        Some(name) => name.clone(),
        None => generated_name(ctx, &input.settings),
    };
    service_name(&name)?;
    let taken = ctx.state.services.iter().any(|s| {
        s.cluster == cluster
            && s.name == name
            && s.lifecycle(ctx.now, ctx.deployment_seconds) != Lifecycle::Inactive
    });
    if taken {
        return Err(invalid_parameter("Creation of service was not idempotent."));
    }
    let log_suffix = format!("{:04x}", rand::Rng::random::<u16>(ctx.rng));
    let settings = input.settings.with_defaults(&cluster, &name, &log_suffix);
    settings.validate()?;
    let mut record = ServiceRecord {
        arn: arn::service(ctx.region, ctx.account, &cluster, &name),
        endpoint: arn::endpoint_host(ctx.region, &cluster, &name),
        infrastructure_role_arn: infrastructure_role.to_owned(),
        tags: input.tags,
        created_at: ctx.now,
        updated_at: ctx.now,
        deleted_at: None,
        revisions: Vec::new(),
        deployments: Vec::new(),
        name,
        cluster,
        cluster_arn,
    };
    deploy(ctx, &mut record, settings, false);
    let value = shapes::express_service(&record, Lifecycle::Active, ctx.now, false);
    ctx.state.services.push(record);
    Ok(json!({ "service": value }))
}

pub fn describe(ctx: &mut Ctx<'_>, input: ServiceInput) -> AwsResult<Value> {
    let service_arn = checked_arn(&input.service_arn)?;
    let record = ctx
        .state
        .services
        .iter()
        .rev()
        .find(|s| s.arn == service_arn)
        .ok_or_else(|| resource_not_found(service_arn))?;
    let with_tags = input.include.iter().flatten().any(|i| i == "TAGS");
    let lifecycle = record.lifecycle(ctx.now, ctx.deployment_seconds);
    Ok(json!({ "service": shapes::express_service(record, lifecycle, ctx.now, with_tags) }))
}

pub fn update(ctx: &mut Ctx<'_>, input: UpdateInput) -> AwsResult<Value> {
    let index = active_service(ctx, &input.service_arn)?;
    let record = &ctx.state.services[index];
    let current = record.latest_settings(ctx.now).cloned().unwrap_or_default();
    let next = current.updated_with(input.settings);
    next.validate()?;
    let mut record = ctx.state.services[index].clone();
    let rollback = ctx.rollback;
    let target = deploy(ctx, &mut record, next, rollback);
    let value = shapes::updated_service(&record, Lifecycle::Active, &record.revisions[target]);
    ctx.state.services[index] = record;
    Ok(json!({ "service": value }))
}

pub fn delete(ctx: &mut Ctx<'_>, input: ServiceInput) -> AwsResult<Value> {
    let index = active_service(ctx, &input.service_arn)?;
    let now = ctx.now;
    let record = &mut ctx.state.services[index];
    stop_running(record, now, DELETED);
    record.deleted_at = Some(now);
    record.updated_at = now;
    Ok(json!({ "service": shapes::express_service(record, Lifecycle::Draining, now, false) }))
}

/// Records a new revision and the deployment that rolls it out (stopping one still running);
/// returns the new revision's index.
fn deploy(
    ctx: &mut Ctx<'_>,
    record: &mut ServiceRecord,
    settings: Settings,
    rollback: bool,
) -> usize {
    let now = ctx.now;
    let source = record
        .serving(now)
        .and_then(|serving| record.revisions.iter().position(|r| r.arn == serving.arn));
    stop_running(record, now, SUPERSEDED);
    let number = record.revisions.len() + 1;
    let task_definition_arn = settings
        .task_definition_arn
        .clone()
        .unwrap_or_else(|| arn::task_definition(ctx.region, ctx.account, &record.name, number));
    let revision_id = arn::revision_id(ctx.rng);
    record.revisions.push(Revision {
        arn: arn::service_revision(
            ctx.region,
            ctx.account,
            &record.cluster,
            &record.name,
            revision_id,
        ),
        task_definition_arn,
        settings,
        created_at: now,
    });
    let target = record.revisions.len() - 1;
    let id = arn::deployment_id(ctx.rng);
    record.deployments.push(Deployment {
        arn: arn::service_deployment(ctx.region, ctx.account, &record.cluster, &record.name, &id),
        created_at: now,
        duration: ctx.deployment_seconds,
        source,
        target,
        rollback: rollback && source.is_some(),
        stopped: None,
    });
    record.updated_at = now;
    target
}

fn stop_running(record: &mut ServiceRecord, now: f64, reason: &'static str) {
    if let Some(running) = record.deployments.last_mut()
        && !running.phase(now).status.finished()
    {
        running.stopped = Some((now, reason));
    }
}

/// The index of the ACTIVE service a change names.
fn active_service(ctx: &Ctx<'_>, service_arn: &Option<String>) -> AwsResult<usize> {
    let service_arn = checked_arn(service_arn)?;
    let index = ctx
        .state
        .services
        .iter()
        .rposition(|s| s.arn == service_arn)
        .ok_or_else(service_not_found)?;
    let record = &ctx.state.services[index];
    match record.lifecycle(ctx.now, ctx.deployment_seconds) {
        Lifecycle::Active => Ok(index),
        other => Err(service_not_active(&record.name, other.as_str())),
    }
}

fn checked_arn(service_arn: &Option<String>) -> AwsResult<&str> {
    let service_arn = required(service_arn, "serviceArn")?;
    if !service_arn.starts_with("arn:aws:ecs:") || arn::cluster_of_service(service_arn).is_none() {
        return Err(invalid_parameter(format!(
            "'{service_arn}' is not an ECS service ARN (arn:aws:ecs:<region>:<account>:service/<cluster>/<name>)."
        )));
    }
    Ok(service_arn)
}

/// The cluster's ARN; `default` is created on first use, as Express does.
fn ensure_cluster(ctx: &mut Ctx<'_>, name: &str) -> AwsResult<String> {
    if let Some(cluster) = ctx.state.cluster(name) {
        return Ok(cluster.arn.clone());
    }
    if name != DEFAULT_CLUSTER {
        return Err(cluster_not_found());
    }
    let cluster_arn = arn::cluster(ctx.region, ctx.account, name);
    ctx.state.clusters.push(Cluster {
        name: name.to_owned(),
        arn: cluster_arn.clone(),
    });
    Ok(cluster_arn)
}

/// ECS names a service after its image when the create gives no name.
fn generated_name(ctx: &mut Ctx<'_>, settings: &Settings) -> String {
    let image = settings
        .primary_container
        .as_ref()
        .and_then(|c| c.image.as_deref())
        .unwrap_or("service");
    let repository = image.rsplit('/').next().unwrap_or(image);
    let base: String = repository
        .split([':', '@'])
        .next()
        .unwrap_or("service")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(200)
        .collect();
    let base = if base.is_empty() {
        "service".to_owned()
    } else {
        base
    };
    format!("{base}-{:04x}", rand::Rng::random::<u16>(ctx.rng))
}
