//! GetTraceSummaries: one page of the trace list. X-Ray scans traces in pages that may hold few
//! or no matches, so a few pages are read per request (bounded), and the next token is handed
//! back inside the cursor (with the window and filter it continues) — the list says "more
//! available" instead of silently stopping.

use std::ops::ControlFlow;

use aws_sdk_xray::operation::get_trace_summaries::GetTraceSummariesOutput;
use aws_smithy_types::DateTime;
use shared::api::TracePage;

use super::summary;
use crate::aws::UpstreamResult;
use crate::aws::limiter::Limiter;
use crate::aws::requests::TraceQuery;
use crate::cursor::Cursor;

const ACTION: &str = "xray:GetTraceSummaries";
/// Stop reading pages once this many traces are collected...
const ENOUGH_TRACES: usize = 50;
/// ...or after this many pages, whichever comes first.
const MAX_PAGES_PER_REQUEST: usize = 5;

pub async fn trace_page(
    client: &aws_sdk_xray::Client,
    query: &TraceQuery,
    limiter: &Limiter,
) -> UpstreamResult<TracePage> {
    let region = query.region.as_str();
    let mut page = TracePage::default();
    let mut next_token = None;
    // The cursor's token, if any, is where the paginator starts.
    let pages = client
        .get_trace_summaries()
        .start_time(DateTime::from_secs(query.range.start))
        .end_time(DateTime::from_secs(query.range.end))
        .set_filter_expression(query.filter.clone())
        .set_next_token(query.next_token.clone())
        .into_paginator()
        .send();
    let read = |answer: GetTraceSummariesOutput| {
        page.traces.extend(
            answer
                .trace_summaries()
                .iter()
                .filter_map(summary::trace_summary),
        );
        page.processed += answer
            .traces_processed_count()
            .map_or(0, |n| u64::try_from(n).unwrap_or(0));
        if page.approximate_time.is_none() {
            page.approximate_time = answer.approximate_time().map(DateTime::as_secs_f64);
        }
        next_token = answer.next_token().map(str::to_owned);
        match next_token.is_none() || page.traces.len() >= ENOUGH_TRACES {
            true => ControlFlow::Break(()),
            false => ControlFlow::Continue(()),
        }
    };
    limiter
        .pages(ACTION, region, pages, MAX_PAGES_PER_REQUEST, read)
        .await?;
    page.more_available = next_token.is_some();
    page.next_cursor =
        next_token.map(|token| Cursor::new(query.range, query.filter.as_deref(), token).encode());
    Ok(page)
}
