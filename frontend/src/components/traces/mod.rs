//! The trace views' building blocks: the search form, its results, and the trace timeline.

mod after_paint;
mod copy_button;
mod filter_box;
mod json_tree;
mod marks;
mod minimap;
mod raw_document;
mod refiner_panel;
mod response_scatter;
mod result_counts;
mod results;
mod results_table;
mod retrieval;
mod source_switch;
mod span_details;
mod span_search;
mod timeline;
mod timeline_row;
mod timeline_toolbar;
mod trace_map;

pub use after_paint::after_first_paint;
pub use copy_button::CopyButton;
pub use filter_box::FilterBox;
pub use json_tree::JsonTree;
pub use marks::{
    STEP_DECODE, STEP_FETCH, measure_render_step, measure_route_step, measure_trace_open,
    start_render_step,
};
pub use raw_document::RawDocument;
pub use refiner_panel::RefinerPanel;
pub use response_scatter::ResponseScatter;
pub use result_counts::ResultCounts;
pub use results::{Results, TraceResults, use_trace_results};
pub use results_table::ResultsTable;
pub use retrieval::Retrieval;
pub use source_switch::SourceSwitch;
pub use span_details::SpanDetails;
pub use timeline::Timeline;
pub use trace_map::{MapOfTrace, TraceMap, map_of_trace};
