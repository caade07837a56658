//! The AWS side of runtrace: SDK clients per region, the calls each route needs, conversion to
//! `shared::api` types, caching and bounded concurrency. Never imports axum; the HTTP layer sees
//! only the [`Upstream`] trait.

mod apprunner;
mod cache;
pub mod clients;
mod ecs;
pub mod error;
mod limiter;
mod logs;
mod public;
pub mod requests;
pub mod settings;
pub mod spans;
mod upstream;
mod xray;

use std::sync::Arc;

use futures::future::BoxFuture;

use crate::answer::Answer;
use shared::api::{
    CacheHealth, Group, OperationProgress, ServiceDetail, ServiceKind, ServiceList, ServiceMap,
    SetTracingAccepted, TimeSeries, TraceDetail, TracePage,
};

pub use cache::SharedCache;
pub use clients::{Clients, SetupError};
pub use ecs::ExpressRef;
pub use error::{ErrorKind, UpstreamError};
pub use requests::{Entity, MapRequest, TimeRange, TimeSeriesRequest, TraceQuery};
pub use settings::{AwsSettings, CredentialSource, RetrySettings};
pub use spans::{AllSpans, RetrievalRequest, SpanSearchRequest};
pub use upstream::AwsUpstream;

pub type UpstreamResult<T> = Result<T, UpstreamError>;
/// A read answer, possibly shared with other requests through the cache.
pub type Shared<T> = UpstreamResult<Arc<Answer<T>>>;

/// Everything the dashboard asks of AWS. Regions passed in must be among [`Upstream::regions`].
pub trait Upstream: Send + Sync {
    /// The configured regions; the first is the default.
    fn regions(&self) -> &[String];

    /// Where read answers are cached, and whether that store answers.
    fn cache_health(&self) -> BoxFuture<'_, CacheHealth> {
        Box::pin(async { CacheHealth::default() })
    }

    /// One cheap call, to tell whether AWS answers with these credentials.
    fn probe(&self) -> BoxFuture<'_, UpstreamResult<()>>;

    /// Every service of every region, App Runner and ECS Express, with its tracing state (for
    /// Express services: whether X-Ray received spans in the 15 minutes before `now`, epoch
    /// seconds). A region or kind that fails is reported in the list; only when all fail is it
    /// an error.
    fn services(&self, now: i64) -> BoxFuture<'_, Shared<ServiceList>>;

    /// The quick list (`?describe=known`): every listing at once, each service with the
    /// description already known or marked pending (`ServiceSummary::pending`), the pending
    /// ones being described in the background into the cache the full list reads. A cached full
    /// list is answered as it is. A quick list is never cached, so it is never served for a full
    /// one.
    fn known_services(&self) -> BoxFuture<'_, Shared<ServiceList>>;

    /// Which kind of service `name` is in `region`, for routes that were not told: App Runner
    /// when both kinds have the name, and when neither has (its route then says "not found").
    fn kind_of<'a>(
        &'a self,
        region: &'a str,
        name: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<ServiceKind>>;

    /// One Express service: its configuration, deployments, span evidence at `now` and what a
    /// tracing change would do.
    fn express_service<'a>(
        &'a self,
        service: &'a ExpressRef,
        now: i64,
    ) -> BoxFuture<'a, UpstreamResult<ServiceDetail>>;

    /// Starts turning an Express service's tracing on or off; the answer names the deployment.
    fn set_express_tracing<'a>(
        &'a self,
        service: &'a ExpressRef,
        enabled: bool,
    ) -> BoxFuture<'a, UpstreamResult<SetTracingAccepted>>;

    /// One deployment's progress, with the tracing state read back once it has ended.
    fn express_deployment<'a>(
        &'a self,
        service: &'a ExpressRef,
        deployment_id: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<OperationProgress>>;

    fn service<'a>(
        &'a self,
        region: &'a str,
        name: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<ServiceDetail>>;

    /// Starts turning tracing on or off; the answer names the App Runner operation to poll.
    fn set_tracing<'a>(
        &'a self,
        region: &'a str,
        name: &'a str,
        enabled: bool,
    ) -> BoxFuture<'a, UpstreamResult<SetTracingAccepted>>;

    /// One operation's progress, with the tracing state read back once it has finished.
    fn operation<'a>(
        &'a self,
        region: &'a str,
        name: &'a str,
        operation_id: &'a str,
    ) -> BoxFuture<'a, UpstreamResult<OperationProgress>>;

    fn service_map(&self, request: MapRequest) -> BoxFuture<'_, Shared<ServiceMap>>;

    fn time_series(&self, request: TimeSeriesRequest) -> BoxFuture<'_, Shared<TimeSeries>>;

    fn trace_summaries(&self, query: TraceQuery) -> BoxFuture<'_, Shared<TracePage>>;

    /// One trace by its (validated) id.
    fn trace<'a>(
        &'a self,
        region: &'a str,
        trace_id: &'a str,
    ) -> BoxFuture<'a, Shared<TraceDetail>>;

    /// The services one trace touched and the calls between them (GetTraceGraph).
    fn trace_map<'a>(
        &'a self,
        region: &'a str,
        trace_id: &'a str,
    ) -> BoxFuture<'a, Shared<ServiceMap>>;

    fn groups<'a>(&'a self, region: &'a str) -> BoxFuture<'a, Shared<Vec<Group>>>;

    /// Transaction Search: the mode, all-spans searches and trace retrieval.
    fn all_spans(&self) -> &dyn AllSpans;
}
