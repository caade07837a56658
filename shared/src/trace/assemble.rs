//! Documents → spans: parses every document and flattens its nested subsegments into the arena.

use super::document::{SegmentDocument, parse_document};
use super::link::link_across_documents;
use super::span::{DocumentProblem, Downstream, RawSegment, Span, SpanKind, Trace};

/// A trace assembled from its documents, and what could not be used as it is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Assembly {
    pub trace: Trace,
    pub problems: Vec<DocumentProblem>,
}

/// Builds one trace from the segment documents BatchGetTraces returned for it.
///
/// A document that does not parse becomes a [`DocumentProblem`] and the rest of the trace is
/// still built; nothing here panics on any input. Spans are linked structurally within a
/// document and by `parent_id` across documents; orphans become flagged roots, duplicated ids and
/// loops of `parent_id`s are flagged and reported.
pub fn assemble(segments: Vec<RawSegment>) -> Assembly {
    let mut trace = Trace::default();
    let mut problems = Vec::new();
    for (document_index, segment) in segments.into_iter().enumerate() {
        match parse_document(&segment.document) {
            Ok(document) => flatten_document(
                &mut trace,
                document,
                document_index,
                &segment.id,
                &mut problems,
            ),
            Err(error) => problems.push(DocumentProblem {
                segment_id: segment.id.clone(),
                message: format!("this segment's document could not be read: {error}"),
            }),
        }
        trace.documents.push(segment.document);
    }
    link_across_documents(&mut trace, &mut problems);
    set_time_bounds(&mut trace);
    Assembly { trace, problems }
}

/// Moves a document and its nested subsegments into the arena, depth first, with an explicit
/// stack. Nesting within one document is bounded by serde_json's depth limit, but the arena is
/// built the same way as everything else: without recursion.
fn flatten_document(
    trace: &mut Trace,
    document: SegmentDocument,
    document_index: usize,
    segment_id: &str,
    problems: &mut Vec<DocumentProblem>,
) {
    note_trace_id(trace, &document, segment_id, problems);
    let mut pending: Vec<(SegmentDocument, Option<usize>)> = vec![(document, None)];
    while let Some((mut document, parent)) = pending.pop() {
        let nested = std::mem::take(&mut document.subsegments);
        let index = trace.spans.len();
        let mut span = span_from_document(document, parent.is_some(), document_index);
        if span.id.is_empty() {
            problems.push(DocumentProblem {
                segment_id: segment_id.to_owned(),
                message: format!(
                    "span `{}` has no id, so nothing can name it as parent",
                    span.name
                ),
            });
        }
        span.parent = parent;
        if let Some(parent) = parent {
            trace.spans[parent].children.push(index);
        }
        trace.spans.push(span);
        // Reversed so that the first subsegment is taken off the stack first.
        pending.extend(nested.into_iter().rev().map(|child| (child, Some(index))));
    }
}

fn note_trace_id(
    trace: &mut Trace,
    document: &SegmentDocument,
    segment_id: &str,
    problems: &mut Vec<DocumentProblem>,
) {
    let Some(id) = &document.trace_id else { return };
    match &trace.trace_id {
        None => trace.trace_id = Some(id.clone()),
        Some(first) if first != id => problems.push(DocumentProblem {
            segment_id: segment_id.to_owned(),
            message: format!("this segment belongs to trace {id}, not {first}; shown anyway"),
        }),
        Some(_) => {}
    }
}

fn span_from_document(document: SegmentDocument, nested: bool, document_index: usize) -> Span {
    let kind = if document.inferred {
        SpanKind::Inferred
    } else if nested || document.document_type.as_deref() == Some("subsegment") {
        SpanKind::Subsegment
    } else {
        SpanKind::Segment
    };
    let downstream = match document.namespace.as_deref() {
        Some("aws") => Some(Downstream::Aws),
        Some("remote") => Some(Downstream::Remote),
        _ => None,
    };
    Span {
        id: document.id.unwrap_or_default(),
        name: document.name.unwrap_or_default(),
        kind,
        parent: None,
        children: Vec::new(),
        document: document_index,
        parent_id: document.parent_id,
        start_time: document.start_time,
        // Without an end time a span is unfinished, whether or not it says `in_progress`.
        in_progress: document.end_time.is_none(),
        end_time: document.end_time,
        error: document.error,
        throttle: document.throttle,
        fault: document.fault,
        downstream,
        orphan: false,
        duplicate: false,
        namespace: document.namespace,
        origin: document.origin,
        user: document.user,
        service_version: document.service.and_then(|service| service.version),
        http: document.http,
        aws: document.aws,
        sql: document.sql,
        cause: document.cause,
        annotations: document.annotations,
        metadata: document.metadata,
        precursor_ids: document.precursor_ids,
    }
}

fn set_time_bounds(trace: &mut Trace) {
    let starts = trace.spans.iter().filter_map(|span| span.start_time);
    let ends = trace
        .spans
        .iter()
        .filter_map(|span| span.end_time.or(span.start_time));
    let start = starts.fold(f64::INFINITY, f64::min);
    let end = ends.fold(f64::NEG_INFINITY, f64::max);
    trace.start = if start.is_finite() { start } else { 0.0 };
    trace.end = if end.is_finite() {
        end.max(trace.start)
    } else {
        trace.start
    };
}
