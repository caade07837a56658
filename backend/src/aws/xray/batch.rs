//! BatchGetTraces for one trace: unprocessed ids are retried, pages of segments merged, and the
//! documents assembled into the shared trace tree. Documents that do not parse are reported in
//! the answer, never as a failure of the whole trace.

use std::ops::ControlFlow;
use std::time::Duration;

use shared::api::TraceDetail;
use shared::trace::RawSegment;

use crate::aws::UpstreamResult;
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;

const ACTION: &str = "xray:BatchGetTraces";
/// X-Ray may leave an id unprocessed under load; it is asked again this often, backing off.
/// (100 + 200 + 400 ms: an unknown id costs under a second.)
const UNPROCESSED_RETRIES: u32 = 3;
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
/// A trace's segments may come in several pages.
const MAX_PAGES: usize = 20;

/// One trace's raw answer: X-Ray's duration and truncation flag, and its segments.
#[derive(Debug, Default)]
pub struct RawTrace {
    pub duration: Option<f64>,
    pub limit_exceeded: bool,
    pub segments: Vec<RawSegment>,
}

pub async fn trace_detail(
    client: &aws_sdk_xray::Client,
    region: &str,
    trace_id: &str,
    limiter: &Limiter,
) -> UpstreamResult<TraceDetail> {
    let raw = fetch_with_retries(client, region, trace_id, limiter).await?;
    Ok(TraceDetail::assemble(
        trace_id.to_owned(),
        raw.duration,
        raw.limit_exceeded,
        raw.segments,
    ))
}

async fn fetch_with_retries(
    client: &aws_sdk_xray::Client,
    region: &str,
    trace_id: &str,
    limiter: &Limiter,
) -> UpstreamResult<RawTrace> {
    let mut backoff = FIRST_BACKOFF;
    for attempt in 0..=UNPROCESSED_RETRIES {
        match fetch(client, region, trace_id, limiter).await? {
            Fetched::Found(trace) => return Ok(trace),
            Fetched::Missing => {
                return Err(UpstreamError::new(
                    ErrorKind::NotFound {
                        what: format!("trace {trace_id}"),
                    },
                    ACTION,
                    region,
                    "BatchGetTraces returned neither the trace nor an unprocessed id",
                ));
            }
            Fetched::Unprocessed if attempt < UNPROCESSED_RETRIES => {
                tokio::time::sleep(backoff).await;
                backoff *= 2;
            }
            Fetched::Unprocessed => break,
        }
    }
    // X-Ray also lists ids it does not know as unprocessed, so an id that stays unprocessed
    // is most likely gone.
    Err(UpstreamError::new(
        ErrorKind::NotFound {
            what: format!("trace {trace_id}"),
        },
        ACTION,
        region,
        format!("{trace_id} stayed unprocessed after {UNPROCESSED_RETRIES} retries"),
    ))
}

enum Fetched {
    Found(RawTrace),
    Unprocessed,
    Missing,
}

async fn fetch(
    client: &aws_sdk_xray::Client,
    region: &str,
    trace_id: &str,
    limiter: &Limiter,
) -> UpstreamResult<Fetched> {
    let mut found: Option<RawTrace> = None;
    let mut unprocessed = false;
    let pages = client
        .batch_get_traces()
        .trace_ids(trace_id)
        .into_paginator()
        .send();
    limiter
        .pages(ACTION, region, pages, MAX_PAGES, |page| {
            if found.is_none() && page.unprocessed_trace_ids().iter().any(|id| id == trace_id) {
                unprocessed = true;
                return ControlFlow::Break(());
            }
            for trace in page.traces().iter().filter(|t| t.id() == Some(trace_id)) {
                let raw = found.get_or_insert_with(RawTrace::default);
                raw.duration = raw.duration.or(trace.duration());
                raw.limit_exceeded |= trace.limit_exceeded().unwrap_or(false);
                raw.segments
                    .extend(trace.segments().iter().map(|segment| RawSegment {
                        id: segment.id().unwrap_or_default().to_owned(),
                        document: segment.document().unwrap_or_default().to_owned(),
                    }));
            }
            ControlFlow::Continue(())
        })
        .await?;
    Ok(match (unprocessed, found) {
        (true, _) => Fetched::Unprocessed,
        (false, Some(trace)) => Fetched::Found(trace),
        (false, None) => Fetched::Missing,
    })
}
