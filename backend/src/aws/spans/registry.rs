//! [`AllSpans`] over the SDK: the searches and retrievals of this process, by id and by what
//! they are for, so identical requests share one upstream query.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use futures::FutureExt;
use futures::future::BoxFuture;
use shared::api::{
    QueryStatus, ServiceMap, TraceDetail, TracePage, TraceRetrieval, TransactionSearch,
};
use tokio::sync::Mutex as AsyncMutex;

use super::pacing::{KEEP, MAX_RUNNING_SEARCHES};
use super::retrieval::Retrieval;
use super::search::Search;
use super::{AllSpans, RetrievalRequest, SpanSearchRequest};
use crate::answer::Answer;
use crate::aws::cache::ReadCache;
use crate::aws::clients::{Clients, RegionClients};
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;
use crate::aws::requests::TimeRange;
use crate::aws::{Shared, UpstreamResult, logs, xray};

/// The mode of a region changes rarely (an administrator enables Transaction Search once).
const MODE_TTL: Duration = Duration::from_secs(60);
const MAX_RETRIEVALS: usize = 200;

type SearchKey = (String, TimeRange, Option<String>, u32);
/// A retrieval is for (region, trace id).
type RetrievalKey = (String, String);

#[derive(Default)]
pub(super) struct Registry {
    pub searches: Mutex<HashMap<String, Arc<AsyncMutex<Search>>>>,
    by_key: Mutex<HashMap<SearchKey, String>>,
    pub retrievals: Mutex<HashMap<RetrievalKey, Arc<AsyncMutex<Retrieval>>>>,
}

impl Registry {
    fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
        mutex.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn search_entries(&self) -> Vec<Arc<AsyncMutex<Search>>> {
        Self::lock(&self.searches).values().cloned().collect()
    }

    pub fn retrieval_entries(&self) -> Vec<Arc<AsyncMutex<Retrieval>>> {
        Self::lock(&self.retrievals).values().cloned().collect()
    }

    pub fn forget_search(&self, id: &str) {
        Self::lock(&self.searches).remove(id);
        Self::lock(&self.by_key).retain(|_, v| v != id);
    }

    pub fn forget_retrieval(&self, key: &RetrievalKey) {
        Self::lock(&self.retrievals).remove(key);
    }

    fn search(&self, id: &str) -> Option<Arc<AsyncMutex<Search>>> {
        Self::lock(&self.searches).get(id).cloned()
    }
}

pub struct SpansUpstream {
    clients: Clients,
    limiter: Limiter,
    modes: ReadCache<String, TransactionSearch>,
    /// A finished search is reused for an identical request this long (the read cache's TTL).
    reuse_finished: Duration,
    registry: Arc<Registry>,
    reaper: OnceLock<()>,
    idle: Duration,
}

impl SpansUpstream {
    pub fn new(clients: Clients, limiter: Limiter, cache_ttl: Duration, idle: Duration) -> Self {
        let mode_ttl = if cache_ttl.is_zero() {
            cache_ttl
        } else {
            cache_ttl.max(MODE_TTL)
        };
        Self {
            clients,
            limiter,
            modes: ReadCache::new(mode_ttl, 64),
            reuse_finished: cache_ttl,
            registry: Arc::new(Registry::default()),
            reaper: OnceLock::new(),
            idle,
        }
    }

    fn region(&self, region: &str) -> UpstreamResult<&RegionClients> {
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

    /// Starts the reaper with the first search or retrieval (there is a runtime by then).
    fn watch(&self) {
        self.reaper.get_or_init(|| {
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                let registry = Arc::downgrade(&self.registry);
                runtime.spawn(super::reaper::reap(
                    registry,
                    self.limiter.clone(),
                    self.idle,
                ));
            }
        });
    }

    async fn reusable(&self, key: &SearchKey) -> Option<Arc<Answer<TracePage>>> {
        let id = Registry::lock(&self.registry.by_key).get(key).cloned()?;
        let entry = self.registry.search(&id)?;
        let mut search = entry.lock().await;
        let fresh = !search.done() || search.idle_for() < self.reuse_finished;
        if !fresh {
            return None;
        }
        // A failed poll leaves the search as it was; its rows so far are still the answer.
        let _ = search.advance(&self.limiter).await;
        Some(search.answer())
    }

    async fn start(&self, request: SpanSearchRequest) -> UpstreamResult<Arc<Answer<TracePage>>> {
        self.watch();
        let key = (
            request.region.clone(),
            request.range,
            request.filter.clone(),
            request.limit,
        );
        if let Some(answer) = self.reusable(&key).await {
            return Ok(answer);
        }
        let running = self
            .registry
            .search_entries()
            .iter()
            .filter(|entry| entry.try_lock().map_or(true, |s| !s.done()))
            .count();
        if running >= MAX_RUNNING_SEARCHES {
            return Err(UpstreamError::new(
                ErrorKind::Throttled,
                "logs:StartQuery",
                &request.region,
                format!("{running} all-spans searches are running in this runtrace"),
            ));
        }
        let client = self.region(&request.region)?.logs.clone();
        let query_id = logs::start_query(
            &client,
            &request.region,
            request.range,
            &request.query.query,
            request.limit,
            &self.limiter,
        )
        .await?;
        let id = uuid::Uuid::new_v4().simple().to_string();
        let search = Search::new(
            id.clone(),
            request.region,
            client,
            request.range,
            request.query,
            request.limit,
            query_id,
            request.now,
        );
        let answer = search.answer();
        Registry::lock(&self.registry.searches)
            .insert(id.clone(), Arc::new(AsyncMutex::new(search)));
        Registry::lock(&self.registry.by_key).insert(key, id);
        Ok(answer)
    }

