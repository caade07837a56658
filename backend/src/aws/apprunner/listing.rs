//! ListServices (every page) and DescribeService for each service, concurrently: ListServices
//! does not carry the tracing state, and 200 services must not cost 200 round trips in a row.
//! The quick list answers with the descriptions already known and has the others read in the
//! background, into the same cache the full list reads.

use std::ops::ControlFlow;

use futures::StreamExt;
use shared::api::ServiceSummary;

use super::convert;
use super::described::{Described, Listed};
use crate::aws::UpstreamResult;
use crate::aws::error::UpstreamError;
use crate::aws::limiter::Limiter;

/// Without `MaxResults` App Runner returns every service in one page; the paginator still
/// follows tokens in case it does not, and stops here so a runaway token cannot loop forever.
const MAX_PAGES: usize = 500;

/// How many DescribeService calls of one list run at once (also bounded by the [`Limiter`]).
const DESCRIBE_CONCURRENCY: usize = 16;

pub async fn list_services(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    limiter: &Limiter,
) -> UpstreamResult<Vec<ServiceSummary>> {
    let mut services = Vec::new();
    let pages = client.list_services().into_paginator().send();
    limiter
        .pages("apprunner:ListServices", region, pages, MAX_PAGES, |page| {
            services.extend(
                page.service_summary_list()
                    .iter()
                    .filter_map(|listed| convert::listed_service(region, listed)),
            );
            ControlFlow::Continue(())
        })
        .await?;
    Ok(services)
}

pub async fn describe_service(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    arn: &str,
    limiter: &Limiter,
) -> UpstreamResult<aws_sdk_apprunner::types::Service> {
    let output = limiter
        .call(
            "apprunner:DescribeService",
            region,
            client.describe_service().service_arn(arn).send(),
        )
        .await?;
    output.service.ok_or_else(|| {
        UpstreamError::new(
            crate::aws::ErrorKind::Fault,
            "apprunner:DescribeService",
            region,
            format!("DescribeService of {arn} answered without a service"),
        )
    })
}

/// The listed services with their tracing state filled in by DescribeService, or by the
/// description `described` holds of a service listed exactly as now. A service whose describe
/// fails keeps `tracing: None` (unknown) rather than failing the list.
pub async fn with_tracing(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    listed: &[ServiceSummary],
    limiter: &Limiter,
    described: &Described,
) -> Vec<ServiceSummary> {
    // Owned items: a closure over borrowed ones trips the compiler's higher-ranked lifetime
    // check once the future is boxed as `Send`.
    futures::stream::iter(listed.to_vec())
        .map(|summary| async move {
            // Boxed: the cache's future around the SDK's is large, and a list runs sixteen.
            let describe = Box::pin(async {
                let service = describe_service(client, region, &summary.arn, limiter).await?;
                Ok(convert::described_service(region, &service))
            });
            let reused = Box::pin(described.get_or_load(Listed::of(&summary), describe));
            match reused.await {
                Ok(fresh) => fresh.value().clone(),
                Err(error) => {
                    tracing::warn!(%error, service = %summary.name, "tracing state unknown");
                    summary
                }
            }
        })
        .buffered(DESCRIBE_CONCURRENCY)
        .collect()
        .await
}

/// The listed services with the tracing state `described` already holds, without a call; the
/// others are marked pending and described by a detached task into `described` (bounded like
/// [`with_tracing`], and merged with any load of the same key in flight, so the full list that
/// follows waits for these calls instead of making them again).
pub async fn with_known_tracing(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    listed: &[ServiceSummary],
    limiter: &Limiter,
    described: &Described,
) -> Vec<ServiceSummary> {
    let keys: Vec<Listed> = listed.iter().map(Listed::of).collect();
    let known = described.peek_many(&keys).await;
    let mut missing = Vec::new();
    let rows = listed
        .iter()
        .zip(known)
        .map(|(summary, known)| match known {
            Some(known) => known.value().clone(),
            None => {
                missing.push(summary.clone());
                ServiceSummary {
                    pending: true,
                    ..summary.clone()
                }
            }
        })
        .collect();
    if !missing.is_empty() {
        let (client, region) = (client.clone(), region.to_owned());
        let (limiter, described) = (limiter.clone(), described.clone());
        tokio::spawn(async move {
            with_tracing(&client, &region, &missing, &limiter, &described).await;
        });
    }
    rows
}
