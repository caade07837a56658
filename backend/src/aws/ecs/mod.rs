//! ECS Express Mode services beside App Runner ones (reference `ecs-express.md`): found per
//! region with ListClusters → ListServices (`resourceManagementType: ECS`) →
//! DescribeExpressGatewayService, their tracing read from their OpenTelemetry environment and
//! confirmed by X-Ray's service graph, and turned on or off with UpdateExpressGatewayService.

mod arrival;
mod calls;
mod convert;
mod detail;
mod listing;
mod plan;
mod progress;
mod setup;
mod summary;
mod toggle;

use std::sync::Arc;
use std::time::Duration;

use shared::api::{NodeRef, OperationProgress, ServiceDetail, ServiceSummary, SetTracingAccepted};

use super::cache::{ReadCache, SharedCache};
use super::clients::RegionClients;
use super::error::{ErrorKind, UpstreamError};
use super::limiter::Limiter;
use super::{Shared, UpstreamResult};
pub use listing::Listed;

/// Regions whose listings and service graphs are kept.
const CACHE_CAPACITY: u64 = 64;

/// An Express service as a route names it: the region, its name, and its cluster when the name
/// alone could be ambiguous (names are unique per cluster).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExpressRef {
    pub region: String,
    pub name: String,
    pub cluster: Option<String>,
}

/// The Express half of the AWS side: its own read caches, the calls in the modules above.
pub struct ExpressSide {
    /// ListClusters + ListServices per region: also how a name is turned into an ARN.
    listings: ReadCache<String, Vec<Listed>>,
    /// The ECS nodes of each region's service graph of the last 15 minutes.
    nodes: ReadCache<String, Vec<NodeRef>>,
}

impl ExpressSide {
    /// Caches that replicas share through `store`, when there is one.
    pub fn new(ttl: Duration, store: Option<&SharedCache>) -> Self {
        Self {
            listings: ReadCache::new(ttl, CACHE_CAPACITY).shared(store, "express-listings"),
            nodes: ReadCache::new(ttl, CACHE_CAPACITY).shared(store, "express-nodes"),
        }
    }

    pub async fn listing(
        &self,
        clients: &RegionClients,
        region: &str,
        limiter: &Limiter,
    ) -> Shared<Vec<Listed>> {
        let load = listing::list_express(&clients.ecs, region, limiter);
        self.listings.get_or_load(region.to_owned(), load).await
    }

    /// The region's ECS map nodes, or `None` (logged) when X-Ray did not answer: the list then
    /// shows the span evidence as unknown rather than failing.
    async fn nodes(
        &self,
        clients: &RegionClients,
        region: &str,
        now: i64,
        limiter: &Limiter,
    ) -> Option<Arc<crate::answer::Answer<Vec<NodeRef>>>> {
        let load = arrival::ecs_nodes(&clients.xray, region, now, limiter);
        self.nodes
            .get_or_load(region.to_owned(), load)
            .await
            .inspect_err(|error| tracing::warn!(%error, "span evidence unknown"))
            .ok()
    }

    /// The region's Express services for the list.
    pub async fn region_services(
        &self,
        clients: &RegionClients,
        region: &str,
        now: i64,
        limiter: &Limiter,
    ) -> UpstreamResult<Vec<ServiceSummary>> {
        let listing = self.listing(clients, region, limiter).await?;
        if listing.value().is_empty() {
            return Ok(Vec::new());
        }
        let (nodes, described) = futures::join!(
            self.nodes(clients, region, now, limiter),
            summary::describe_all(&clients.ecs, region, listing.value(), limiter),
        );
        let nodes = nodes.as_ref().map(|n| n.value().as_slice());
        Ok(summary::rows(region, &described, nodes))
    }

    /// The region's Express services as listed, each pending: the quick list's rows. Nothing
    /// is described here; the full list describes them (an Express listing names no state that
    /// could tell a description kept from an earlier list is still current).
    pub async fn region_listed(
        &self,
        clients: &RegionClients,
        region: &str,
        limiter: &Limiter,
    ) -> UpstreamResult<Vec<ServiceSummary>> {
        let listing = self.listing(clients, region, limiter).await?;
        Ok(listing
            .value()
            .iter()
            .map(|listed| summary::listed_only(region, listed, true))
            .collect())
    }

