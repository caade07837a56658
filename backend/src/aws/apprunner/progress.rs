//! Polling a tracing change: the operation's status from ListOperations, and once it has
//! finished, the tracing state read back from DescribeService to confirm what took effect.

use std::ops::ControlFlow;

use shared::api::OperationProgress;

use super::{convert, detail, listing};
use crate::aws::UpstreamResult;
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;

/// Operations are listed newest first, 20 a page; one being polled is among the newest.
const MAX_PAGES: usize = 5;

pub async fn operation_progress(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    arn: &str,
    operation_id: &str,
    limiter: &Limiter,
) -> UpstreamResult<OperationProgress> {
    let (operation, service) = futures::try_join!(
        find_operation(client, region, arn, operation_id, limiter),
        listing::describe_service(client, region, arn, limiter),
    )?;
    let summary = convert::described_service(region, &service);
    let tracing = operation
        .status
        .is_finished()
        .then(|| convert::tracing(&service));
    Ok(OperationProgress {
        operation,
        service_status: summary.status,
        tracing,
        deployment: None,
    })
}

async fn find_operation(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    arn: &str,
    operation_id: &str,
    limiter: &Limiter,
) -> UpstreamResult<shared::api::Operation> {
    let mut found = None;
    let pages = client
        .list_operations()
        .service_arn(arn)
        .max_results(detail::RECENT_OPERATIONS)
        .into_paginator()
        .send();
    limiter
        .pages(detail::LIST_OPERATIONS, region, pages, MAX_PAGES, |page| {
            found = detail::operations(&page)
                .into_iter()
                .find(|o| o.id == operation_id);
            match found {
                Some(_) => ControlFlow::Break(()),
                None => ControlFlow::Continue(()),
            }
        })
        .await?;
    found.ok_or_else(|| {
        UpstreamError::new(
            ErrorKind::NotFound {
                what: format!("operation {operation_id} of this service"),
            },
            detail::LIST_OPERATIONS,
            region,
            format!("{operation_id} is not among the recent operations of {arn}"),
        )
    })
}
