//! App Runner calls: listing services with their tracing state, one service in detail, turning
//! tracing on or off, and following the operation that does it.

mod convert;
mod described;
mod detail;
mod listing;
mod observability;
mod progress;
mod toggle;

pub use described::{Described, described};
pub use detail::service_detail;
pub use listing::{list_services, with_known_tracing, with_tracing};
pub use progress::operation_progress;
pub use toggle::set_tracing;
