//! Pure logic of the trace views: the search's URL state and the timeline's geometry (time axis,
//! zoom, minimap, which rows to render, find-in-trace). No DOM here, so it is tested natively.

mod axis;
mod find;
mod minimap;
mod refiner_text;
mod rows_window;
mod scatter;
mod search_state;
mod zoom;

pub use axis::{Tick, format_seconds, ticks};
pub use find::{find_spans, first_span_named};
pub use minimap::{Minimap, minimap_pixels};
pub use refiner_text::{format_status, non_blank, parse_seconds, parse_status};
pub use rows_window::{RowsWindow, rows_window, scroll_to_reveal};
pub use scatter::{Dot, PlotArea, Scales, Tone, dots, nearest_dot, selected_range, y_max_ms};
pub use search_state::{SearchState, SortKey, sort_traces};
pub use zoom::Zoom;
