//! X-Ray calls: the service graph, time series, trace summaries, whole traces and groups.

mod batch;
mod convert;
mod graph;
mod groups;
pub mod retrieval;
mod series;
mod summaries;
mod summary;
pub(crate) mod transaction_search;

pub use batch::trace_detail;
pub use graph::{service_map, trace_map};
pub use groups::groups;
pub use series::time_series;
pub use summaries::trace_page;
pub use transaction_search::mode;
