//! What the views say about CloudWatch Transaction Search, in words: the indexed sample X-Ray's
//! own views cover, how far an all-spans search is and what its counts and plot cover, and how
//! far a trace retrieval is. The numbers are the backend's; only the wording is decided here.

use shared::api::{
    DestinationStatus, MAX_RETRIEVAL_SECONDS, MAX_SEARCH_SECONDS, QueryStatus, RetrievalStatus,
    SpanSearch, TraceRetrieval, TraceSegmentDestination, TransactionSearch,
};

use crate::model::words::{count, grouped};

/// `1.0` → "1", `0.5` → "0.5", `12.345` → "12.35".
pub fn percent(share: f64) -> String {
    let text = format!("{share:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The share X-Ray indexes, as a phrase: "1 %", or "a share" when the rule could not be read.
fn share(mode: &TransactionSearch) -> String {
    mode.indexing_percent
        .map_or_else(|| "a share".to_owned(), |p| format!("{} %", percent(p)))
}

/// The note the map and trace views carry where the destination is CloudWatch Logs; `None`
/// where X-Ray keeps (and shows) every trace.
pub fn sample_note(mode: &TransactionSearch) -> Option<String> {
    if mode.destination != TraceSegmentDestination::CloudWatchLogs {
        return None;
    }
    Some(match mode.status {
        DestinationStatus::Active => format!("Indexed sample: {} of spans", share(mode)),
        _ => format!(
            "Transaction Search is being turned on ({}): X-Ray will index {} of spans",
            mode.status,
            share(mode)
        ),
    })
}

/// Why the search offers no "all spans" switch in this region.
pub fn no_all_spans(mode: &TransactionSearch) -> String {
    format!(
        "Searching all spans needs CloudWatch Transaction Search, which is not in effect in {} (trace destination {}, {}): X-Ray's own search sees every trace there.",
        mode.region, mode.destination, mode.status
    )
}

/// Bytes as a person reads them: "830 B", "12.4 KB", "3.1 MB", "2.05 GB".
pub fn format_bytes(bytes: f64) -> String {
    let units = [("GB", 1e9), ("MB", 1e6), ("KB", 1e3)];
    match units.into_iter().find(|(_, size)| bytes >= *size) {
        Some((unit, size)) => {
            let value = bytes / size;
            let digits = if value < 10.0 { 2 } else { 1 };
            format!("{value:.digits$} {unit}")
        }
        None => format!("{} B", bytes.max(0.0) as u64),
    }
}

/// The line under an all-spans search: how far it is, what it found and what it read.
pub fn search_summary(search: &SpanSearch, listed: usize) -> String {
    let seconds = search.elapsed_seconds.round() as u64;
    let scanned = format_bytes(search.bytes_scanned);
    let found = count(listed, "trace");
    if !search.done {
        let step = if search.details_pending {
            "reading the entry spans of the traces found"
        } else if search.status == QueryStatus::Scheduled {
            "waiting for Logs Insights to start"
        } else {
            "searching"
        };
        return format!(
            "All spans: {step}… {seconds} s, {found} so far, {} spans read, {scanned} scanned (runtrace stops it after {} s).",
            grouped(search.records_scanned as usize),
            MAX_SEARCH_SECONDS
        );
    }
    let cut = if search.truncated {
        format!(
            " The search stops at {}: more may match; narrow the filter or the time range.",
            count(search.limit as usize, "trace")
        )
    } else {
        String::new()
    };
    match search.status {
        QueryStatus::Complete => {
            let verb = if listed == 1 { "matches" } else { "match" };
            format!("{found} {verb} in all spans; {scanned} scanned in {seconds} s.{cut}")
        }
        _ => format!(
            "The search ended {} after {seconds} s: {}. Listed are the {found} found until then ({scanned} scanned).{cut}",
            search.status,
            search
                .message
                .as_deref()
                .unwrap_or("Logs Insights gave no reason")
        ),
    }
}

/// What the counts and the plot cover for an all-spans search: the rows listed, since no
/// overview of every span is read.
pub fn chart_note(search: &SpanSearch, listed: usize) -> String {
    let rows = count(listed, "trace");
    if search.truncated {
        format!(
            "The counts and the plot show the newest {rows} of all spans that the search listed, not every match in the window."
        )
    } else if !search.done {
        format!("The counts and the plot show the {rows} found so far in all spans.")
    } else {
        format!(
            "The counts and the plot show all {rows} that match in all spans (not X-Ray's indexed sample)."
        )
    }
}

/// A trace retrieval in words, while it runs or once it ended.
pub fn retrieval_text(retrieval: &TraceRetrieval) -> String {
    let seconds = retrieval.elapsed_seconds.round() as u64;
    match retrieval.status {
        _ if retrieval.found => "The trace was read from all spans; opening it…".to_owned(),
        RetrievalStatus::Scheduled | RetrievalStatus::Running if !retrieval.done => {
            let step = if retrieval.status == RetrievalStatus::Scheduled {
                "X-Ray has scheduled reading it"
            } else {
                "X-Ray is reading its spans"
            };
            format!(
                "X-Ray did not index this trace: {step} from all spans (Transaction Search)… {seconds} s (runtrace waits up to {MAX_RETRIEVAL_SECONDS} s)."
            )
        }
        _ => format!(
            "Reading the trace from all spans ended {} after {seconds} s: {}.",
            retrieval.status,
            retrieval
                .message
                .as_deref()
                .unwrap_or("X-Ray gave no reason")
        ),
    }
}

/// Milliseconds until the next poll of an unfinished search or retrieval: the backend's pace,
/// never faster than a tenth of a second (an answer of 0 while running would spin).
pub fn poll_delay_ms(done: bool, poll_after_ms: u64) -> Option<u64> {
    (!done).then_some(poll_after_ms.max(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(destination: &str, status: &str, share: Option<f64>) -> TransactionSearch {
        TransactionSearch {
            region: "eu-west-1".into(),
            destination: destination.into(),
            status: status.into(),
            indexing_percent: share,
            all_spans: destination == "CloudWatchLogs" && status == "ACTIVE",
        }
    }

    #[test]
    fn the_sample_note_appears_only_where_spans_go_to_cloudwatch_logs() {
        let check = |mode: TransactionSearch, expect: Option<&str>| {
            assert_eq!(sample_note(&mode).as_deref(), expect, "{mode:?}");
        };
        check(
            mode("CloudWatchLogs", "ACTIVE", Some(1.0)),
            Some("Indexed sample: 1 % of spans"),
        );
        check(
            mode("CloudWatchLogs", "ACTIVE", Some(0.25)),
            Some("Indexed sample: 0.25 % of spans"),
        );
        check(
            mode("CloudWatchLogs", "ACTIVE", None),
            Some("Indexed sample: a share of spans"),
        );
        check(
            mode("CloudWatchLogs", "PENDING", Some(1.0)),
            Some("Transaction Search is being turned on (PENDING): X-Ray will index 1 % of spans"),
        );
        check(mode("XRay", "ACTIVE", None), None);
        check(mode("XRay", "PENDING", Some(1.0)), None);
        assert_eq!(
            no_all_spans(&mode("XRay", "ACTIVE", None)),
            "Searching all spans needs CloudWatch Transaction Search, which is not in effect in eu-west-1 (trace destination XRay, ACTIVE): X-Ray's own search sees every trace there."
        );
    }

    #[test]
    fn numbers_are_written_short() {
        let check = |share: f64, expect: &str| assert_eq!(percent(share), expect);
        check(1.0, "1");
        check(0.5, "0.5");
        check(12.345, "12.35");
        check(100.0, "100");
        let check = |bytes: f64, expect: &str| assert_eq!(format_bytes(bytes), expect);
        check(0.0, "0 B");
        check(830.0, "830 B");
        check(12_400.0, "12.4 KB");
        check(3_141_592.0, "3.14 MB");
        check(2_050_000_000.0, "2.05 GB");
    }

    fn search(status: &str, done: bool) -> SpanSearch {
        SpanSearch {
            id: "s1".into(),
            status: status.into(),
            done,
            query: String::new(),
            records_scanned: 12_345.0,
            records_matched: 40.0,
            bytes_scanned: 2_500_000.0,
            limit: 500,
            truncated: false,
            details_pending: false,
            started_at: 0.0,
            elapsed_seconds: 3.4,
            poll_after_ms: 1_000,
            message: None,
        }
    }

    #[test]
    fn an_all_spans_search_says_how_far_it_is_and_what_it_read() {
        let check = |search: SpanSearch, listed: usize, expect: &str| {
            assert_eq!(search_summary(&search, listed), expect, "{search:?}");
        };
        check(
            search("Scheduled", false),
            0,
            "All spans: waiting for Logs Insights to start… 3 s, 0 traces so far, 12,345 spans read, 2.50 MB scanned (runtrace stops it after 120 s).",
        );
        check(
            search("Running", false),
            7,
            "All spans: searching… 3 s, 7 traces so far, 12,345 spans read, 2.50 MB scanned (runtrace stops it after 120 s).",
        );
        check(
            SpanSearch {
                details_pending: true,
                ..search("Complete", false)
            },
            300,
            "All spans: reading the entry spans of the traces found… 3 s, 300 traces so far, 12,345 spans read, 2.50 MB scanned (runtrace stops it after 120 s).",
        );
        check(
            search("Complete", true),
            1,
            "1 trace matches in all spans; 2.50 MB scanned in 3 s.",
        );
        check(
            SpanSearch {
                truncated: true,
                ..search("Complete", true)
            },
            500,
            "500 traces match in all spans; 2.50 MB scanned in 3 s. The search stops at 500 traces: more may match; narrow the filter or the time range.",
        );
        check(
            SpanSearch {
                message: Some("the query was refused: unknown field".into()),
                ..search("Failed", true)
            },
            0,
            "The search ended Failed after 3 s: the query was refused: unknown field. Listed are the 0 traces found until then (2.50 MB scanned).",
        );
        check(
            search("Timeout", true),
            4,
            "The search ended Timeout after 3 s: Logs Insights gave no reason. Listed are the 4 traces found until then (2.50 MB scanned).",
        );
    }

    #[test]
    fn the_chart_note_says_which_traces_are_drawn() {
        let check = |search: SpanSearch, listed: usize, expect: &str| {
            assert_eq!(chart_note(&search, listed), expect, "{search:?}");
        };
        check(
            search("Complete", true),
            42,
            "The counts and the plot show all 42 traces that match in all spans (not X-Ray's indexed sample).",
        );
        check(
            search("Running", false),
            3,
            "The counts and the plot show the 3 traces found so far in all spans.",
        );
        check(
            SpanSearch {
                truncated: true,
                ..search("Complete", true)
            },
            500,
            "The counts and the plot show the newest 500 traces of all spans that the search listed, not every match in the window.",
        );
    }

    fn retrieval(status: &str, done: bool, found: bool, message: Option<&str>) -> TraceRetrieval {
        TraceRetrieval {
            trace_id: "1-a-b".into(),
            region: "eu-west-1".into(),
            status: status.into(),
            done,
            found,
            started_at: 0.0,
            elapsed_seconds: 4.6,
            poll_after_ms: 1_000,
            message: message.map(str::to_owned),
        }
    }

    #[test]
    fn a_retrieval_reads_as_progress_or_as_why_it_ended() {
        let check = |retrieval: TraceRetrieval, expect: &str| {
            assert_eq!(retrieval_text(&retrieval), expect, "{retrieval:?}");
        };
        check(
            retrieval("SCHEDULED", false, false, None),
            "X-Ray did not index this trace: X-Ray has scheduled reading it from all spans (Transaction Search)… 5 s (runtrace waits up to 120 s).",
        );
        check(
            retrieval("RUNNING", false, false, None),
            "X-Ray did not index this trace: X-Ray is reading its spans from all spans (Transaction Search)… 5 s (runtrace waits up to 120 s).",
        );
        check(
            retrieval("COMPLETE", true, true, None),
            "The trace was read from all spans; opening it…",
        );
        check(
            retrieval(
                "FAILED",
                true,
                false,
                Some("X-Ray's trace retrieval ended FAILED; try again later"),
            ),
            "Reading the trace from all spans ended FAILED after 5 s: X-Ray's trace retrieval ended FAILED; try again later.",
        );
        check(
            retrieval("TIMEOUT", true, false, None),
            "Reading the trace from all spans ended TIMEOUT after 5 s: X-Ray gave no reason.",
        );
        check(
            retrieval(
                "COMPLETE",
                true,
                false,
                Some("the trace is not in aws/spans"),
            ),
            "Reading the trace from all spans ended COMPLETE after 5 s: the trace is not in aws/spans.",
        );
    }

    #[test]
    fn polls_follow_the_backend_and_stop_when_done() {
        let check = |done: bool, after: u64, expect: Option<u64>| {
            assert_eq!(poll_delay_ms(done, after), expect, "{done} {after}");
        };
        check(false, 500, Some(500));
        check(false, 5_000, Some(5_000));
        check(false, 0, Some(100));
        check(true, 0, None);
        check(true, 2_000, None);
    }
}
