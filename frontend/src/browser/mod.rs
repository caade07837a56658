//! Small wrappers over browser APIs that Leptos does not cover. Each one degrades quietly when the
//! API is missing (private browsing without storage, a test page without `<html>`), because none of
//! them is worth breaking the app for.

mod local_time;
mod page;
mod theme;

pub use local_time::{epoch_to_local_input, local_input_to_epoch};
pub use page::{mark_ready, reload};
pub use theme::{apply_theme, initial_theme, remember_theme};
