//! The service map's components: the canvas, its accessible table, the node panel and its charts.

mod browser;
mod canvas;
mod charts;
mod node_list;
mod node_panel;

pub use browser::theme_signal;
pub use canvas::MapCanvas;
pub use charts::rgb;
pub use node_list::NodeList;
pub use node_panel::NodePanel;
