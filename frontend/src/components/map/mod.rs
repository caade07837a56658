//! The service map's components: the canvas, its accessible table and the node panel.

mod canvas;
mod node_list;
mod node_panel;

pub use canvas::MapCanvas;
pub use node_list::NodeList;
pub use node_panel::NodePanel;
