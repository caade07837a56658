//! The services view's components: the table and its controls, the tracing switch with its
//! confirmation, and the parts of the service page (an Express service's configuration, tracing
//! setup and deployments among them).

mod confirm_dialog;
mod deployments_table;
mod express_facts;
mod list_filters;
mod operations_table;
mod refresh_control;
mod service_facts;
mod services_table;
mod status_badge;
mod tracing_change;
mod tracing_toggle;

pub use confirm_dialog::ConfirmDialog;
pub use deployments_table::DeploymentsTable;
pub use express_facts::ExpressFacts;
pub use list_filters::ListFilters;
pub use operations_table::OperationsTable;
pub use refresh_control::RefreshControl;
pub use service_facts::ServiceFacts;
pub use services_table::ServicesTable;
pub use status_badge::StatusBadge;
pub use tracing_toggle::TracingToggle;
