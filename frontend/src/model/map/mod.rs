//! Pure logic of the service map: the layered layout, the viewport (pan, zoom, fit), hit-testing,
//! the styling of nodes and edges as data, the trace-filter links and the URL state. No DOM here,
//! so all of it is tested natively.

mod format;
mod hit;
mod layering;
mod layout;
mod links;
mod ordering;
mod query;
mod style;
mod viewport;

pub use format::{Traffic, format_latency, format_rate, format_traffic};
pub use hit::{Hit, hit_test};
pub use layout::{Layout, LayoutNode, Placed, layout, layout_map};
pub use links::{TraceLink, trace_links};
pub use query::{MapQuery, MapView, Selection};
pub use style::{
    Palette, RingSegment, edge_style, hex_rgb, kind_label, node_radius, ring_segments,
};
pub use viewport::{Bounds, Viewport};
