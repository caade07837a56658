//! Access control (issue 9): who may read and who may change, CSRF checks for changes, the
//! audit trail, signed embed links and the security headers' settings.
//!
//! Everything here but [`audit`]'s file is pure and unit-tested; the axum glue is in
//! [`middleware`].

pub mod args;
pub mod audit;
pub mod cidr;
pub mod csrf;
pub mod embed;
pub mod embed_link;
pub mod frame;
pub mod host;
pub mod loopback;
pub mod middleware;
pub mod policy;
pub mod principal;
pub mod proxy;
pub mod refusal;
pub mod route_class;
pub mod settings;
pub mod tokens;

pub use args::{AuthArgs, EmbedLinkArgs};
pub use audit::{AuditEvent, AuditLog};
pub use loopback::check_none_allowed;
pub use policy::{Mode, Policy, RequestFacts};
pub use principal::Principal;
pub use refusal::Refusal;
pub use route_class::{Access, RouteClass};
pub use settings::AuthSettings;
