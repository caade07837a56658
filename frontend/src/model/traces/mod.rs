//! Pure logic of the trace views: the search's URL state and the timeline's geometry (time axis,
//! zoom, minimap, which rows to render, find-in-trace). No DOM here, so it is tested natively.

mod all_spans;
mod axis;
mod bar_label;
mod find;
mod minimap;
mod refiner_text;
mod row_text;
mod rows_window;
mod scatter;
mod search_state;
mod summary;
mod timeline_keys;
mod trace_query;
mod zoom;

pub use all_spans::{
    chart_note, format_bytes, no_all_spans, percent, poll_delay_ms, retrieval_text, sample_note,
    search_summary,
};
pub use axis::{Tick, format_seconds, steps, ticks};
pub use bar_label::{LabelPlace, label_place, label_px};
pub use find::{ancestors, find_spans, first_span_named};
pub use minimap::{Minimap, minimap_pixels};
pub use refiner_text::{format_status, non_blank, parse_seconds, parse_status};
pub use row_text::{service_names, timings_differ, url_path};
pub use rows_window::{RowsWindow, rows_window, scroll_to_reveal};
pub use scatter::{Dot, PlotArea, Scales, Tone, dots, nearest_dot, selected_range, tone, y_max_ms};
pub use search_state::{SearchState, SortKey, sort_traces};
pub use summary::{Found, results_summary, wider_window};
pub use timeline_keys::{KeyAction, key_action};
pub use trace_query::TraceQuery;
pub use zoom::Zoom;
