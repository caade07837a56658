//! An Express service as a row of the services list: DescribeExpressGatewayService and
//! ListServiceDeployments for each listed service, concurrently, with the tracing setup read from
//! its configuration and the span evidence from the region's service graph.

use aws_sdk_ecs::types::EcsExpressGatewayService;
use futures::StreamExt;
use shared::api::{
    DeploymentBrief, ExpressStatus, ExpressSummary, NodeRef, ServiceKind, ServiceStatus,
    ServiceSummary,
};

use super::listing::Listed;
use super::{arrival, calls, convert, setup};
use crate::aws::limiter::Limiter;

/// How many services of one list are described at once (also bounded by the [`Limiter`]).
const DESCRIBE_CONCURRENCY: usize = 16;

/// What DescribeExpressGatewayService and ListServiceDeployments said of one listed service;
/// `None` where the call failed (logged).
pub struct Described {
    pub listed: Listed,
    pub service: Option<EcsExpressGatewayService>,
    pub deployments: Option<Vec<DeploymentBrief>>,
}

/// Describes every listed service, a bounded number at a time.
pub async fn describe_all(
    client: &aws_sdk_ecs::Client,
    region: &str,
    listed: &[Listed],
    limiter: &Limiter,
) -> Vec<Described> {
    // Owned items: a closure over borrowed ones trips the compiler's higher-ranked lifetime
    // check once the future is boxed as `Send`.
    futures::stream::iter(listed.to_vec())
        .map(|listed| async move {
            let (service, deployments) = futures::join!(
                calls::describe(client, region, &listed.arn, limiter),
                calls::deployments(client, region, &listed.cluster, &listed.arn, limiter),
            );
            let name = listed.name.as_str();
            Described {
                service: service
                    .inspect_err(|error| tracing::warn!(%error, name, "Express service unknown"))
                    .ok(),
                deployments: deployments
                    .inspect_err(|error| tracing::warn!(%error, name, "deployments unknown"))
                    .ok(),
                listed,
            }
        })
        .buffered(DESCRIBE_CONCURRENCY)
        .collect()
        .await
}

/// The list's rows; a service whose describe failed stays in the list with its tracing state
/// unknown, as App Runner's do.
pub fn rows(
    region: &str,
    described: &[Described],
    nodes: Option<&[NodeRef]>,
) -> Vec<ServiceSummary> {
    described
        .iter()
        .map(|d| match &d.service {
            Some(service) => summarize(region, &d.listed, service, d.deployments.as_deref(), nodes),
            None => listed_only(region, &d.listed, false),
        })
        .collect()
}

pub fn summarize(
    region: &str,
    listed: &Listed,
    service: &EcsExpressGatewayService,
    deployments: Option<&[DeploymentBrief]>,
    nodes: Option<&[NodeRef]>,
) -> ServiceSummary {
    let config = convert::newest_configuration(service);
    let view = convert::view(config);
    let setup = config.map(|_| setup::setup(&view, region));
    let newest = deployments.and_then(|d| d.first()).cloned();
    let deploying = service.active_configurations().len() > 1
        || newest.as_ref().is_some_and(|d| !d.status.is_finished());
    let status = convert::express_status(service);
    let url = config.and_then(convert::url);
    let node_name = setup::node_name(&view, &listed.name);
    ServiceSummary {
        region: region.to_owned(),
        name: listed.name.clone(),
        id: format!("{}/{}", listed.cluster, listed.name),
        arn: listed.arn.clone(),
        url: url.as_deref().map(convert::host),
        status: convert::service_status(&status, deploying),
        created_at: service.created_at().map_or(0.0, |t| t.as_secs_f64()),
        updated_at: service.updated_at().map_or(0.0, |t| t.as_secs_f64()),
        tracing: setup.as_ref().and_then(setup::tracing),
        pending: false,
        kind: ServiceKind::EcsExpress,
        express: Some(ExpressSummary {
            cluster: listed.cluster.clone(),
            status,
            status_reason: service
                .status()
                .and_then(|s| s.status_reason())
                .map(str::to_owned),
            url,
            deployment: newest,
            setup,
            spans: nodes.map(|nodes| arrival::arrival(nodes, &node_name)),
        }),
    }
}

/// A row of what the listing names alone: a service whose describe failed (its state unknown),
/// or, `pending`, one the quick list shows before it is described.
pub fn listed_only(region: &str, listed: &Listed, pending: bool) -> ServiceSummary {
    ServiceSummary {
        region: region.to_owned(),
        name: listed.name.clone(),
        id: format!("{}/{}", listed.cluster, listed.name),
        arn: listed.arn.clone(),
        url: None,
        status: ServiceStatus::Other(String::new()),
        created_at: 0.0,
        updated_at: 0.0,
        tracing: None,
        pending,
        kind: ServiceKind::EcsExpress,
        express: Some(ExpressSummary {
            cluster: listed.cluster.clone(),
            status: ExpressStatus::Other(String::new()),
            status_reason: None,
            url: None,
            deployment: None,
            setup: None,
            spans: None,
        }),
    }
}
