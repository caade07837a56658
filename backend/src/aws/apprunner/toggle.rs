//! Turning tracing on or off: DescribeService (it must be `RUNNING`), find or create the X-Ray
//! observability configuration, UpdateService. App Runner redeploys the service; the answer names
//! the operation to poll.

use aws_sdk_apprunner::types::ServiceObservabilityConfiguration;
use shared::api::{ServiceStatus, SetTracingAccepted};

use super::{convert, listing, observability};
use crate::aws::UpstreamResult;
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;

pub async fn set_tracing(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    arn: &str,
    enabled: bool,
    limiter: &Limiter,
) -> UpstreamResult<SetTracingAccepted> {
    const ACTION: &str = "apprunner:UpdateService";
    let service = listing::describe_service(client, region, arn, limiter).await?;
    let summary = convert::described_service(region, &service);
    if summary.status != ServiceStatus::Running {
        return Err(UpstreamError::new(
            ErrorKind::NotRunning {
                service: summary.name,
                status: summary.status.to_string(),
            },
            ACTION,
            region,
            "the service is not RUNNING",
        ));
    }
    let mut setting = ServiceObservabilityConfiguration::builder().observability_enabled(enabled);
    if enabled {
        let configuration = observability::xray_configuration_arn(client, region, limiter).await?;
        setting = setting.observability_configuration_arn(configuration);
    }
    let output = limiter
        .call(
            ACTION,
            region,
            client
                .update_service()
                .service_arn(arn)
                .observability_configuration(setting.build())
                .send(),
        )
        .await?;
    tracing::info!(region, service = %summary.name, enabled, operation = output.operation_id(),
        "tracing change started");
    Ok(SetTracingAccepted {
        operation_id: output.operation_id().to_owned(),
        service_arn: arn.to_owned(),
        express: None,
    })
}
