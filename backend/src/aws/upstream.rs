//! [`Upstream`] over the AWS SDK: routes each request to its region's clients, through the
//! read caches and the concurrency limiter.

use std::time::Duration;

use futures::FutureExt;
use futures::future::BoxFuture;
use shared::api::{
    CacheHealth, Group, OperationProgress, RegionFailure, ServiceDetail, ServiceKind, ServiceList,
    ServiceMap, ServiceSummary, SetTracingAccepted, TimeSeries, TraceDetail, TracePage,
};

use super::cache::{ReadCache, SharedCache};
use super::clients::{Clients, RegionClients};
use super::ecs::{ExpressRef, ExpressSide};
use super::error::{ErrorKind, UpstreamError};
use super::limiter::Limiter;
use super::requests::{MapRequest, TimeSeriesRequest, TraceQuery};
use super::settings::AwsSettings;
use super::spans::{AllSpans, SpansUpstream};
use super::{Shared, Upstream, UpstreamResult, apprunner, xray};

#[path = "upstream_express.rs"]
mod express;
#[path = "upstream_quick.rs"]
mod quick;

/// How many different maps, trace pages, ... are kept; each is small next to the memory a
/// browser tab uses, and the TTL keeps them short-lived anyway.
const CACHE_CAPACITY: u64 = 256;
/// Health probes are answered from cache for at most this long.
const PROBE_TTL: Duration = Duration::from_secs(5);

pub struct AwsUpstream {
    clients: Clients,
    limiter: Limiter,
    /// ListServices per region: also how a service name is turned into its ARN.
    listings: ReadCache<String, Vec<ServiceSummary>>,
    /// App Runner's DescribeService answers, reused while a service's listing is unchanged.
    described: apprunner::Described,
    services: ReadCache<(), ServiceList>,
    maps: ReadCache<MapRequest, ServiceMap>,
    series: ReadCache<TimeSeriesRequest, TimeSeries>,
    trace_pages: ReadCache<TraceQuery, TracePage>,
    traces: ReadCache<(String, String), TraceDetail>,
    trace_maps: ReadCache<(String, String), ServiceMap>,
    groups: ReadCache<String, Vec<Group>>,
    probe: ReadCache<(), ()>,
    /// ECS Express services, with their own listing and span-evidence caches.
    express: ExpressSide,
    /// The store replicas share, when configured.
    shared_cache: Option<SharedCache>,
    /// Tracing changes run one at a time, so two browsers cannot race to create the X-Ray
    /// configuration or interleave DescribeService and UpdateService.
    changes: tokio::sync::Mutex<()>,
    /// Transaction Search (its own module: mode, all-spans searches, retrievals).
    spans: SpansUpstream,
}

impl AwsUpstream {
    pub fn new(clients: Clients, settings: &AwsSettings) -> Self {
        let ttl = settings.cache_ttl;
        let shared_cache = settings.cache_url.as_deref().and_then(|url| {
            SharedCache::new(url)
                .inspect_err(|error| tracing::error!(%error, "the shared cache is not used"))
                .ok()
        });
        let store = shared_cache.as_ref();
        let limiter = Limiter::new(settings.concurrency);
        Self {
            spans: SpansUpstream::new(clients.clone(), limiter.clone(), ttl, settings.search_idle),
            clients,
            limiter,
            listings: ReadCache::new(ttl, CACHE_CAPACITY).shared(store, "listings"),
            described: apprunner::described(store),
            services: ReadCache::new(ttl, 1).shared(store, "services"),
            maps: ReadCache::new(ttl, CACHE_CAPACITY).shared(store, "maps"),
            series: ReadCache::new(ttl, CACHE_CAPACITY).shared(store, "series"),
            trace_pages: ReadCache::new(ttl, CACHE_CAPACITY).shared(store, "trace-pages"),
            traces: ReadCache::new(ttl, CACHE_CAPACITY).shared(store, "traces"),
            trace_maps: ReadCache::new(ttl, CACHE_CAPACITY).shared(store, "trace-maps"),
            groups: ReadCache::new(ttl, CACHE_CAPACITY).shared(store, "groups"),
            // Each replica probes AWS itself: the answer is about this replica's reach.
            probe: ReadCache::new(ttl.min(PROBE_TTL), 1),
            express: ExpressSide::new(ttl, store),
            shared_cache,
            changes: tokio::sync::Mutex::new(()),
        }
    }

    fn region_clients(&self, region: &str) -> UpstreamResult<&RegionClients> {
        self.clients.region(region).ok_or_else(|| {
            UpstreamError::new(
                ErrorKind::NotFound {
                    what: format!("region {region} (not configured)"),
                },
                "runtrace:Region",
                region,
                "a region that is not configured was asked for",
            )
        })
    }

