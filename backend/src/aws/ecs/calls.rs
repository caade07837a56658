//! The single ECS and X-Ray calls an Express service's views need, each through the limiter and
//! classified on failure.

use aws_sdk_ecs::types::{EcsExpressGatewayService, ServiceDeployment};
use shared::api::{DeploymentBrief, TransactionSearch};

use super::convert;
use crate::aws::UpstreamResult;
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;

pub async fn describe(
    client: &aws_sdk_ecs::Client,
    region: &str,
    arn: &str,
    limiter: &Limiter,
) -> UpstreamResult<EcsExpressGatewayService> {
    const ACTION: &str = "ecs:DescribeExpressGatewayService";
    let request = client.describe_express_gateway_service().service_arn(arn);
    let output = limiter.call(ACTION, region, request.send()).await?;
    output.service.ok_or_else(|| {
        UpstreamError::new(
            ErrorKind::Fault,
            ACTION,
            region,
            format!("DescribeExpressGatewayService of {arn} answered without a service"),
        )
    })
}

/// The service's recent deployments (ListServiceDeployments' first page), newest first. AWS does
/// not document the order of the list, so it is sorted here by creation time.
pub async fn deployments(
    client: &aws_sdk_ecs::Client,
    region: &str,
    cluster: &str,
    arn: &str,
    limiter: &Limiter,
) -> UpstreamResult<Vec<DeploymentBrief>> {
    let request = client
        .list_service_deployments()
        .cluster(cluster)
        .service(arn);
    let output = limiter
        .call("ecs:ListServiceDeployments", region, request.send())
        .await?;
    let mut briefs: Vec<DeploymentBrief> = output
        .service_deployments()
        .iter()
        .filter_map(convert::deployment_brief)
        .collect();
    briefs.sort_by(|a, b| {
        let at = |d: &DeploymentBrief| d.created_at.unwrap_or(0.0);
        at(b).total_cmp(&at(a))
    });
    Ok(briefs)
}

/// One deployment in full (stage, traffic split, rollback); `None` if ECS does not know it.
pub async fn deployment(
    client: &aws_sdk_ecs::Client,
    region: &str,
    deployment_arn: &str,
    limiter: &Limiter,
) -> UpstreamResult<Option<ServiceDeployment>> {
    let request = client
        .describe_service_deployments()
        .service_deployment_arns(deployment_arn);
    let output = limiter
        .call("ecs:DescribeServiceDeployments", region, request.send())
        .await?;
    Ok(output.service_deployments().first().cloned())
}

/// Transaction Search's state (GetTraceSegmentDestination, GetIndexingRules); `None` when X-Ray
/// did not say (no permission, or an endpoint without the operation): the caller shows it as
/// unknown.
pub async fn transaction_search(
    client: &aws_sdk_xray::Client,
    region: &str,
    limiter: &Limiter,
) -> Option<TransactionSearch> {
    crate::aws::xray::transaction_search::mode(client, region, limiter)
        .await
        .inspect_err(|error| tracing::warn!(%error, "Transaction Search state unknown"))
        .ok()
}
