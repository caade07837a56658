//! ListClusters and ListServices: how a console finds Express services, one cluster at a time.

use serde_json::{Value, json};

use super::errors::{cluster_not_found, invalid_parameter};
use super::input::{ListInput, bad_token, page_size};
use super::state::Lifecycle;
use super::{Ctx, DEFAULT_CLUSTER, arn};
use crate::protocol::{AwsResult, page};

const CLUSTER_PAGE_DEFAULT: usize = 100;
const SERVICE_PAGE_DEFAULT: usize = 10;
const PAGE_MAX: i64 = 100;

pub fn list_clusters(ctx: &mut Ctx<'_>, input: ListInput) -> AwsResult<Value> {
    let size = page_size(input.max_results, CLUSTER_PAGE_DEFAULT, PAGE_MAX)?;
    let arns: Vec<String> = ctx.state.clusters.iter().map(|c| c.arn.clone()).collect();
    let (items, next) = page(&arns, input.next_token.as_deref(), size).map_err(bad_token)?;
    Ok(with_token(json!({ "clusterArns": items }), next))
}

/// Every service of a cluster that is ACTIVE or DRAINING (ECS stops listing INACTIVE ones).
/// The emulator only has Express services: Fargate, replica-scheduled and managed by ECS
/// (`resourceManagementType: ECS`), so the filters select all or none of them.
pub fn list_services(ctx: &mut Ctx<'_>, input: ListInput) -> AwsResult<Value> {
    let size = page_size(input.max_results, SERVICE_PAGE_DEFAULT, PAGE_MAX)?;
    let cluster = match &input.cluster {
        Some(reference) => arn::name_of(reference, "cluster")
            .ok_or_else(|| invalid_parameter(format!("'{reference}' is not a cluster.")))?,
        None => DEFAULT_CLUSTER.to_owned(),
    };
    if ctx.state.cluster(&cluster).is_none() {
        return Err(cluster_not_found());
    }
    let filters = [
        (
            "launchType",
            &input.launch_type,
            &["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"][..],
            "FARGATE",
        ),
        (
            "schedulingStrategy",
            &input.scheduling_strategy,
            &["REPLICA", "DAEMON"][..],
            "REPLICA",
        ),
        (
            "resourceManagementType",
            &input.resource_management_type,
            &["CUSTOMER", "ECS"][..],
            "ECS",
        ),
    ];
    let mut matches = true;
    for (member, given, allowed, express) in filters {
        if let Some(value) = given {
            if !allowed.contains(&value.as_str()) {
                return Err(invalid_parameter(format!(
                    "{member} '{value}' must be one of {}.",
                    allowed.join(", ")
                )));
            }
            matches &= value == express;
        }
    }
    let (now, teardown) = (ctx.now, ctx.deployment_seconds);
    let arns: Vec<String> = ctx
        .state
        .services
        .iter()
        .filter(|s| matches && s.cluster == cluster)
        .filter(|s| s.lifecycle(now, teardown) != Lifecycle::Inactive)
        .map(|s| s.arn.clone())
        .collect();
    let (items, next) = page(&arns, input.next_token.as_deref(), size).map_err(bad_token)?;
    Ok(with_token(json!({ "serviceArns": items }), next))
}

pub(super) fn with_token(mut value: Value, next: Option<String>) -> Value {
    if let Some(token) = next {
        value["nextToken"] = json!(token);
    }
    value
}
