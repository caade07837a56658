//! Finding Express services: ListClusters → ListServices (`resourceManagementType: ECS`, AWS's
//! documented marker of Express services) per cluster, every page through the SDK's paginators,
//! each page through the limiter.

use std::ops::ControlFlow;

use aws_sdk_ecs::types::ResourceManagementType;
use futures::StreamExt;
use serde::{Deserialize, Serialize};

use crate::aws::UpstreamResult;
use crate::aws::limiter::Limiter;

/// How many clusters are listed at once (also bounded by the [`Limiter`]).
const CLUSTER_CONCURRENCY: usize = 4;
/// Pages of one listing; ECS pages hold up to 100, so this is a runaway-token guard.
const MAX_PAGES: usize = 200;

/// An Express service as the listing names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    pub arn: String,
    pub cluster: String,
    pub name: String,
}

pub async fn list_express(
    client: &aws_sdk_ecs::Client,
    region: &str,
    limiter: &Limiter,
) -> UpstreamResult<Vec<Listed>> {
    let clusters = cluster_arns(client, region, limiter).await?;
    let per_cluster: Vec<UpstreamResult<Vec<Listed>>> = futures::stream::iter(clusters)
        .map(|cluster| async move { cluster_services(client, region, &cluster, limiter).await })
        .buffered(CLUSTER_CONCURRENCY)
        .collect()
        .await;
    let mut services = Vec::new();
    for listed in per_cluster {
        services.extend(listed?);
    }
    Ok(services)
}

async fn cluster_arns(
    client: &aws_sdk_ecs::Client,
    region: &str,
    limiter: &Limiter,
) -> UpstreamResult<Vec<String>> {
    let pages = client.list_clusters().into_paginator().send();
    let mut arns = Vec::new();
    limiter
        .pages("ecs:ListClusters", region, pages, MAX_PAGES, |page| {
            arns.extend(page.cluster_arns().iter().cloned());
            ControlFlow::Continue(())
        })
        .await?;
    Ok(arns)
}

async fn cluster_services(
    client: &aws_sdk_ecs::Client,
    region: &str,
    cluster_arn: &str,
    limiter: &Limiter,
) -> UpstreamResult<Vec<Listed>> {
    let pages = client
        .list_services()
        .cluster(cluster_arn)
        .resource_management_type(ResourceManagementType::Ecs)
        .into_paginator()
        .send();
    let cluster = last_part(cluster_arn);
    let mut listed = Vec::new();
    limiter
        .pages("ecs:ListServices", region, pages, MAX_PAGES, |page| {
            listed.extend(page.service_arns().iter().map(|arn| Listed {
                arn: arn.clone(),
                cluster: cluster.to_owned(),
                name: last_part(arn).to_owned(),
            }));
            ControlFlow::Continue(())
        })
        .await?;
    Ok(listed)
}

/// The name at the end of an ARN (`…:cluster/NAME`, `…:service/CLUSTER/NAME`).
pub fn last_part(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_end_of_arns() {
        assert_eq!(
            last_part("arn:aws:ecs:us-east-1:1:cluster/default"),
            "default"
        );
        assert_eq!(
            last_part("arn:aws:ecs:us-east-1:1:service/default/search"),
            "search"
        );
        assert_eq!(last_part("search"), "search");
    }
}
