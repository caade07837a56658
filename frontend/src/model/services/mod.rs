//! The services view's pure logic: what its URL query means, which rows show in which order, how
//! old the data is, when to refresh, and what to tell a person about a tracing change.

mod list_query;
mod refresh;
mod relative_time;
mod rows;
mod tracing_change;

pub use list_query::{ListQuery, SortColumn, SortOrder};
pub use refresh::{BUSY_REFRESH_SECONDS, RefreshInterval, refresh_due, refresh_period};
pub use relative_time::describe_age;
pub use rows::{any_in_progress, status_choices, visible_rows};
pub use tracing_change::{
    ChangeOutcome, Confirmation, confirmation, outcome_of, progress_text, refusal_message,
};
