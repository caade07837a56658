//! The critical path: the chain of work that decided how long the trace took.
//!
//! jaeger-ui's algorithm, made iterative: from the root, step into the child that finished last;
//! when a span has no (more) children ending before the point reached, the span itself was the
//! work on the path back to its start, and the walk returns to the parent looking for the child
//! that finished last before that start. Children are clipped to their parent's interval first
//! (clock skew), and ones entirely outside it are ignored, as jaeger-ui does. One deviation: a
//! child ending exactly when the next one starts counts as before it (jaeger-ui wants strictly
//! before), so back-to-back calls, common with coarse clocks, all stay on the path.

use super::span::Trace;

/// A stretch of time during which `span` itself was the critical work. Sections are never empty:
/// a span on the path that took no time of its own does not appear.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriticalSection {
    pub span: usize,
    /// Epoch seconds.
    pub start: f64,
    /// Epoch seconds.
    pub end: f64,
}

#[derive(Clone, Copy)]
struct Interval {
    span: usize,
    start: f64,
    end: f64,
}

/// A span on the walk, with its clipped children, latest end first; `next` is the first child
/// not yet considered.
struct Frame {
    interval: Interval,
    children: Vec<Interval>,
    next: usize,
}

/// The critical path of the trace's main root (the non-orphan root that ends last), in time order.
pub fn critical_path(trace: &Trace) -> Vec<CriticalSection> {
    let Some(root) = main_root(trace) else {
        return Vec::new();
    };
    let mut sections = Vec::new();
    let mut stack = vec![frame(trace, own_interval(trace, root, trace.start))];
    // The start of the child the walk just returned from: only children ending by then count.
    let mut returning_from: Option<f64> = None;
    while let Some(top) = stack.last_mut() {
        let section_end = returning_from.unwrap_or(top.interval.end);
        if let Some(child) = top.take_child(returning_from) {
            if child.end < section_end {
                sections.push(CriticalSection {
                    span: top.interval.span,
                    start: child.end,
                    end: section_end,
                });
            }
            returning_from = None;
            let child_frame = frame(trace, child);
            stack.push(child_frame);
        } else {
            let own = top.interval;
            if own.start < section_end {
                sections.push(CriticalSection {
                    span: own.span,
                    start: own.start,
                    end: section_end,
                });
            }
            returning_from = Some(own.start);
            stack.pop();
        }
    }
    sections.reverse();
    sections
}

/// Whether each span (by index into [`Trace::spans`]) has a section on the critical path.
pub fn critical_spans(trace: &Trace) -> Vec<bool> {
    let mut on = vec![false; trace.spans.len()];
    for section in critical_path(trace) {
        if let Some(flag) = on.get_mut(section.span) {
            *flag = true;
        }
    }
    on
}

impl Frame {
    /// The child to step into next: the one finishing last, or, when returning from a child
    /// that started at `limit`, the one finishing last by then. Limits only ever decrease, so
    /// the children passed over are never wanted again.
    fn take_child(&mut self, limit: Option<f64>) -> Option<Interval> {
        if let Some(limit) = limit {
            let later = |child: &Interval| child.end > limit;
            while self.children.get(self.next).is_some_and(later) {
                self.next += 1;
            }
        }
        let child = self.children.get(self.next).copied()?;
        self.next += 1;
        Some(child)
    }
}

fn main_root(trace: &Trace) -> Option<usize> {
    let end_of = |root: usize| {
        let span = &trace.spans[root];
        span.end_time
            .or(span.start_time)
            .unwrap_or(f64::NEG_INFINITY)
    };
    let latest = |a: &usize, b: &usize| end_of(*a).total_cmp(&end_of(*b));
    let valid: Vec<usize> = trace
        .roots
        .iter()
        .copied()
        .filter(|&root| root < trace.spans.len())
        .collect();
    let real = valid
        .iter()
        .copied()
        .filter(|&root| !trace.spans[root].orphan)
        .max_by(latest);
    real.or_else(|| valid.iter().copied().max_by(latest))
}

/// The span's own interval: unfinished spans run to the trace end, missing starts take the
/// parent's, and an end before the start is read as zero length.
fn own_interval(trace: &Trace, span: usize, parent_start: f64) -> Interval {
    let data = &trace.spans[span];
    let start = data.start_time.unwrap_or(parent_start);
    let end = data.end_time.unwrap_or(trace.end).max(start);
    Interval { span, start, end }
}

fn frame(trace: &Trace, interval: Interval) -> Frame {
    let mut children: Vec<Interval> = trace.spans[interval.span]
        .children
        .iter()
        .filter(|&&child| child < trace.spans.len())
        .map(|&child| own_interval(trace, child, interval.start))
        .filter(|child| child.end > interval.start && child.start < interval.end)
        .map(|child| Interval {
            span: child.span,
            start: child.start.max(interval.start),
            end: child.end.min(interval.end),
        })
        .collect();
    children.sort_by(|a, b| b.end.total_cmp(&a.end).then(a.span.cmp(&b.span)));
    Frame {
        interval,
        children,
        next: 0,
    }
}
