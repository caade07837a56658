//! runtrace's trace (the `/api/v1/traces/{id}` answer) as Chrome trace-event JSON, the format the
//! peer viewer (speedscope) loads. Spans are clamped into their parent and after their previous
//! sibling, because a flame chart on one thread needs strict nesting and X-Ray's clocks (and the
//! benchmark traces' remote subsegments) overlap by fractions of a millisecond.

use serde_json::{Value, json};

/// Converts a `TraceDetail` JSON document; `None` if it has no `trace.spans`.
pub fn to_trace_events(detail: &Value) -> Option<Value> {
    let trace = &detail["trace"];
    let spans = trace["spans"].as_array()?;
    let origin = trace["start"].as_f64().unwrap_or(0.0);
    let end = trace["end"].as_f64().unwrap_or(f64::MAX);
    let indices = |list: &Value| -> Vec<usize> {
        let mut found: Vec<usize> = list
            .as_array()
            .map(|items| items.iter().filter_map(Value::as_u64).map(|i| i as usize))
            .into_iter()
            .flatten()
            .filter(|&i| i < spans.len())
            .collect();
        found.sort_by(|&a, &b| start_of(&spans[a]).total_cmp(&start_of(&spans[b])));
        found
    };
    let mut events = Vec::with_capacity(spans.len());
    // (span, its clamped start and end), depth first so events come out in start order.
    let mut pending: Vec<(usize, f64, f64)> = clamp(&indices(&trace["roots"]), spans, origin, end);
    pending.reverse();
    while let Some((index, start, stop)) = pending.pop() {
        let span = &spans[index];
        events.push(json!({
            "name": span["name"].as_str().unwrap_or("?"),
            "ph": "X",
            "ts": (start - origin) * 1e6,
            "dur": (stop - start) * 1e6,
            "pid": 1,
            "tid": 1,
        }));
        let mut children = clamp(&indices(&span["children"]), spans, start, stop);
        children.reverse();
        pending.extend(children);
    }
    Some(json!({ "traceEvents": events }))
}

fn start_of(span: &Value) -> f64 {
    span["start_time"].as_f64().unwrap_or(f64::MIN)
}

/// Siblings fitted into `[low, high]` one after the other, in start order.
fn clamp(siblings: &[usize], spans: &[Value], low: f64, high: f64) -> Vec<(usize, f64, f64)> {
    let mut cursor = low;
    siblings
        .iter()
        .map(|&index| {
            let span = &spans[index];
            let start = span["start_time"]
                .as_f64()
                .unwrap_or(cursor)
                .clamp(cursor, high);
            let stop = span["end_time"]
                .as_f64()
                .unwrap_or(start)
                .clamp(start, high);
            cursor = stop;
            (index, start, stop)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(name: &str, start: f64, end: f64, children: &[usize]) -> Value {
        json!({ "name": name, "start_time": start, "end_time": end, "children": children })
    }

    /// (name, ts µs, dur µs) of every event, in order.
    fn events(detail: &Value) -> Vec<(String, i64, i64)> {
        let converted = to_trace_events(detail).expect("a trace");
        converted["traceEvents"]
            .as_array()
            .expect("events")
            .iter()
            .map(|e| {
                let micros = |key: &str| e[key].as_f64().expect("a number").round() as i64;
                (
                    e["name"].as_str().expect("a name").to_owned(),
                    micros("ts"),
                    micros("dur"),
                )
            })
            .collect()
    }

    #[test]
    fn spans_become_nested_events_in_start_order() {
        let check = |spans: Vec<Value>, roots: &[usize], expect: &[(&str, i64, i64)]| {
            let detail =
                json!({ "trace": { "start": 10.0, "end": 11.0, "spans": spans, "roots": roots } });
            let expect: Vec<(String, i64, i64)> = expect
                .iter()
                .map(|(n, t, d)| ((*n).to_owned(), *t, *d))
                .collect();
            assert_eq!(events(&detail), expect);
        };
        // Children listed out of order come out in start order, under their parent.
        check(
            vec![
                span("root", 10.0, 10.5, &[2, 1]),
                span("a", 10.1, 10.2, &[]),
                span("b", 10.0, 10.05, &[]),
            ],
            &[0],
            &[
                ("root", 0, 500_000),
                ("b", 0, 50_000),
                ("a", 100_000, 100_000),
            ],
        );
        // Overlapping siblings are cut at the previous sibling's end; a child is kept inside its parent.
        check(
            vec![
                span("root", 10.0, 10.2, &[1, 2]),
                span("a", 10.0, 10.1, &[]),
                span("b", 10.05, 10.3, &[]),
            ],
            &[0],
            &[
                ("root", 0, 200_000),
                ("a", 0, 100_000),
                ("b", 100_000, 100_000),
            ],
        );
        // Indices that point nowhere are ignored.
        check(
            vec![span("root", 10.0, 10.1, &[7])],
            &[0, 9],
            &[("root", 0, 100_000)],
        );
    }

    #[test]
    fn a_document_without_spans_is_refused() {
        assert_eq!(to_trace_events(&json!({ "error": "not found" })), None);
    }
}
