//! The shell's building blocks, one component per file.

mod custom_range_form;
pub mod embed;
mod error_panel;
mod indexed_sample;
pub mod kiosk;
mod lazy_view;
mod main_nav;
pub mod map;
mod query_notice;
mod region_select;
pub mod resize;
mod server_status;
pub mod services;
mod share_link;
mod status_footer;
mod theme_toggle;
mod time_range_picker;
mod top_bar;
pub mod traces;

pub use custom_range_form::CustomRangeForm;
pub use error_panel::{BoundaryPanel, ErrorPanel, failure_panel};
pub use indexed_sample::{IndexedSample, use_transaction_mode};
pub use lazy_view::LazyView;
pub use main_nav::MainNav;
pub use query_notice::QueryNotice;
pub use region_select::RegionSelect;
pub use server_status::ServerStatus;
pub use share_link::ShareLink;
pub use status_footer::StatusFooter;
pub use theme_toggle::ThemeToggle;
pub use time_range_picker::TimeRangePicker;
pub use top_bar::TopBar;
