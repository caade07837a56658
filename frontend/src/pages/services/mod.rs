//! `/services` and `/services/:name?region=`: the services list and one service. A name is
//! unique only within a region and kind, so the service page reads its region from `region=` (the
//! region selector's parameter, falling back to the server's default region) and an Express
//! service's `kind=ecs_express&cluster=`.

mod detail;
mod list;
mod list_status;
mod service_links;

pub use detail::ServiceDetail;
pub use list::Services;
