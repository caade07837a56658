//! Create/List/Describe/DeleteObservabilityConfiguration: named configurations with revisions.

use serde_json::{Value, json};

use super::arn::{self, ConfigRef};
use super::input::{ConfigInput, ListInput, page_size, required, token_within};
use super::services::with_token;
use super::state::ConfigRevision;
use super::{Ctx, DEFAULT_CONFIGURATION, shapes};
use crate::protocol::{AwsError, AwsResult, page};

const CONFIG_PAGE_MAX: i64 = 100;
const CONFIG_TOKEN_MAX_LEN: usize = 1_024;
/// App Runner's default quota of observability configuration names per region (not counting
/// the default one).
pub const MAX_CONFIGURATION_NAMES: usize = 10;

pub fn create(ctx: &mut Ctx<'_>, input: ConfigInput) -> AwsResult<Value> {
    let name = required(
        &input.observability_configuration_name,
        "ObservabilityConfigurationName",
    )?
    .to_owned();
    arn::validate_config_name(&name)?;
    if name == DEFAULT_CONFIGURATION {
        return Err(AwsError::invalid_request(format!(
            "The name '{DEFAULT_CONFIGURATION}' is reserved by App Runner; choose another name"
        )));
    }
    let traces = match input
        .trace_configuration
        .as_ref()
        .map(|t| t.vendor.as_deref())
    {
        None => false,
        Some(Some("AWSXRAY")) => true,
        Some(other) => {
            return Err(AwsError::invalid_request(format!(
                "TraceConfiguration.Vendor must be AWSXRAY, got {other:?}"
            )));
        }
    };
    let custom_names = ctx.state.active_names(DEFAULT_CONFIGURATION);
    if !custom_names.contains(name.as_str()) && custom_names.len() >= MAX_CONFIGURATION_NAMES {
        return Err(AwsError::service_quota_exceeded(format!(
            "You have reached the quota of {MAX_CONFIGURATION_NAMES} observability configurations in this region; delete one first"
        )));
    }
    let revision = ctx.state.next_revision(&name);
    let id = arn::resource_id(&[ctx.region, &name, &revision.to_string()]);
    let config = ConfigRevision {
        arn: arn::observability_arn(ctx.region, ctx.account, &name, revision, &id),
        name,
        revision,
        traces,
        created_at: ctx.now,
        deleted_at: None,
    };
    let created_arn = config.arn.clone();
    ctx.state.configs.push(config);
    // Rendered after storing it: only then is the new revision `Latest`.
    let created = find(ctx, &created_arn, true)?;
    Ok(
        json!({ "ObservabilityConfiguration": shapes::observability_configuration(created, ctx.state) }),
    )
}

pub fn list(ctx: &mut Ctx<'_>, input: ListInput) -> AwsResult<Value> {
    let size = page_size(input.max_results, CONFIG_PAGE_MAX)?;
    let token = token_within(&input.next_token, CONFIG_TOKEN_MAX_LEN)?;
    let latest_only = input.latest_only.unwrap_or(true);
    let name = input.observability_configuration_name.as_deref();
    let summaries: Vec<Value> = ctx
        .state
        .configs
        .iter()
        .filter(|c| c.active() && name.is_none_or(|n| c.name == n))
        .filter(|c| {
            !latest_only
                || ctx
                    .state
                    .latest(&c.name)
                    .is_some_and(|l| l.revision == c.revision)
        })
        .map(shapes::observability_summary)
        .collect();
    let (items, next) = page(&summaries, token, size)?;
    Ok(with_token(
        json!({ "ObservabilityConfigurationSummaryList": items }),
        next,
    ))
}

pub fn describe(ctx: &mut Ctx<'_>, input: ConfigInput) -> AwsResult<Value> {
    let arn = required(
        &input.observability_configuration_arn,
        "ObservabilityConfigurationArn",
    )?;
    let config = find(ctx, arn, true)?;
    Ok(
        json!({ "ObservabilityConfiguration": shapes::observability_configuration(config, ctx.state) }),
    )
}

pub fn delete(ctx: &mut Ctx<'_>, input: ConfigInput) -> AwsResult<Value> {
    let arn = required(
        &input.observability_configuration_arn,
        "ObservabilityConfigurationArn",
    )?;
    let config = find(ctx, arn, false)?;
    if config.name == DEFAULT_CONFIGURATION {
        return Err(AwsError::invalid_request(format!(
            "'{DEFAULT_CONFIGURATION}' is managed by App Runner and can't be deleted"
        )));
    }
    if ctx.state.in_use(&config.arn) {
        return Err(AwsError::invalid_request(format!(
            "Observability configuration '{}' is used by a service; turn observability off on that service or switch it to another configuration first",
            config.arn
        )));
    }
    let target = config.arn.clone();
    let now = ctx.now;
    let stored = ctx.state.configs.iter_mut().find(|c| c.arn == target);
    if let Some(stored) = stored {
        stored.deleted_at = Some(now);
    }
    let deleted = find(ctx, &target, true)?;
    Ok(
        json!({ "ObservabilityConfiguration": shapes::observability_configuration(deleted, ctx.state) }),
    )
}

/// The active revision an ARN names (`…/name` means the latest); UpdateService uses this too.
pub fn resolve<'a>(ctx: &'a Ctx<'_>, config_arn: &str) -> AwsResult<&'a ConfigRevision> {
    find(ctx, config_arn, false)
}

fn find<'a>(
    ctx: &'a Ctx<'_>,
    config_arn: &str,
    include_inactive: bool,
) -> AwsResult<&'a ConfigRevision> {
    let ConfigRef { name, revision, id } =
        arn::parse_observability_arn(config_arn, ctx.region, ctx.account)?;
    let found = match revision {
        None => ctx.state.latest(&name),
        Some(revision) => ctx.state.configs.iter().find(|c| {
            c.name == name
                && c.revision == revision
                && id
                    .as_deref()
                    .is_none_or(|id| c.arn.ends_with(&format!("/{id}")))
        }),
    };
    found
        .filter(|c| include_inactive || c.active())
        .ok_or_else(|| {
            AwsError::not_found(format!(
                "Observability configuration '{config_arn}' does not exist or was deleted"
            ))
        })
}