    async fn poll(&self, id: &str) -> UpstreamResult<Option<Arc<Answer<TracePage>>>> {
        let Some(entry) = self.registry.search(id) else {
            return Ok(None);
        };
        let mut search = entry.lock().await;
        search.advance(&self.limiter).await?;
        Ok(Some(search.answer()))
    }

    async fn stop(&self, id: &str) -> UpstreamResult<Option<Arc<Answer<TracePage>>>> {
        let Some(entry) = self.registry.search(id) else {
            return Ok(None);
        };
        let mut search = entry.lock().await;
        search.last_poll = std::time::Instant::now();
        search
            .stop(
                &self.limiter,
                QueryStatus::Cancelled,
                "stopped on request; the traces found until then are listed".into(),
            )
            .await?;
        Ok(Some(search.answer()))
    }

    async fn retrieve(&self, request: RetrievalRequest) -> UpstreamResult<TraceRetrieval> {
        self.watch();
        let key = (request.region.clone(), request.trace_id.clone());
        let existing = Registry::lock(&self.registry.retrievals).get(&key).cloned();
        if let Some(entry) = existing {
            let mut retrieval = entry.lock().await;
            if !(request.retry && retrieval.done() && !retrieval.found()) {
                retrieval.advance(&self.limiter).await?;
                return Ok(retrieval.progress());
            }
        }
        if Registry::lock(&self.registry.retrievals).len() >= MAX_RETRIEVALS {
            return Err(UpstreamError::new(
                ErrorKind::Throttled,
                "xray:StartTraceRetrieval",
                &request.region,
                format!(
                    "{MAX_RETRIEVALS} retrievals are kept already (each for {} s)",
                    KEEP.as_secs()
                ),
            ));
        }
        let client = self.region(&request.region)?.xray.clone();
        let token = xray::retrieval::start(
            &client,
            &request.region,
            &request.trace_id,
            request.range,
            &self.limiter,
        )
        .await?;
        let retrieval = Retrieval::new(
            request.region,
            request.trace_id,
            client,
            token,
            request.range,
            request.now,
        );
        let progress = retrieval.progress();
        Registry::lock(&self.registry.retrievals).insert(key, Arc::new(AsyncMutex::new(retrieval)));
        Ok(progress)
    }

    fn retrieval_entry(&self, region: &str, trace_id: &str) -> Option<Arc<AsyncMutex<Retrieval>>> {
        Registry::lock(&self.registry.retrievals)
            .get(&(region.to_owned(), trace_id.to_owned()))
            .cloned()
    }
}

impl AllSpans for SpansUpstream {
    fn mode<'a>(&'a self, region: &'a str) -> BoxFuture<'a, Shared<TransactionSearch>> {
        async move {
            let client = &self.region(region)?.xray;
            let load = xray::mode(client, region, &self.limiter);
            self.modes.get_or_load(region.to_owned(), load).await
        }
        .boxed()
    }

    fn start_search(
        &self,
        request: SpanSearchRequest,
    ) -> BoxFuture<'_, UpstreamResult<Arc<Answer<TracePage>>>> {
        self.start(request).boxed()
    }

    fn search<'a>(
        &'a self,
        id: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<Option<Arc<Answer<TracePage>>>>> {
        self.poll(id).boxed()
    }

    fn stop_search<'a>(
        &'a self,
        id: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<Option<Arc<Answer<TracePage>>>>> {
        self.stop(id).boxed()
    }

    fn retrieval(
        &self,
        request: RetrievalRequest,
    ) -> BoxFuture<'_, UpstreamResult<TraceRetrieval>> {
        self.retrieve(request).boxed()
    }

    fn retrieved_trace<'a>(
        &'a self,
        region: &'a str,
        trace_id: &'a str,
    ) -> BoxFuture<'a, Option<Arc<Answer<TraceDetail>>>> {
        async move {
            let entry = self.retrieval_entry(region, trace_id)?;
            let retrieval = entry.lock().await;
            retrieval.detail.clone()
        }
        .boxed()
    }

    fn retrieved_map<'a>(
        &'a self,
        region: &'a str,
        trace_id: &'a str,
    ) -> BoxFuture<'a, Option<Shared<ServiceMap>>> {
        async move {
            let entry = self.retrieval_entry(region, trace_id)?;
            let mut retrieval = entry.lock().await;
            retrieval.map(&self.limiter).await.transpose()
        }
        .boxed()
    }
}
