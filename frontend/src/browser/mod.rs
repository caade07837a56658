//! Small wrappers over browser APIs that Leptos does not cover. Each one degrades quietly when the
//! API is missing (private browsing without storage, a test page without `<html>`), because none of
//! them is worth breaking the app for.

mod clock;
mod dom;
mod embed;
mod local_time;
mod page;
pub mod perf;
mod theme;

pub use clock::{now_seconds, sleep_ms};
pub use dom::{download_text, focus_sibling_row, pixel_ratio};
pub use embed::page_embed_state;
pub use local_time::{clock_label, epoch_to_local_input, format_epoch_local, local_input_to_epoch};
pub use page::{mark_ready, reload};
pub use theme::{apply_theme, initial_theme, remember_theme, theme_signal};
