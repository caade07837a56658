//! runtrace's server: the `/api/v1` service over the AWS SDK for Rust, and the dashboard bundle.
//!
//! - [`auth`]: access control (none, bearer tokens, a trusted proxy), CSRF checks, the audit
//!   trail and signed embed links; its middleware runs in front of every route.
//! - [`aws`]: SDK clients, the calls each route needs, caching; never imports axum.
//! - [`http`]: routes, errors, middleware and static files; reaches AWS only through
//!   [`aws::Upstream`]. [`http::app`] builds the whole router, so tests drive it without a socket.
//! - [`startup`]: the `serve`, `demo` and `emulator` commands: configuration, credentials check,
//!   listening, graceful shutdown.

pub mod answer;
pub mod auth;
pub mod aws;
pub mod cli;
pub mod compress;
pub mod cursor;
pub mod http;
pub mod startup;

pub use http::app;
