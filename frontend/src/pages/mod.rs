//! One file per route.

mod home_redirect;
mod not_found;
mod service_detail;
mod service_map;
mod services;
mod trace_detail;
mod traces;

pub use home_redirect::HomeRedirect;
pub use not_found::NotFound;
pub use service_detail::ServiceDetail;
pub use service_map::ServiceMap;
pub use services::Services;
pub use trace_detail::TraceDetail;
pub use traces::Traces;
