//! ListServices, DescribeService, UpdateService, PauseService, ResumeService, ListOperations.

use serde_json::{Map, Value, json};

use super::input::{
    ListInput, ObservabilityInput, ServiceInput, page_size, required, token_within,
};
use super::state::{Observability, OperationType, Pending, ServiceRecord, ServiceStatus};
use super::{Ctx, observability, shapes};
use crate::protocol::{AwsError, AwsResult, page};

const SERVICE_PAGE_MAX: i64 = 20;
const SERVICE_TOKEN_MAX_LEN: usize = 51_200;

pub fn list(ctx: &mut Ctx<'_>, input: ListInput) -> AwsResult<Value> {
    let size = page_size(input.max_results, SERVICE_PAGE_MAX)?;
    let token = token_within(&input.next_token, SERVICE_TOKEN_MAX_LEN)?;
    let summaries: Vec<Value> = ctx
        .state
        .services
        .iter()
        .map(shapes::service_summary)
        .collect();
    let (items, next) = page(&summaries, token, size)?;
    Ok(with_token(json!({ "ServiceSummaryList": items }), next))
}

pub fn describe(ctx: &mut Ctx<'_>, input: ServiceInput) -> AwsResult<Value> {
    let service = find(ctx, &input.service_arn)?;
    Ok(json!({ "Service": shapes::service(service) }))
}

pub fn update(ctx: &mut Ctx<'_>, input: ServiceInput) -> AwsResult<Value> {
    // The service's own state is checked before the request's contents, as App Runner does.
    let service = find(ctx, &input.service_arn)?;
    ensure_idle(service)?;
    if service.status == ServiceStatus::Paused {
        return Err(paused_error(service));
    }
    let observability = input
        .observability_configuration
        .as_ref()
        .map(|o| resolve_observability(ctx, o))
        .transpose()?;
    let pending = Pending {
        ends_at: 0.0,
        status: ServiceStatus::Running,
        observability,
        members: requested_members(&input),
    };
    let (now, duration) = (ctx.now, ctx.operation_seconds);
    let service = find_mut(ctx, &input.service_arn)?;
    let id = service.begin(OperationType::Update, now, duration, pending);
    Ok(json!({ "Service": shapes::service(service), "OperationId": id }))
}

/// The Service members an UpdateService call replaces; the rest stay as they are.
fn requested_members(input: &ServiceInput) -> Map<String, Value> {
    let mut members = Map::new();
    let given = [
        ("SourceConfiguration", &input.source_configuration),
        ("InstanceConfiguration", &input.instance_configuration),
        (
            "HealthCheckConfiguration",
            &input.health_check_configuration,
        ),
        ("NetworkConfiguration", &input.network_configuration),
    ];
    for (key, value) in given {
        if let Some(value) = value {
            members.insert(key.to_owned(), value.clone());
        }
    }
    if let Some(arn) = &input.auto_scaling_configuration_arn {
        members.insert(
            "AutoScalingConfigurationSummary".to_owned(),
            json!({ "AutoScalingConfigurationArn": arn, "IsDefault": false }),
        );
    }
    members
}

pub fn pause(ctx: &mut Ctx<'_>, input: ServiceInput) -> AwsResult<Value> {
    transition(
        ctx,
        input,
        OperationType::Pause,
        ServiceStatus::Running,
        ServiceStatus::Paused,
    )
}

pub fn resume(ctx: &mut Ctx<'_>, input: ServiceInput) -> AwsResult<Value> {
    transition(
        ctx,
        input,
        OperationType::Resume,
        ServiceStatus::Paused,
        ServiceStatus::Running,
    )
}

pub fn list_operations(ctx: &mut Ctx<'_>, input: ListInput) -> AwsResult<Value> {
    let size = page_size(input.max_results, SERVICE_PAGE_MAX)?;
    let token = token_within(&input.next_token, SERVICE_TOKEN_MAX_LEN)?;
    let now = ctx.now;
    let service = find(ctx, &input.service_arn)?;
    let newest_first: Vec<Value> = service
        .operations
        .iter()
        .rev()
        .map(|op| shapes::operation(op, &service.arn, now))
        .collect();
    let (items, next) = page(&newest_first, token, size)?;
    Ok(with_token(json!({ "OperationSummaryList": items }), next))
}

