//! X-Ray segment documents, and the trace tree and timeline rows built from them.
//!
//! [`assemble`] turns the documents BatchGetTraces returns into one [`Trace`]: a flat arena of
//! [`Span`]s linked by index. [`timeline_rows`], [`visible_rows`] and [`critical_path`] derive what
//! the timeline draws. Everything walks the arena with explicit stacks, never recursion, so a
//! 5,000-deep chain or 100,000 spans are fine.

mod annotation;
mod assemble;
mod critical_path;
mod document;
mod fields;
mod link;
mod rows;
mod span;

pub use annotation::AnnotationValue;
pub use assemble::{Assembly, assemble};
pub use critical_path::{CriticalSection, critical_path, critical_spans};
pub use document::{SegmentDocument, parse_document};
pub use fields::{
    Aws, Cause, CauseDetails, Exception, Http, HttpRequest, HttpResponse, ServiceInfo, SpanLink,
    Sql, StackFrame,
};
pub use rows::{Row, SpanStatus, timeline_rows, visible_rows};
pub use span::{DocumentProblem, Downstream, RawSegment, Span, SpanKind, Trace};
