//! Trace retrieval from `aws/spans`: StartTraceRetrieval, ListRetrievedTraces,
//! GetRetrievedTracesGraph, CancelTraceRetrieval — how a trace X-Ray did not index is read
//! whole with Transaction Search on.
//!
//! A retrieval is SCHEDULED for the first quarter of the emulator's `async_seconds`, RUNNING
//! for the rest, then COMPLETE (or FAILED/TIMEOUT when fault injection says so, or CANCELLED).
//! Until it is COMPLETE both reads answer with the status alone, as AWS documents. The traces
//! are read from the log group when the retrieval completes.
//!
//! Assumptions (AWS does not say): a retrieval needs the destination `CloudWatchLogs` (without
//! it there are no spans to read, and the call is refused); ids may be in X-Ray or W3C form; a
//! trace of more than 100 spans is listed as several entries with the same `Id`; requested ids
//! that are not in the log group are simply absent from the result.

use std::collections::{HashMap, VecDeque};

use serde::Deserialize;
use serde_json::{Value, json};

use super::XRay;
use super::destination::Mode;
use super::graph::Graph;
use super::ingest::{self, DocumentChecks};
use super::store::StoredTrace;
use super::view::TraceView;
use super::window::Window;
use crate::DEFAULT_ACCOUNT_ID;
use crate::faults::RetrievalEnd;
use crate::protocol::{AwsError, AwsResult, page};

const MAX_TRACE_IDS: usize = 100;
const TRACES_PAGE_SIZE: usize = 5;
const SPANS_PER_ENTRY: usize = 100;
const SERVICES_PAGE_SIZE: usize = 100;
/// Retrievals remembered per emulator; the oldest are forgotten first (their tokens then answer
/// ResourceNotFoundException, as an expired one would).
const MAX_RETRIEVALS: usize = 1_000;

/// What a completed retrieval found: per trace, its X-Ray id, duration, documents and records.
struct Found {
    xray_id: String,
    duration: f64,
    documents: Vec<(String, String)>,
    records: Vec<(String, String)>,
}

struct Retrieval {
    region: String,
    trace_ids: Vec<String>,
    window: Window,
    started: f64,
    cancelled: bool,
    end: RetrievalEnd,
    found: Option<Vec<Found>>,
}

