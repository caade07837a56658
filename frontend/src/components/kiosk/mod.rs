//! The kiosk's parts: the rotating data feed and one large-type board per view.

mod feed;
mod services_board;
mod traces_board;

pub use feed::{Fetched, KioskFeed, ROTATION_MEASURE, use_kiosk_feed};
pub use services_board::ServicesBoard;
pub use traces_board::TracesBoard;
