//! `/traces` (search) and `/traces/:id` (one trace's timeline).

mod detail;
mod detail_header;
mod results;
mod search;

pub use detail::TraceDetail;
pub use search::Traces;
