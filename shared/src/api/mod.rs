//! The `/api/v1` contract: the JSON the backend sends and the frontend reads.
//!
//! Conventions: field names are snake_case; times are epoch seconds as JSON numbers (`f64`);
//! durations are seconds unless the name says otherwise (`latency_ms`); optional fields may be
//! left out. Enums that mirror AWS values keep unknown values in an `Other` variant.
//!
//! | route | answer |
//! | --- | --- |
//! | `GET /api/v1/health` | [`Health`] |
//! | `GET /api/v1/config` | [`Config`] |
//! | `GET /api/v1/services` | [`ServiceList`] (App Runner and ECS Express services) |
//! | `GET /api/v1/services/{region}/{name}[?kind=&cluster=]` | [`ServiceDetail`] |
//! | `PUT /api/v1/services/{region}/{name}/tracing[?kind=&cluster=]` | body [`SetTracingRequest`] → 202 [`SetTracingAccepted`] |
//! | `GET /api/v1/services/{region}/{name}/operations/{id}[?kind=&cluster=]` | [`OperationProgress`] |
//! | `GET /api/v1/map` | [`ServiceMap`] |
//! | `GET /api/v1/map/timeseries` | [`TimeSeries`] |
//! | `GET /api/v1/traces` | [`TracePage`] (`source=spans`: with [`SpanSearch`] progress) |
//! | `GET`/`DELETE /api/v1/traces/searches/{id}` | [`TracePage`] of an all-spans search |
//! | `GET /api/v1/traces/{id}` | [`TraceDetail`] (`Accept:` [`compact_trace::MEDIA_TYPE`]: its compact form) |
//! | `GET /api/v1/traces/{id}/retrieval` | [`TraceRetrieval`] |
//! | `GET /api/v1/transaction-search` | [`TransactionSearch`] |
//! | `GET /api/v1/groups` | `Vec<`[`Group`]`>` |
//! | any error | [`ApiError`] |

mod aws_enum;
pub mod compact_trace;
mod error;
pub mod express;
mod groups;
mod health;
mod map;
mod operations;
mod services;
mod statistics;
mod timeseries;
mod traces;
mod transaction_search;
pub mod window;

pub use error::{ApiError, ErrorDetail, codes};
pub use express::{
    DeploymentBrief, DeploymentProgress, DeploymentStatus, EnvChange, EnvVar, Exporter,
    ExpressChange, ExpressConfiguration, ExpressDetail, ExpressStatus, ExpressSummary, NodeRef,
    Scaling, ServiceKind, SetupState, SpanArrival, TracingChangePlan, TracingSetup,
};
pub use groups::Group;
pub use health::{AuthMode, CacheHealth, Config, Health, Role, UpstreamHealth};
pub use map::{MapEdge, MapNode, NodeKind, ServiceMap};
pub use operations::{Operation, OperationKind, OperationStatus};
pub use services::{
    ObservabilityConfiguration, ObservabilityStatus, OperationProgress, RegionFailure,
    ServiceDetail, ServiceList, ServiceStatus, ServiceSummary, SetTracingAccepted,
    SetTracingRequest, Tracing,
};
pub use statistics::{Derived, HistogramBin, Stats};
pub use timeseries::{TimeSeries, TimeSeriesPoint};
pub use traces::{
    AnnotationValue, DocumentProblem, HttpSummary, RawSegment, RootCause, RootCauseEntity,
    RootCauseException, RootCauseService, SegmentDocumentText, ServiceId, Trace, TraceDetail,
    TraceOverview, TracePage, TracePoint, TraceSummary, XRaySegment, XRayTrace, XRayTraces,
};
pub use transaction_search::{
    DestinationStatus, MAX_RETRIEVAL_SECONDS, MAX_SEARCH_SECONDS, QueryStatus, RetrievalStatus,
    SpanSearch, TraceRetrieval, TraceSegmentDestination, TraceSource, TransactionSearch,
};
pub use window::{MAX_WINDOW_SECONDS, WindowError, format_window, parse_window};
