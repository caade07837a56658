//! The services view's pure logic: what its URL query means, which rows show in which order, how
//! old the data is, when to refresh, what a service of either kind shows, and what to tell a
//! person about a tracing change.

mod express;
mod express_change;
mod express_facts;
mod list_query;
mod refresh;
mod relative_time;
mod rows;
mod service_links;
mod service_ref;
mod tracing_change;

pub use express::{
    CHECKING, StatusShown, cpu_memory, deployment_outcome, deployment_state, node_filter,
    scaling_text, spans_silent, status_of, tracing_facts, tracing_text,
};
pub use express_change::change_line;
pub use express_facts::{Fact, FactValue, express_facts, tracing_setup_facts};
pub use list_query::{ListQuery, SortColumn, SortOrder};
pub use refresh::{BUSY_REFRESH_SECONDS, RefreshInterval, refresh_due, refresh_period};
pub use relative_time::describe_age;
pub use rows::{any_in_progress, status_choices, visible_rows};
pub use service_links::{ViewLink, service_links};
pub use service_ref::{ServiceRef, ServiceWhich};
pub use tracing_change::{
    ChangeOutcome, Confirmation, confirmation, outcome_of, progress_text, refusal_message,
};