    async fn listing(&self, region: &str) -> Shared<Vec<ServiceSummary>> {
        let client = &self.region_clients(region)?.apprunner;
        self.listings
            .get_or_load(
                region.to_owned(),
                apprunner::list_services(client, region, &self.limiter),
            )
            .await
    }

    /// The ARN of a service by name; a fresh ListServices is made before answering "not found",
    /// in case the service was created since the listing was cached.
    async fn service_arn(&self, region: &str, name: &str) -> UpstreamResult<String> {
        let find = |listing: &[ServiceSummary]| {
            listing
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.arn.clone())
        };
        if let Some(arn) = find(self.listing(region).await?.value()) {
            return Ok(arn);
        }
        self.listings.forget(&region.to_owned()).await;
        find(self.listing(region).await?.value()).ok_or_else(|| {
            UpstreamError::new(
                ErrorKind::NotFound {
                    what: format!("service {name} in {region}"),
                },
                "apprunner:ListServices",
                region,
                format!("no service named {name}"),
            )
        })
    }

    async fn region_services(&self, region: &str) -> UpstreamResult<Vec<ServiceSummary>> {
        let client = &self.region_clients(region)?.apprunner;
        let listing = self.listing(region).await?;
        Ok(apprunner::with_tracing(
            client,
            region,
            listing.value(),
            &self.limiter,
            &self.described,
        )
        .await)
    }

    async fn all_services(&self, now: i64) -> UpstreamResult<ServiceList> {
        let regions = self.clients.regions();
        let answers = futures::future::join_all(regions.iter().map(|region| async move {
            let (app_runner, express) = futures::join!(
                self.region_services(region),
                self.express_services(region, now)
            );
            [
                (region.clone(), ServiceKind::AppRunner, app_runner),
                (region.clone(), ServiceKind::EcsExpress, express),
            ]
        }))
        .await;
        merge_regions(answers.into_iter().flatten().collect())
    }

    /// A change makes the cached lists stale.
    async fn forget_services(&self, region: &str) {
        self.listings.forget(&region.to_owned()).await;
        self.services.forget(&()).await;
    }

    async fn probe_default_region(&self) -> UpstreamResult<()> {
        let region = self.clients.regions().first().cloned().unwrap_or_default();
        let client = &self.region_clients(&region)?.apprunner;
        self.limiter
            .call(
                "apprunner:ListServices",
                &region,
                client.list_services().max_results(1).send(),
            )
            .await
            .map(drop)
    }
}

/// Every region's services of each kind; a region and kind that failed is listed as a failure.
/// Only when every one failed is the whole answer an error (the first one).
pub fn merge_regions(
    answers: Vec<(String, ServiceKind, UpstreamResult<Vec<ServiceSummary>>)>,
) -> UpstreamResult<ServiceList> {
    let parts = answers.len();
    let mut list = ServiceList::default();
    let mut first_error = None;
    for (region, kind, answer) in answers {
        match answer {
            Ok(services) => list.services.extend(services),
            Err(error) => {
                tracing::warn!(%error, kind = kind.as_str(), "listing services failed in one region");
                list.failures.push(RegionFailure {
                    region,
                    kind: Some(kind),
                    code: error.public_code().to_owned(),
                    message: error.public_message(),
                });
                first_error.get_or_insert(error);
            }
        }
    }
    match first_error {
        Some(error) if list.failures.len() == parts => Err(error),
        _ => Ok(list),
    }
}

impl Upstream for AwsUpstream {
    fn regions(&self) -> &[String] {
        self.clients.regions()
    }