#[derive(Default)]
pub(crate) struct Retrievals {
    by_token: HashMap<String, Retrieval>,
    order: VecDeque<String>,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct StartInput {
    trace_ids: Option<Vec<String>>,
    start_time: Option<f64>,
    end_time: Option<f64>,
}

pub(crate) fn start(xray: &XRay, region: &str, input: StartInput) -> AwsResult<Value> {
    let ids = input.trace_ids.unwrap_or_default();
    if !(1..=MAX_TRACE_IDS).contains(&ids.len()) {
        return Err(AwsError::invalid_request(format!(
            "TraceIds must hold 1 to {MAX_TRACE_IDS} ids, got {}",
            ids.len()
        )));
    }
    if let Some(bad) = ids.iter().find(|id| !valid_id(id)) {
        return Err(AwsError::invalid_request(format!(
            "trace id {bad:?} is neither an X-Ray id (1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx) nor a W3C id (32 hex digits)"
        )));
    }
    let window = Window::required(input.start_time, input.end_time)?;
    let now = xray.now();
    if xray.mode(region, now) == Mode::XRay {
        return Err(AwsError::invalid_request(
            "Trace retrieval reads spans from CloudWatch Logs: set the trace segment destination to CloudWatchLogs (Transaction Search) first",
        ));
    }
    let token = format!("rt-{}", uuid::Uuid::new_v4().simple());
    let end = xray.faults().config().retrieval_end;
    xray.with_retrievals(|r| {
        r.by_token.insert(
            token.clone(),
            Retrieval {
                region: region.to_owned(),
                trace_ids: ids
                    .iter()
                    .map(|id| crate::spans::w3c_trace_id(id))
                    .collect(),
                window,
                started: now,
                cancelled: false,
                end,
                found: None,
            },
        );
        r.order.push_back(token.clone());
        while r.order.len() > MAX_RETRIEVALS {
            if let Some(old) = r.order.pop_front() {
                r.by_token.remove(&old);
            }
        }
    });
    Ok(json!({ "RetrievalToken": token }))
}

fn valid_id(id: &str) -> bool {
    let w3c = crate::spans::w3c_trace_id(id);
    id.len() <= 35 && w3c.len() == 32 && w3c.bytes().all(|b| b.is_ascii_hexdigit())
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ListInput {
    retrieval_token: Option<String>,
    trace_format: Option<String>,
    next_token: Option<String>,
}

pub(crate) fn list(xray: &XRay, region: &str, input: ListInput) -> AwsResult<Value> {
    let format = match input.trace_format.as_deref() {
        None | Some("XRAY") => "XRAY",
        Some("OTEL") => "OTEL",
        Some(other) => {
            return Err(AwsError::invalid_request(format!(
                "TraceFormat must be XRAY or OTEL, got {other:?}"
            )));
        }
    };
    let token = required_token(input.retrieval_token)?;
    with_completed(xray, region, &token, |status, found| {
        let Some(found) = found else {
            return Ok(json!({"RetrievalStatus": status}));
        };
        let entries: Vec<Value> = found
            .iter()
            .flat_map(|trace| {
                let spans = match format {
                    "XRAY" => &trace.documents,
                    _ => &trace.records,
                };
                let chunks: Vec<&[(String, String)]> = spans.chunks(SPANS_PER_ENTRY).collect();
                chunks.into_iter().map(|chunk| {
                    let spans: Vec<Value> = chunk
                        .iter()
                        .map(|(id, document)| json!({"Id": id, "Document": document}))
                        .collect();
                    json!({"Id": trace.xray_id, "Duration": trace.duration, "Spans": spans})
                })
            })
            .collect();
        let (traces, next) = page(&entries, input.next_token.as_deref(), TRACES_PAGE_SIZE)?;
        Ok(
            json!({"RetrievalStatus": status, "TraceFormat": format, "Traces": traces, "NextToken": next}),
        )
    })
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct TokenInput {
    retrieval_token: Option<String>,
    next_token: Option<String>,
}

pub(crate) fn graph(xray: &XRay, region: &str, input: TokenInput) -> AwsResult<Value> {
    let token = required_token(input.retrieval_token)?;
    with_completed(xray, region, &token, |status, found| {
        let Some(found) = found else {
            return Ok(json!({"RetrievalStatus": status}));
        };
        let mut graph = Graph::default();
        for trace in found {
            let segments = trace
                .documents
                .iter()
                .filter_map(|(_, text)| {
                    ingest::validate(text.clone(), 0.0, DocumentChecks::OTLP).ok()
                })
                .collect();
            let stored = StoredTrace::detached(&trace.xray_id, segments);
            graph.add(&TraceView::new(&stored), None);
        }
        let services: Vec<Value> = graph
            .to_json(DEFAULT_ACCOUNT_ID)
            .into_iter()
            .map(|service| json!({"Service": service, "Links": []}))
            .collect();
        let (services, next) = page(&services, input.next_token.as_deref(), SERVICES_PAGE_SIZE)?;
        Ok(json!({"RetrievalStatus": status, "Services": services, "NextToken": next}))
    })
}

pub(crate) fn cancel(xray: &XRay, region: &str, input: TokenInput) -> AwsResult<Value> {
    let token = required_token(input.retrieval_token)?;
    xray.with_retrievals(|r| match r.by_token.get_mut(&token) {
        Some(retrieval) if retrieval.region == region => {
            retrieval.cancelled = true;
            Ok(json!({}))
        }
        _ => Err(unknown(&token)),
    })
}

fn required_token(token: Option<String>) -> AwsResult<String> {
    token.ok_or_else(|| AwsError::invalid_request("RetrievalToken is required"))
}

fn unknown(token: &str) -> AwsError {
    AwsError::not_found(format!(
        "Retrieval token {token} not found (unknown, or expired)"
    ))
    .with_members(json!({"ResourceName": token}))
}

/// Runs `answer` with the retrieval's status and, once COMPLETE, what it found.
fn with_completed(
    xray: &XRay,
    region: &str,
    token: &str,
    answer: impl FnOnce(&str, Option<&[Found]>) -> AwsResult<Value>,
) -> AwsResult<Value> {
    let now = xray.now();
    let duration = xray.with_settings(|s| s.async_seconds());
    let (status, request) = xray.with_retrievals(|r| {
        let retrieval = r
            .by_token
            .get(token)
            .filter(|r| r.region == region)
            .ok_or_else(|| unknown(token))?;
        let status = status(retrieval, now, duration);
        let request = (status == "COMPLETE" && retrieval.found.is_none())
            .then(|| (retrieval.trace_ids.clone(), retrieval.window));
        Ok::<_, AwsError>((status, request))
    })?;
    if let Some((ids, window)) = request {
        let found = read_traces(xray, region, &ids, window, now);
        xray.with_retrievals(|r| {
            if let Some(retrieval) = r.by_token.get_mut(token) {
                retrieval.found.get_or_insert(found);
            }
        });
    }
    xray.with_retrievals(|r| {
        let found = r
            .by_token
            .get(token)
            .and_then(|r| r.found.as_deref())
            .filter(|_| status == "COMPLETE");
        answer(status, found)
    })
}

fn status(retrieval: &Retrieval, now: f64, duration: f64) -> &'static str {
    let elapsed = now - retrieval.started;
    if retrieval.cancelled {
        "CANCELLED"
    } else if elapsed < duration * 0.25 {
        "SCHEDULED"
    } else if elapsed < duration {
        "RUNNING"
    } else {
        match retrieval.end {
            RetrievalEnd::Complete => "COMPLETE",
            RetrievalEnd::Failed => "FAILED",
            RetrievalEnd::Timeout => "TIMEOUT",
        }
    }
}

/// The requested traces whose spans lie (at least partly) in the window.
fn read_traces(xray: &XRay, region: &str, ids: &[String], window: Window, now: f64) -> Vec<Found> {
    let spans = xray.spans().read();
    let mut found = Vec::new();
    for id in ids {
        let Some(trace) = spans.trace(region, id, now) else {
            continue;
        };
        let starts = trace.records.iter().map(|r| r.timestamp_ms as f64 / 1000.0);
        let (first, last) = starts.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), t| {
            (a.min(t), b.max(t))
        });
        if last < window.start || first > window.end {
            continue;
        }
        let ends = trace
            .records
            .iter()
            .filter_map(|r| record_end(&spans.paths, r));
        let end = ends.fold(last, f64::max);
        let records = trace
            .records
            .iter()
            .map(|r| {
                (
                    r.span_id.to_string(),
                    spans.paths.unflatten(&r.fields).to_string(),
                )
            })
            .collect();
        found.push(Found {
            xray_id: trace.xray_id.clone(),
            duration: (end - first).max(0.0),
            documents: trace
                .documents
                .iter()
                .map(|(id, text)| (id.to_string(), text.text()))
                .collect(),
            records,
        });
    }
    found
}

fn record_end(paths: &crate::spans::path::Paths, record: &crate::spans::SpanRecord) -> Option<f64> {
    let ids = paths.named("endTimeUnixNano");
    record.fields.iter().find_map(|(id, value)| match value {
        crate::spans::path::Val::Int(nanos) if ids.contains(id) => Some(*nanos as f64 / 1e9),
        _ => None,
    })
}
