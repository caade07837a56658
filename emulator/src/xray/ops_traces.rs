//! PutTraceSegments, BatchGetTraces and GetTraceSummaries.

use serde::Deserialize;
use serde_json::{Value, json};

use super::eval::eval;
use super::eval_check::parse_filter;
use super::eval_trace::TraceSubject;
use super::store::StoredTrace;
use super::summary::summary;
use super::view::TraceView;
use super::window::Window;
use super::{XRay, groups, ingest};
use crate::DEFAULT_ACCOUNT_ID;
use crate::protocol::{AwsError, AwsResult, page};

const SUMMARIES_PAGE_SIZE: usize = 100;

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct PutTraceSegmentsInput {
    trace_segment_documents: Option<Vec<String>>,
}

pub(crate) fn put_trace_segments(
    xray: &XRay,
    region: &str,
    input: PutTraceSegmentsInput,
) -> AwsResult<Value> {
    let documents = input
        .trace_segment_documents
        .ok_or_else(|| AwsError::invalid_request("TraceSegmentDocuments is required"))?;
    let unprocessed: Vec<Value> = xray
        .put_checked(
            region,
            documents,
            ingest::DocumentChecks::PUT_TRACE_SEGMENTS,
        )
        .into_iter()
        .map(|r| json!({"Id": r.id, "ErrorCode": r.code, "Message": r.message}))
        .collect();
    Ok(json!({ "UnprocessedTraceSegments": unprocessed }))
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct TraceIdsInput {
    pub trace_ids: Option<Vec<String>>,
    #[allow(dead_code)] // accepted as AWS does; every answer fits one page
    pub next_token: Option<String>,
}

/// The 1–5 trace ids BatchGetTraces and GetTraceGraph take.
pub(crate) fn trace_ids(input: TraceIdsInput) -> AwsResult<Vec<String>> {
    let ids = input.trace_ids.unwrap_or_default();
    if !(1..=5).contains(&ids.len()) {
        return Err(AwsError::invalid_request(format!(
            "TraceIds must hold 1 to 5 ids, got {}",
            ids.len()
        )));
    }
    if let Some(long) = ids.iter().find(|id| id.len() > 35) {
        return Err(AwsError::invalid_request(format!(
            "trace id {long:?} is longer than 35 characters"
        )));
    }
    Ok(ids)
}

pub(crate) fn batch_get_traces(
    xray: &XRay,
    region: &str,
    input: TraceIdsInput,
) -> AwsResult<Value> {
    let ids = trace_ids(input)?;
    let faults = xray.faults().config();
    let store = xray.read_store();
    let retained_since = store.retained_since(xray.now());
    let mut traces = Vec::new();
    let mut unprocessed = Vec::new();
    for id in ids {
        let trace = store
            .region(region)
            .and_then(|r| r.traces.get(id.as_str()))
            .filter(|t| t.first_stored >= retained_since);
        match trace {
            Some(trace) => traces.push(trace_json(
                trace,
                faults.truncate_traces,
                faults.corrupt_documents,
            )),
            None => unprocessed.push(id),
        }
    }
    Ok(json!({"Traces": traces, "UnprocessedTraceIds": unprocessed}))
}

/// A `Trace`. Fault injection: `truncate` keeps the first half of the segments and sets
/// `LimitExceeded`; `corrupt` cuts every third document in half so it is no longer JSON.
fn trace_json(trace: &StoredTrace, truncate: bool, corrupt: bool) -> Value {
    let (start, end) = trace.bounds();
    let keep = if truncate {
        trace.segments.len().div_ceil(2)
    } else {
        trace.segments.len()
    };
    let segments: Vec<Value> = trace.segments[..keep]
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut document = s.text();
            if corrupt && i % 3 == 0 {
                // Half the bytes, on a character boundary (a cut inside one would not be text).
                document.truncate(document.floor_char_boundary(document.len() / 2));
            }
            json!({"Id": s.id(), "Document": document})
        })
        .collect();
    json!({"Id": &*trace.id, "Duration": (end - start).max(0.0), "LimitExceeded": truncate, "Segments": segments})
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct TraceSummariesInput {
    start_time: Option<f64>,
    end_time: Option<f64>,
    time_range_type: Option<String>,
    filter_expression: Option<String>,
    next_token: Option<String>,
}

pub(crate) fn get_trace_summaries(
    xray: &XRay,
    region: &str,
    input: TraceSummariesInput,
) -> AwsResult<Value> {
    let window = Window::required(input.start_time, input.end_time)?;
    let range = TimeRange::parse(input.time_range_type.as_deref())?;
    let filter = parse_filter(
        input.filter_expression.as_deref().unwrap_or_default(),
        &*groups::lookup(xray, region),
    )?;
    let now = xray.now();
    let store = xray.read_store();
    let Some(traces) = store.region(region) else {
        return Ok(
            json!({"TraceSummaries": [], "ApproximateTime": now, "TracesProcessedCount": 0}),
        );
    };
    let mut processed = 0;
    let mut matched: Vec<(f64, &StoredTrace)> = Vec::new();
    for trace in traces.live_traces(store.retained_since(now)) {
        let (first, last) = trace.bounds();
        // Every time a range type picks lies between the trace's first start and last end.
        if last < window.start || first > window.end {
            continue;
        }
        let view = TraceView::new(trace);
        let Some(at) = range.time_in(&view, trace, &window) else {
            continue;
        };
        processed += 1;
        let subject = TraceSubject {
            view: &view,
            account_id: DEFAULT_ACCOUNT_ID,
        };
        if filter.as_ref().is_none_or(|f| eval(f, &subject)) {
            matched.push((at, trace));
        }
    }
    // Newest first; ties broken by id so pages are stable.
    matched.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let (page_items, next) = page(&matched, input.next_token.as_deref(), SUMMARIES_PAGE_SIZE)?;
    let summaries: Vec<Value> = page_items
        .iter()
        .map(|(at, trace)| summary(&TraceView::new(trace), DEFAULT_ACCOUNT_ID, *at))
        .collect();
    Ok(json!({
        "TraceSummaries": summaries,
        "ApproximateTime": now,
        "TracesProcessedCount": processed,
        "NextToken": next,
    }))
}

/// Which time of a trace `TimeRangeType` puts in the window.
enum TimeRange {
    /// The trace's start (the timestamp in its id, refined by its segments).
    TraceId,
    /// The trace's last event (its latest segment end).
    Event,
    /// Any segment's end time.
    Service,
}

impl TimeRange {
    fn parse(text: Option<&str>) -> AwsResult<Self> {
        match text {
            None | Some("TraceId") => Ok(Self::TraceId),
            Some("Event") => Ok(Self::Event),
            Some("Service") => Ok(Self::Service),
            Some(other) => Err(AwsError::invalid_request(format!(
                "TimeRangeType must be TraceId, Event or Service, got {other:?}"
            ))),
        }
    }

    /// The trace's time under this range type, when it falls in the window.
    fn time_in(&self, view: &TraceView<'_>, trace: &StoredTrace, window: &Window) -> Option<f64> {
        let at = match self {
            Self::TraceId => view.start,
            Self::Event => view.end,
            Self::Service => {
                let ends = trace.segments.iter().filter_map(|s| s.doc.end_time);
                return ends.filter(|e| window.contains(*e)).max_by(f64::total_cmp);
            }
        };
        window.contains(at).then_some(at)
    }
}