    /// Whether `name` is an Express service of the region (listing again once before saying no).
    pub async fn has(
        &self,
        clients: &RegionClients,
        region: &str,
        name: &str,
        limiter: &Limiter,
    ) -> UpstreamResult<bool> {
        let service = ExpressRef {
            region: region.to_owned(),
            name: name.to_owned(),
            cluster: None,
        };
        match self.locate(clients, &service, limiter).await {
            Ok(_) => Ok(true),
            Err(error) if matches!(error.kind, ErrorKind::NotFound { .. }) => Ok(false),
            // Several clusters have it: it is an Express service all the same.
            Err(error) if matches!(error.kind, ErrorKind::Conflict { .. }) => Ok(true),
            Err(error) => Err(error),
        }
    }

    /// The listed service a route names; a fresh listing is made before answering "not found",
    /// in case the service was created since the listing was cached.
    pub async fn locate(
        &self,
        clients: &RegionClients,
        service: &ExpressRef,
        limiter: &Limiter,
    ) -> UpstreamResult<Listed> {
        let region = service.region.as_str();
        let matching = |listing: &[Listed]| -> Vec<Listed> {
            listing
                .iter()
                .filter(|l| l.name == service.name)
                .filter(|l| service.cluster.as_ref().is_none_or(|c| *c == l.cluster))
                .cloned()
                .collect()
        };
        let mut found = matching(self.listing(clients, region, limiter).await?.value());
        if found.is_empty() {
            self.listings.forget(&region.to_owned()).await;
            found = matching(self.listing(clients, region, limiter).await?.value());
        }
        match found.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(UpstreamError::new(
                ErrorKind::NotFound {
                    what: format!("Express service {} in {region}", service.name),
                },
                "ecs:ListServices",
                region,
                format!("no Express service named {}", service.name),
            )),
            several => {
                let clusters: Vec<&str> = several.iter().map(|l| l.cluster.as_str()).collect();
                let reason = format!(
                    "several Express services are named {} in {region} (clusters {}): name the \
                     cluster with ?cluster=",
                    service.name,
                    clusters.join(", ")
                );
                Err(UpstreamError::new(
                    ErrorKind::Conflict {
                        reason: reason.clone(),
                    },
                    "ecs:ListServices",
                    region,
                    reason,
                ))
            }
        }
    }

    pub async fn detail(
        &self,
        clients: &RegionClients,
        service: &ExpressRef,
        now: i64,
        limiter: &Limiter,
    ) -> UpstreamResult<ServiceDetail> {
        let region = service.region.as_str();
        let (listed, nodes) = futures::join!(
            self.locate(clients, service, limiter),
            self.nodes(clients, region, now, limiter),
        );
        let nodes = nodes.as_ref().map(|n| n.value().as_slice());
        detail::detail(clients, region, &listed?, nodes, limiter).await
    }

    pub async fn set_tracing(
        &self,
        clients: &RegionClients,
        service: &ExpressRef,
        enabled: bool,
        limiter: &Limiter,
    ) -> UpstreamResult<SetTracingAccepted> {
        let listed = self.locate(clients, service, limiter).await?;
        toggle::set_tracing(clients, &service.region, &listed, enabled, limiter).await
    }

    /// A deployment's progress; once it has ended the region's span evidence is forgotten, so
    /// the list soon shows whether spans now arrive.
    pub async fn progress(
        &self,
        clients: &RegionClients,
        service: &ExpressRef,
        deployment_id: &str,
        limiter: &Limiter,
    ) -> UpstreamResult<OperationProgress> {
        let listed = self.locate(clients, service, limiter).await?;
        let region = service.region.as_str();
        let progress =
            progress::progress(&clients.ecs, region, &listed, deployment_id, limiter).await?;
        if progress.tracing.is_some() {
            self.nodes.forget(&region.to_owned()).await;
        }
        Ok(progress)
    }
}
