//! Pure logic of the service map: the layered layout, the viewport (pan, zoom, fit) and the
//! input that moves it, hit-testing and the id ↔ name selection, the styling of nodes and edges
//! as data, the tooltip, the node panel's subject and chart lines, the trace-filter links and the
//! URL state. No DOM here, so all of it is tested natively.

mod describe;
pub mod fixture;
mod format;
mod gesture;
mod hit;
mod layering;
mod layout;
mod links;
mod ordering;
mod panel;
mod query;
mod selection;
mod style;
mod viewport;

pub use describe::{published_positions, tooltip};
pub use format::{Traffic, format_latency, format_rate, format_traffic};
pub use gesture::{Gesture, Release, ViewChange, ZOOM_IN, ZOOM_OUT, key_change, wheel_change};
pub use hit::{Hit, hit_test};
pub use layout::{Layout, LayoutNode, Placed, layout, layout_map};
pub use links::{TraceLink, trace_links};
pub use panel::{Entity, Line, Subject, histogram_ranges, line_ranges, series_lines};
pub use query::{MapQuery, MapView};
pub use selection::Selection;
pub use style::{
    Palette, RingSegment, edge_style, hex_rgb, kind_label, node_radius, ring_segments,
};
pub use viewport::{Bounds, Viewport};
