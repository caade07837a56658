//! Following a tracing change on an Express service: its deployment from ListServiceDeployments
//! (status) and DescribeServiceDeployments (stage, canary share, rollback), and once it has
//! ended, the tracing state read back from the configuration that serves.

use shared::api::{OperationProgress, ServiceStatus};

use super::listing::Listed;
use super::{calls, convert, setup};
use crate::aws::UpstreamResult;
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;

pub async fn progress(
    client: &aws_sdk_ecs::Client,
    region: &str,
    listed: &Listed,
    deployment_id: &str,
    limiter: &Limiter,
) -> UpstreamResult<OperationProgress> {
    let deployments =
        calls::deployments(client, region, &listed.cluster, &listed.arn, limiter).await?;
    let brief = deployments
        .into_iter()
        .find(|d| d.id == deployment_id)
        .ok_or_else(|| {
            UpstreamError::new(
                ErrorKind::NotFound {
                    what: format!("deployment {deployment_id} of {}", listed.name),
                },
                "ecs:ListServiceDeployments",
                region,
                format!(
                    "{deployment_id} is not among the recent deployments of {}",
                    listed.arn
                ),
            )
        })?;
    let detail = calls::deployment(client, region, &brief.arn, limiter).await?;
    let deployment = detail.as_ref().map(convert::progress);
    // The full description is newer than the list when both answer.
    let status = deployment
        .as_ref()
        .map_or(brief.status.clone(), |d| d.status.clone());
    let mut operation = convert::operation(&brief, &listed.arn);
    operation.status = convert::operation_status(&status);
    if !status.is_finished() {
        return Ok(OperationProgress {
            operation,
            service_status: ServiceStatus::OperationInProgress,
            tracing: None,
            deployment,
        });
    }
    let service = calls::describe(client, region, &listed.arn, limiter).await?;
    let status_now = convert::express_status(&service);
    let config = convert::newest_configuration(&service);
    let tracing =
        config.and_then(|_| setup::tracing(&setup::setup(&convert::view(config), region)));
    Ok(OperationProgress {
        operation,
        service_status: convert::service_status(
            &status_now,
            service.active_configurations().len() > 1,
        ),
        tracing,
        deployment,
    })
}
