//! The kiosk's pure rules: which views it rotates through and how fast, how old the data on screen
//! is, and how long to wait before asking a failing backend again.

mod age;
mod backoff;
mod board;
mod digest;
mod plan;

pub use age::data_age_label;
pub use backoff::retry_delay_seconds;
pub use board::{ServicesBoardRows, services_board_rows};
pub use digest::{TraceDigest, digest};
pub use plan::{KioskPlan, KioskQuery, KioskView, PlanError};
