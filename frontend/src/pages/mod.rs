//! One file per route.

mod home_redirect;
mod kiosk;
mod map;
mod not_found;
mod services;
pub mod split;
mod traces;

pub use home_redirect::HomeRedirect;
pub use kiosk::Kiosk;
pub use map::MapPage as ServiceMap;
pub use not_found::NotFound;
pub use services::{ServiceDetail, Services};
pub use traces::{TraceDetail, Traces};
