//! One service: DescribeService, its recent operations and its observability configuration.

use aws_sdk_apprunner::operation::list_operations::ListOperationsOutput;
use shared::api::{Operation, ServiceDetail};

use super::{convert, listing, observability};
use crate::aws::UpstreamResult;
use crate::aws::limiter::Limiter;

pub const LIST_OPERATIONS: &str = "apprunner:ListOperations";
/// ListOperations pages hold at most 20, newest first; the UI shows the recent ones.
pub const RECENT_OPERATIONS: i32 = 20;

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
        // `None` if it has disappeared meanwhile.
        Some(configuration_arn) => {
            observability::describe(client, region, configuration_arn, limiter)
                .await?
                .as_ref()
                .and_then(convert::observability)
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
    let page = limiter
        .call(
            LIST_OPERATIONS,
            region,
            client
                .list_operations()
                .service_arn(arn)
                .max_results(RECENT_OPERATIONS)
                .send(),
        )
        .await?;
    Ok(operations(&page))
}

/// The operations of a ListOperations page that parse.
pub fn operations(page: &ListOperationsOutput) -> Vec<Operation> {
    page.operation_summary_list()
        .iter()
        .filter_map(convert::operation)
        .collect()
}
