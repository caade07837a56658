//! `/services` and `/services/:name?region=`: the services list and one service. A name is
//! unique only within a region, so the service page reads its region from `region=` (the region
//! selector's parameter), falling back to the server's default region.

mod detail;
mod list;
mod list_status;

pub use detail::ServiceDetail;
pub use list::Services;
