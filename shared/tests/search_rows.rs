//! All-spans search's answers: the query for the entry spans of listed traces, and Logs
//! Insights rows read back as trace summaries.

use shared::search::{MAX_ENTRY_IDS, entry_spans, summaries, with_entry};

#[test]
fn entry_spans_of_listed_traces() {
    let query = entry_spans(&[
        "1-5f84c7a1-0123456789abcdef01234567",
        "69e9cc4771d7cabe0d8e8cea33b6b338",
    ])
    .expect("ids");
    assert!(query.starts_with("filter ispresent(traceId) and (not ispresent(parentSpanId) or parentSpanId = \"\") and traceId in [\"5f84c7a10123456789abcdef01234567\", \"69e9cc4771d7cabe0d8e8cea33b6b338\"]\n| fields traceId, "), "{query}");
    assert_eq!(entry_spans(&["1-5f84c7a1-0123\" or 1=1"]), None);
    let many: Vec<String> = (0..MAX_ENTRY_IDS).map(|n| format!("{n:032x}")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    assert!(
        entry_spans(&refs).is_some_and(|q| q.len() <= 10_000),
        "within Logs Insights' 10,000 characters"
    );
}

#[test]
fn rows_read_as_trace_summaries() {
    let row = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(f, v)| ((*f).to_owned(), (*v).to_owned()))
            .collect::<Vec<_>>()
    };
    let rows = [
        row(&[
            ("traceId", "69e9cc4771d7cabe0d8e8cea33b6b338"),
            ("rt_start", "1776929864011990383"),
            ("rt_duration", "24000000"),
            ("rt_service", "orders"),
            ("rt_platform", "aws_app_runner"),
            ("rt_method", "GET"),
            ("rt_url", "https://o/x"),
            ("rt_status", "503"),
            ("@ptr", "p"),
        ]),
        row(&[
            ("traceId", "5f84c7a10123456789abcdef01234567"),
            ("rt_start", "1700000000000000000"),
            ("rt_span_status", "ERROR"),
        ]),
        row(&[("traceId", "not-an-id")]),
    ];
    let summaries = summaries(&rows);
    assert_eq!(summaries.len(), 2, "a row without a readable id is skipped");
    let first = &summaries[0];
    assert_eq!(first.id, "1-69e9cc47-71d7cabe0d8e8cea33b6b338");
    assert!((first.start_time - 1_776_929_864.011_990_4).abs() < 1e-6);
    assert_eq!(first.response_time, Some(0.024));
    assert!(first.has_fault && !first.has_error && !first.has_throttle);
    assert_eq!(first.http.as_ref().and_then(|h| h.status), Some(503));
    let entry = first.entry_point.as_ref().expect("entry point");
    assert_eq!(
        (entry.name.as_deref(), entry.service_type.as_deref()),
        (Some("orders"), Some("AWS::AppRunner::Service"))
    );
    let second = &summaries[1];
    assert!(
        second.has_fault,
        "no status code, span status ERROR: a fault"
    );
    assert_eq!(second.http, None);
    let merged = with_entry(second.clone(), first);
    assert_eq!(
        (merged.id.as_str(), merged.start_time),
        (second.id.as_str(), second.start_time)
    );
    assert_eq!(merged.http, first.http);
}
