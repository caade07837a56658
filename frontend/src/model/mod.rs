//! Pure view logic: what the URL query means and how to write it back ([`UrlState`]), and
//! everything the views compute from data. No Leptos, no web-sys, so `cargo test -p frontend`
//! checks all of it natively.

pub mod chart;
mod civil;
pub mod clock;
pub mod embed;
mod instant;
pub mod kiosk;
pub mod map;
pub mod services;
pub mod shell;
mod theme;
mod time_range;
pub mod traces;
mod url_state;
mod view_query;
pub mod words;

pub use instant::{InstantError, format_utc, parse_instant};
pub use theme::Theme;
pub use time_range::{CUSTOM, DEFAULT_WINDOW_SECONDS, PRESET_WINDOWS, RangeError, TimeRange};
pub use url_state::UrlState;
pub use view_query::{ParsedQuery, QueryError, ViewQuery, carry_over, link_query, pinned_query};
