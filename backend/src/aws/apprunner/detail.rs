//! One service: DescribeService, its recent operations and its observability configuration.

use shared::api::{Operation, ServiceDetail};

use super::{convert, listing};
use crate::aws::UpstreamResult;
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;

/// ListOperations pages hold at most 20, newest first; the UI shows the recent ones.
const RECENT_OPERATIONS: i32 = 20;

pub async fn service_detail(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    arn: &str,
    limiter: &Limiter,
) -> UpstreamResult<ServiceDetail> {
    let (service, operations) = futures::try_join!(
        listing::describe_service(client, region, arn, limiter),
        recent_operations(client, region, arn, limiter),
    )?;
    let summary = convert::described_service(region, &service);
    let observability = match summary
        .tracing
        .as_ref()
        .and_then(|t| t.configuration_arn.as_deref())
    {
        Some(configuration_arn) => {
            describe_observability(client, region, configuration_arn, limiter).await?
        }
        None => None,
    };
    Ok(ServiceDetail {
        instance_role_arn: service
            .instance_configuration()
            .and_then(|c| c.instance_role_arn())
            .map(str::to_owned),
        service: summary,
        observability,
        operations,
        express: None,
    })
}

pub async fn recent_operations(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    arn: &str,
    limiter: &Limiter,
) -> UpstreamResult<Vec<Operation>> {
    operations_page(client, region, arn, None, limiter)
        .await
        .map(|(operations, _)| operations)
}

/// One page of ListOperations and the token of the next.
pub async fn operations_page(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    arn: &str,
    next_token: Option<String>,
    limiter: &Limiter,
) -> UpstreamResult<(Vec<Operation>, Option<String>)> {
    let page = limiter
        .run(
            client
                .list_operations()
                .service_arn(arn)
                .max_results(RECENT_OPERATIONS)
                .set_next_token(next_token)
                .send(),
        )
        .await
        .map_err(|e| UpstreamError::from_sdk("apprunner:ListOperations", region, e))?;
    let operations = page
        .operation_summary_list()
        .iter()
        .filter_map(convert::operation)
        .collect();
    Ok((operations, page.next_token().map(str::to_owned)))
}

/// The configuration a service uses; `None` if it has disappeared meanwhile.
async fn describe_observability(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    configuration_arn: &str,
    limiter: &Limiter,
) -> UpstreamResult<Option<shared::api::ObservabilityConfiguration>> {
    let described = limiter
        .run(
            client
                .describe_observability_configuration()
                .observability_configuration_arn(configuration_arn)
                .send(),
        )
        .await
        .map_err(|e| {
            UpstreamError::from_sdk("apprunner:DescribeObservabilityConfiguration", region, e)
        });
    match described {
        Ok(output) => Ok(output
            .observability_configuration()
            .and_then(convert::observability)),
        Err(error) if matches!(error.kind, ErrorKind::NotFound { .. }) => Ok(None),
        Err(error) => Err(error),
    }
}
