//! The JSON of Transaction Search's answers (a public contract: portals and scripts read it), and
//! that an older backend's answers still read.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use shared::api::*;

fn check<T>(value: T, expected: serde_json::Value)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let written = serde_json::to_value(&value).expect("serializes");
    assert_eq!(written, expected);
    let read: T = serde_json::from_value(written).expect("reads back");
    assert_eq!(read, value);
}

#[test]
fn the_mode_of_a_region() {
    check(
        TransactionSearch {
            region: "us-east-1".into(),
            destination: TraceSegmentDestination::CloudWatchLogs,
            status: DestinationStatus::Active,
            indexing_percent: Some(1.0),
            all_spans: true,
        },
        json!({"region": "us-east-1", "destination": "CloudWatchLogs", "status": "ACTIVE", "indexing_percent": 1.0, "all_spans": true}),
    );
    let unknown: TransactionSearch = serde_json::from_value(
        json!({"region": "r", "destination": "S3", "status": "MIGRATING", "all_spans": false}),
    )
    .expect("reads");
    assert_eq!(
        unknown.destination,
        TraceSegmentDestination::Other("S3".into())
    );
    assert_eq!(unknown.indexing_percent, None);
}

#[test]
fn a_page_of_an_all_spans_search() {
    let search = SpanSearch {
        id: "abc".into(),
        status: QueryStatus::Running,
        done: false,
        query: "filter x".into(),
        records_scanned: 10.0,
        records_matched: 2.0,
        bytes_scanned: 4096.0,
        limit: 500,
        truncated: false,
        details_pending: false,
        started_at: 1.5,
        elapsed_seconds: 0.5,
        poll_after_ms: 500,
        message: None,
    };
    check(
        TracePage {
            source: TraceSource::Spans,
            search: Some(search),
            ..TracePage::default()
        },
        json!({"traces": [], "next_cursor": null, "more_available": false, "processed": 0, "approximate_time": null,
            "source": "spans", "search": {"id": "abc", "status": "Running", "done": false, "query": "filter x",
            "records_scanned": 10.0, "records_matched": 2.0, "bytes_scanned": 4096.0, "limit": 500, "truncated": false,
            "details_pending": false, "started_at": 1.5, "elapsed_seconds": 0.5, "poll_after_ms": 500, "message": null}}),
    );
    let older: TracePage =
        serde_json::from_value(json!({"traces": []})).expect("an older backend's page reads");
    assert_eq!((older.source, older.search), (TraceSource::Indexed, None));
}

#[test]
fn a_retrieval_in_progress() {
    check(
        TraceRetrieval {
            trace_id: "1-5f84c7a1-0123456789abcdef01234567".into(),
            region: "us-east-1".into(),
            status: RetrievalStatus::Failed,
            done: true,
            found: false,
            started_at: 2.0,
            elapsed_seconds: 3.0,
            poll_after_ms: 0,
            message: Some("ended FAILED".into()),
        },
        json!({"trace_id": "1-5f84c7a1-0123456789abcdef01234567", "region": "us-east-1", "status": "FAILED", "done": true,
            "found": false, "started_at": 2.0, "elapsed_seconds": 3.0, "poll_after_ms": 0, "message": "ended FAILED"}),
    );
}