    fn cache_health(&self) -> BoxFuture<'_, CacheHealth> {
        async move {
            match &self.shared_cache {
                Some(store) => store.health().await,
                None => CacheHealth::default(),
            }
        }
        .boxed()
    }

    fn probe(&self) -> BoxFuture<'_, UpstreamResult<()>> {
        async move {
            self.probe
                .get_or_load((), self.probe_default_region())
                .await
                .map(drop)
        }
        .boxed()
    }

    fn services(&self, now: i64) -> BoxFuture<'_, Shared<ServiceList>> {
        self.services
            .get_or_load((), self.all_services(now))
            .boxed()
    }

    fn known_services(&self) -> BoxFuture<'_, Shared<ServiceList>> {
        AwsUpstream::known_services(self).boxed()
    }

    fn kind_of<'a>(
        &'a self,
        region: &'a str,
        name: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<ServiceKind>> {
        self.find_kind(region, name).boxed()
    }

    fn express_service<'a>(
        &'a self,
        service: &'a ExpressRef,
        now: i64,
    ) -> BoxFuture<'a, UpstreamResult<ServiceDetail>> {
        self.express_detail(service, now).boxed()
    }

    fn set_express_tracing<'a>(
        &'a self,
        service: &'a ExpressRef,
        enabled: bool,
    ) -> BoxFuture<'a, UpstreamResult<SetTracingAccepted>> {
        self.express_change(service, enabled).boxed()
    }

    fn express_deployment<'a>(
        &'a self,
        service: &'a ExpressRef,
        deployment_id: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<OperationProgress>> {
        self.express_progress(service, deployment_id).boxed()
    }

    fn service<'a>(
        &'a self,
        region: &'a str,
        name: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<ServiceDetail>> {
        async move {
            let arn = self.service_arn(region, name).await?;
            let client = &self.region_clients(region)?.apprunner;
            apprunner::service_detail(client, region, &arn, &self.limiter).await
        }
        .boxed()
    }

    fn set_tracing<'a>(
        &'a self,
        region: &'a str,
        name: &'a str,
        enabled: bool,
    ) -> BoxFuture<'a, UpstreamResult<SetTracingAccepted>> {
        async move {
            let arn = self.service_arn(region, name).await?;
            let client = &self.region_clients(region)?.apprunner;
            let _one_change_at_a_time = self.changes.lock().await;
            let accepted =
                apprunner::set_tracing(client, region, &arn, enabled, &self.limiter).await;
            self.forget_services(region).await;
            accepted
        }
        .boxed()
    }

    fn operation<'a>(
        &'a self,
        region: &'a str,
        name: &'a str,
        operation_id: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<OperationProgress>> {
        async move {
            let arn = self.service_arn(region, name).await?;
            let client = &self.region_clients(region)?.apprunner;
            let progress =
                apprunner::operation_progress(client, region, &arn, operation_id, &self.limiter)
                    .await?;
            if progress.tracing.is_some() {
                self.forget_services(region).await;
            }
            Ok(progress)
        }
        .boxed()
    }

    fn service_map(&self, request: MapRequest) -> BoxFuture<'_, Shared<ServiceMap>> {
        async move {
            let client = &self.region_clients(&request.region)?.xray;
            let load = xray::service_map(client, &request, &self.limiter);
            self.maps.get_or_load(request.clone(), load).await
        }
        .boxed()
    }

    fn time_series(&self, request: TimeSeriesRequest) -> BoxFuture<'_, Shared<TimeSeries>> {
        async move {
            let client = &self.region_clients(&request.region)?.xray;
            let load = xray::time_series(client, &request, &self.limiter);
            self.series.get_or_load(request.clone(), load).await
        }
        .boxed()
    }

    fn trace_summaries(&self, query: TraceQuery) -> BoxFuture<'_, Shared<TracePage>> {
        async move {
            let client = &self.region_clients(&query.region)?.xray;
            let load = xray::trace_page(client, &query, &self.limiter);
            let answer = self.trace_pages.get_or_load(query.clone(), load).await?;
            // A partial answer serves the requests that waited for it, not the next one: that
            // one may find X-Ray answering again.
            if answer.value().partial.is_some() {
                self.trace_pages.forget(&query).await;
            }
            Ok(answer)
        }
        .boxed()
    }

    fn trace<'a>(
        &'a self,
        region: &'a str,
        trace_id: &'a str,
    ) -> BoxFuture<'a, Shared<TraceDetail>> {
        async move {
            let client = &self.region_clients(region)?.xray;
            let load = xray::trace_detail(client, region, trace_id, &self.limiter);
            let key = (region.to_owned(), trace_id.to_owned());
            self.traces.get_or_load(key, load).await
        }
        .boxed()
    }

    fn trace_map<'a>(
        &'a self,
        region: &'a str,
        trace_id: &'a str,
    ) -> BoxFuture<'a, Shared<ServiceMap>> {
        async move {
            let client = &self.region_clients(region)?.xray;
            let load = xray::trace_map(client, region, trace_id, &self.limiter);
            let key = (region.to_owned(), trace_id.to_owned());
            self.trace_maps.get_or_load(key, load).await
        }
        .boxed()
    }

    fn groups<'a>(&'a self, region: &'a str) -> BoxFuture<'a, Shared<Vec<Group>>> {
        async move {
            let client = &self.region_clients(region)?.xray;
            let load = xray::groups(client, region, &self.limiter);
            self.groups.get_or_load(region.to_owned(), load).await
        }
        .boxed()
    }

    fn all_spans(&self) -> &dyn AllSpans {
        &self.spans
    }
}
