//! Pure logic of the service map: the layered layout, the viewport (pan, zoom, fit) and the
//! input that moves it, hit-testing and the id ↔ name selection, the styling of nodes and edges
//! as data, the tooltip, the node panel's subject and chart lines, the trace-filter links and the
//! URL state. No DOM here, so all of it is tested natively.

mod describe;
pub mod fixture;
mod format;
mod gesture;
mod hit;
mod labels;
mod layering;
mod layout;
mod links;
mod names;
mod ordering;
mod panel;
mod query;
mod refine;
mod selection;
mod style;
mod viewport;

#[cfg(test)]
mod readability_tests;
#[cfg(test)]
mod recorded;

pub use describe::{published_positions, tooltip};
pub use format::{Traffic, format_latency, format_rate, format_traffic};
pub use gesture::{Gesture, Release, ViewChange, ZOOM_IN, ZOOM_OUT, key_change, wheel_change};
pub use hit::{Hit, hit_test};
pub use labels::{LINE_PX, LabelBox, label_boxes, label_width};
pub use layout::{Layout, LayoutNode, Placed, layout, layout_map};
pub use links::{TraceLink, trace_links};
pub use names::{display_names, with_client_figures};
pub use panel::{
    Entity, Line, Subject, histogram_ranges, latency_band, line_ranges, series_lines, tick_label,
};
pub use query::{MapQuery, MapView};
pub use selection::Selection;
pub use style::{
    Palette, RingSegment, edge_style, hex_rgb, kind_label, node_radius, ring_segments,
};
pub use viewport::{Bounds, Viewport};
