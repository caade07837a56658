//! The AWS side of runtrace: SDK clients per region, the calls each route needs, conversion to
//! `shared::api` types, caching and bounded concurrency. Never imports axum; the HTTP layer sees
//! only the [`Upstream`] trait.

mod apprunner;
mod cache;
pub mod clients;
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
    CacheHealth, Group, OperationProgress, ServiceDetail, ServiceList, ServiceMap,
    SetTracingAccepted, TimeSeries, TraceDetail, TracePage,
};

pub use cache::SharedCache;
pub use clients::{Clients, SetupError};
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

    /// Every service of every region with its tracing state. A region that fails is reported in
    /// the list; only when all fail is it an error.
    fn services(&self) -> BoxFuture<'_, Shared<ServiceList>>;

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