fn transition(
    ctx: &mut Ctx<'_>,
    input: ServiceInput,
    kind: OperationType,
    from: ServiceStatus,
    to: ServiceStatus,
) -> AwsResult<Value> {
    let (now, duration) = (ctx.now, ctx.operation_seconds);
    let service = find_mut(ctx, &input.service_arn)?;
    ensure_idle(service)?;
    if service.status != from {
        return Err(AwsError::invalid_state(format!(
            "You can't perform this action when the service '{}' is in {} state; it must be {}.",
            service.name,
            service.status.as_str(),
            from.as_str()
        )));
    }
    let pending = Pending {
        ends_at: 0.0,
        status: to,
        observability: None,
        members: Map::new(),
    };
    let id = service.begin(kind, now, duration, pending);
    Ok(json!({ "Service": shapes::service(service), "OperationId": id }))
}

fn resolve_observability(ctx: &Ctx<'_>, input: &ObservabilityInput) -> AwsResult<Observability> {
    let enabled = input.observability_enabled.ok_or_else(|| {
        AwsError::invalid_request("ObservabilityConfiguration.ObservabilityEnabled is required")
    })?;
    match (enabled, &input.observability_configuration_arn) {
        (false, None) => Ok(Observability {
            enabled: false,
            configuration_arn: None,
        }),
        (false, Some(_)) => Err(AwsError::invalid_request(
            "ObservabilityConfigurationArn can only be given when ObservabilityEnabled is true",
        )),
        (true, None) => Err(AwsError::invalid_request(
            "ObservabilityConfigurationArn is required when ObservabilityEnabled is true",
        )),
        (true, Some(config_arn)) => {
            let config = observability::resolve(ctx, config_arn)?;
            Ok(Observability {
                enabled: true,
                configuration_arn: Some(config.arn.clone()),
            })
        }
    }
}

fn ensure_idle(service: &ServiceRecord) -> AwsResult<()> {
    if service.busy() {
        return Err(AwsError::invalid_state(format!(
            "You can't perform this action when the service '{}' is in OPERATION_IN_PROGRESS state; wait for the current operation to finish.",
            service.name
        )));
    }
    Ok(())
}

fn paused_error(service: &ServiceRecord) -> AwsError {
    AwsError::invalid_state(format!(
        "You can't update the service '{}' while it is PAUSED; resume it first.",
        service.name
    ))
}

fn find<'a>(ctx: &'a Ctx<'_>, service_arn: &Option<String>) -> AwsResult<&'a ServiceRecord> {
    let service_arn = checked_arn(service_arn)?;
    ctx.state
        .services
        .iter()
        .find(|s| s.arn == service_arn)
        .ok_or_else(|| not_found(service_arn))
}

fn find_mut<'a>(
    ctx: &'a mut Ctx<'_>,
    service_arn: &Option<String>,
) -> AwsResult<&'a mut ServiceRecord> {
    let service_arn = checked_arn(service_arn)?;
    ctx.state
        .services
        .iter_mut()
        .find(|s| s.arn == service_arn)
        .ok_or_else(|| not_found(service_arn))
}

fn checked_arn(service_arn: &Option<String>) -> AwsResult<&str> {
    let service_arn = required(service_arn, "ServiceArn")?;
    if !service_arn.starts_with("arn:aws:apprunner:") || !service_arn.contains(":service/") {
        return Err(AwsError::invalid_request(format!(
            "'{service_arn}' is not an App Runner service ARN"
        )));
    }
    Ok(service_arn)
}

fn not_found(service_arn: &str) -> AwsError {
    AwsError::not_found(format!(
        "Service with ARN '{service_arn}' not found in this account and region"
    ))
}

pub(super) fn with_token(mut value: Value, next: Option<String>) -> Value {
    if let Some(token) = next {
        value["NextToken"] = json!(token);
    }
    value
}
