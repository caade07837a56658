//! Signed embed links: an HMAC-signed, expiring token that lets an iframe read one view and
//! nothing else. Pure: the caller supplies "now" and the request's method, path and query.

pub mod keys;
pub mod link;
pub mod scope;
pub mod token;
pub mod ttl;

pub use keys::KeyRing;
pub use link::{PAGE_PARAMETER, embed_url};
pub use scope::{Asked, View, check_scope};
pub use token::{EmbedClaims, EmbedError, sign, verify};
pub use ttl::parse_ttl;

/// The header the frontend sends the token in on API calls.
pub const EMBED_HEADER: &str = "x-runtrace-embed";
