//! ListServiceDeployments and DescribeServiceDeployments: how a deployment is followed.

use serde_json::{Value, json};

use super::errors::{cluster_not_found, invalid_parameter, service_not_found};
use super::input::{DeploymentsInput, DescribeDeploymentsInput, bad_token, page_size, required};
use super::listing::with_token;
use super::{Ctx, DEFAULT_CLUSTER, arn, shapes};
use crate::protocol::{AwsResult, page};

const PAGE_DEFAULT: usize = 20;
const PAGE_MAX: i64 = 100;
const DESCRIBE_MAX: usize = 20;
const STATUSES: &[&str] = &[
    "PENDING",
    "SUCCESSFUL",
    "STOPPED",
    "STOP_REQUESTED",
    "IN_PROGRESS",
    "ROLLBACK_REQUESTED",
    "ROLLBACK_IN_PROGRESS",
    "ROLLBACK_SUCCESSFUL",
    "ROLLBACK_FAILED",
];

/// A service's deployments, newest first, optionally filtered by status and creation time.
pub fn list(ctx: &mut Ctx<'_>, input: DeploymentsInput) -> AwsResult<Value> {
    let size = page_size(input.max_results, PAGE_DEFAULT, PAGE_MAX)?;
    let service = required(&input.service, "service")?;
    let wanted: Vec<&str> = input.status.iter().flatten().map(String::as_str).collect();
    if let Some(bad) = wanted.iter().find(|s| !STATUSES.contains(s)) {
        return Err(invalid_parameter(format!(
            "status '{bad}' must be one of {}.",
            STATUSES.join(", ")
        )));
    }
    let cluster = match (&input.cluster, arn::cluster_of_service(service)) {
        (Some(reference), _) => arn::name_of(reference, "cluster")
            .ok_or_else(|| invalid_parameter(format!("'{reference}' is not a cluster.")))?,
        (None, Some(from_arn)) => from_arn,
        (None, None) => DEFAULT_CLUSTER.to_owned(),
    };
    if ctx.state.cluster(&cluster).is_none() {
        return Err(cluster_not_found());
    }
    let name = arn::name_of(service, "service").ok_or_else(service_not_found)?;
    let now = ctx.now;
    let record = ctx
        .state
        .services
        .iter()
        .rev()
        .find(|s| s.cluster == cluster && s.name == name)
        .ok_or_else(service_not_found)?;
    let (after, before) = input
        .created_at
        .map_or((None, None), |range| (range.after, range.before));
    let briefs: Vec<Value> = record
        .deployments
        .iter()
        .rev()
        .filter(|d| {
            after.is_none_or(|t| d.created_at >= t) && before.is_none_or(|t| d.created_at <= t)
        })
        .filter(|d| wanted.is_empty() || wanted.contains(&d.phase(now).status.as_str()))
        .map(|d| shapes::deployment_brief(record, d, now))
        .collect();
    let (items, next) = page(&briefs, input.next_token.as_deref(), size).map_err(bad_token)?;
    Ok(with_token(json!({ "serviceDeployments": items }), next))
}

/// Deployments by ARN; an ARN the emulator does not know is listed as a `MISSING` failure.
pub fn describe(ctx: &mut Ctx<'_>, input: DescribeDeploymentsInput) -> AwsResult<Value> {
    let arns = input.service_deployment_arns.unwrap_or_default();
    if arns.is_empty() || arns.len() > DESCRIBE_MAX {
        return Err(invalid_parameter(format!(
            "serviceDeploymentArns must hold 1 to {DESCRIBE_MAX} ARNs."
        )));
    }
    let now = ctx.now;
    let mut found = Vec::new();
    let mut failures = Vec::new();
    for wanted in &arns {
        let hit = ctx.state.services.iter().find_map(|record| {
            let deployment = record.deployments.iter().find(|d| &d.arn == wanted)?;
            Some(shapes::deployment(record, deployment, now))
        });
        match hit {
            Some(value) => found.push(value),
            None => failures.push(json!({ "arn": wanted, "reason": "MISSING" })),
        }
    }
    Ok(json!({ "serviceDeployments": found, "failures": failures }))
}
