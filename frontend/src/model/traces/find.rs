//! Find-in-trace: the rows whose span matches what was typed, by name, id, URL, AWS operation or
//! table, SQL query or annotation value, ignoring case; and the span a service of the trace's map
//! stands for.

use shared::trace::{Row, Span, SpanKind, Trace};

/// The earliest span of the service `name`, segments first (X-Ray names a trace's map nodes after
/// its segments): where a click on that node of the trace's map leads in the timeline.
pub fn first_span_named(trace: &Trace, name: &str) -> Option<usize> {
    trace
        .spans
        .iter()
        .enumerate()
        .filter(|(_, span)| span.name == name)
        .min_by(|(_, a), (_, b)| {
            let rank = |span: &Span| span.kind != SpanKind::Segment;
            rank(a).cmp(&rank(b)).then(
                a.start_time
                    .unwrap_or(f64::MAX)
                    .total_cmp(&b.start_time.unwrap_or(f64::MAX)),
            )
        })
        .map(|(index, _)| index)
}

/// Indices into `rows` of the spans that match `query`; none for a blank query.
pub fn find_spans(trace: &Trace, rows: &[Row], query: &str) -> Vec<usize> {
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    rows.iter()
        .enumerate()
        .filter(|(_, row)| {
            trace
                .spans
                .get(row.span)
                .is_some_and(|span| matches(span, &needle))
        })
        .map(|(index, _)| index)
        .collect()
}

fn matches(span: &Span, needle: &str) -> bool {
    let http = span.http.as_ref().and_then(|http| http.request.as_ref());
    let aws = span.aws.as_ref();
    let fields = [
        Some(span.name.as_str()),
        Some(span.id.as_str()),
        http.and_then(|request| request.url.as_deref()),
        aws.and_then(|aws| aws.operation.as_deref()),
        aws.and_then(|aws| aws.table_name.as_deref()),
        span.sql
            .as_ref()
            .and_then(|sql| sql.sanitized_query.as_deref()),
    ];
    fields
        .into_iter()
        .flatten()
        .any(|field| field.to_lowercase().contains(needle))
        || span
            .annotations
            .values()
            .any(|value| value.to_string().to_lowercase().contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::trace::{Aws, timeline_rows};

    fn trace() -> Trace {
        let span = |id: &str, name: &str, parent: Option<usize>, children: Vec<usize>| Span {
            id: id.to_owned(),
            name: name.to_owned(),
            parent,
            children,
            start_time: Some(1.0),
            end_time: Some(2.0),
            ..Span::default()
        };
        let mut dynamo = span("c2", "DynamoDB", Some(0), vec![]);
        dynamo.aws = Some(Aws {
            operation: Some("PutItem".into()),
            table_name: Some("movies-app".into()),
            ..Aws::default()
        });
        Trace {
            start: 1.0,
            end: 2.0,
            spans: vec![
                span("a0", "movies-api", None, vec![1, 2]),
                span("b1", "render", Some(0), vec![]),
                dynamo,
            ],
            roots: vec![0],
            ..Trace::default()
        }
    }

    #[test]
    fn finds_spans_by_any_shown_field_ignoring_case() {
        let trace = trace();
        let rows = timeline_rows(&trace);
        let check = |query: &str, expect: &[usize]| {
            assert_eq!(find_spans(&trace, &rows, query), expect, "{query:?}")
        };
        check("", &[]);
        check("   ", &[]);
        check("movies", &[0, 2]);
        check("DYNAMO", &[2]);
        check("putitem", &[2]);
        check("b1", &[1]);
        check("nothing like it", &[]);
    }

    #[test]
    fn a_service_leads_to_its_earliest_segment_before_any_subsegment() {
        let mut trace = trace();
        let named = |name: &str, kind: SpanKind, start: Option<f64>| Span {
            name: name.to_owned(),
            kind,
            start_time: start,
            ..Span::default()
        };
        trace.spans.extend([
            named("movies-app", SpanKind::Subsegment, Some(0.5)),
            named("movies-app", SpanKind::Segment, Some(3.0)),
            named("movies-app", SpanKind::Segment, Some(2.0)),
            named("movies-app", SpanKind::Segment, None),
        ]);
        let check = |name: &str, expect: Option<usize>| {
            assert_eq!(first_span_named(&trace, name), expect, "{name}");
        };
        check("movies-app", Some(5));
        check("render", Some(1));
        check("nobody", None);
    }
}
