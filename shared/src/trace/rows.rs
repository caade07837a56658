//! The timeline's rows: the tree in depth-first order, with times relative to the trace start.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::span::{Span, SpanKind, Trace};

/// How a span ended, worst first when several flags are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanStatus {
    Ok,
    /// 4xx other than 429.
    Error,
    /// 429.
    Throttle,
    /// 5xx.
    Fault,
}

impl SpanStatus {
    /// From the span's flags, or its HTTP status when an SDK set no flag.
    pub fn of(span: &Span) -> Self {
        let status = span.http_status();
        let in_range =
            |low: u16, high: u16| status.is_some_and(|code| (low..=high).contains(&code));
        if span.fault || in_range(500, 599) {
            Self::Fault
        } else if span.throttle || status == Some(429) {
            Self::Throttle
        } else if span.error || in_range(400, 499) {
            Self::Error
        } else {
            Self::Ok
        }
    }
}

/// One line of the timeline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// Index into [`Trace::spans`].
    pub span: usize,
    /// 0 for roots.
    pub depth: usize,
    /// Seconds from the trace start to the span start.
    pub offset: f64,
    /// Seconds; never negative. An unfinished span runs to the end of the trace.
    pub duration: f64,
    pub in_progress: bool,
    pub status: SpanStatus,
    /// The segment this span belongs to (itself, for segments): its name is the service's.
    pub service_span: usize,
    pub has_children: bool,
    /// Its children are hidden by [`visible_rows`].
    pub collapsed: bool,
}

impl Row {
    /// The name of the service the span ran in.
    pub fn service_name<'t>(&self, trace: &'t Trace) -> &'t str {
        trace
            .spans
            .get(self.service_span)
            .map_or("", |span| span.name.as_str())
    }
}

/// Every span as a row, depth first.
pub fn timeline_rows(trace: &Trace) -> Vec<Row> {
    visible_rows(trace, &HashSet::new())
}

/// The rows left when the children of every span in `collapsed` (indices into [`Trace::spans`])
/// are hidden.
pub fn visible_rows(trace: &Trace, collapsed: &HashSet<usize>) -> Vec<Row> {
    struct Pending {
        span: usize,
        depth: usize,
        parent_offset: f64,
        service_span: usize,
    }
    let mut rows = Vec::with_capacity(trace.spans.len());
    let mut pending: Vec<Pending> = trace
        .roots
        .iter()
        .rev()
        .map(|&span| Pending {
            span,
            depth: 0,
            parent_offset: 0.0,
            service_span: span,
        })
        .collect();
    while let Some(next) = pending.pop() {
        let Some(span) = trace.spans.get(next.span) else {
            continue;
        };
        let service_span = match span.kind {
            SpanKind::Segment | SpanKind::Inferred => next.span,
            SpanKind::Subsegment => next.service_span,
        };
        // A span without a start time is drawn where its parent starts.
        let offset = span
            .start_time
            .map_or(next.parent_offset, |start| start - trace.start);
        let end = span
            .end_time
            .map_or(trace.end - trace.start, |end| end - trace.start);
        let is_collapsed = collapsed.contains(&next.span);
        rows.push(Row {
            span: next.span,
            depth: next.depth,
            offset,
            duration: (end - offset).max(0.0),
            in_progress: span.in_progress,
            status: SpanStatus::of(span),
            service_span,
            has_children: !span.children.is_empty(),
            collapsed: is_collapsed,
        });
        if !is_collapsed {
            pending.extend(span.children.iter().rev().map(|&child| Pending {
                span: child,
                depth: next.depth + 1,
                parent_offset: offset,
                service_span,
            }));
        }
    }
    rows
}
