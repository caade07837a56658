//! GetTraceSummaries: one page of the trace list. X-Ray scans traces in pages that may hold few
//! or no matches, so a few pages are read per request (bounded), and the next token is handed
//! back inside the cursor (with the window and filter it continues) — the list says "more
//! available" instead of silently stopping.
//!
//! With `overview`, reading goes on past the list's pages through the whole window (bounded
//! again), so the counts and the scatter plot cover every matching trace, not the newest page;
//! the answer says whether the bound cut it short and from when its points start.
//!
//! A list is never silently short: a page after the first that fails (throttled past the
//! SDK's retries, timed out) ends the reading with what came before it, marked partial with
//! the reason, and the cursor starts again at the failed page; a summary that cannot be read
//! is counted and logged, not dropped unseen.

use std::ops::ControlFlow;

use aws_sdk_xray::operation::get_trace_summaries::GetTraceSummariesOutput;
use aws_smithy_types::DateTime;
use shared::api::{TraceOverview, TracePage, TracePoint};

use super::summary;
use crate::aws::UpstreamResult;
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;
use crate::aws::requests::TraceQuery;
use crate::cursor::Cursor;

const ACTION: &str = "xray:GetTraceSummaries";
/// Stop reading pages for the list once this many traces are collected...
const ENOUGH_TRACES: usize = 50;
/// ...or after this many pages, whichever comes first.
const MAX_PAGES_PER_REQUEST: usize = 5;
/// An overview reads at most this many pages (X-Ray's pages hold up to about 100 summaries; each
/// is a round trip, and the request must end well within its 30 s limit)...
const MAX_OVERVIEW_PAGES: usize = 40;
/// ...and stops once it holds this many traces: a plot of more shows nothing new, and the
/// answer stays a few hundred KB.
pub const MAX_OVERVIEW_TRACES: usize = 4_000;

pub async fn trace_page(
    client: &aws_sdk_xray::Client,
    query: &TraceQuery,
    limiter: &Limiter,
) -> UpstreamResult<TracePage> {
    let region = query.region.as_str();
    let mut page = TracePage::default();
    let mut reading = Reading::new(query.overview && query.next_token.is_none());
    // The cursor's token, if any, is where the paginator starts.
    let pages = client
        .get_trace_summaries()
        .start_time(DateTime::from_secs(query.range.start))
        .end_time(DateTime::from_secs(query.range.end))
        .set_filter_expression(query.filter.clone())
        .set_next_token(query.next_token.clone())
        .into_paginator()
        .send();
    let max_pages = match reading.overview {
        Some(_) => MAX_OVERVIEW_PAGES,
        None => MAX_PAGES_PER_REQUEST,
    };
    let read = |answer: GetTraceSummariesOutput| reading.take(&mut page, &answer);
    let failure = limiter
        .pages_until_failure(ACTION, region, pages, max_pages, read)
        .await?;
    if let Some(failure) = failure {
        reading.cut_short(&mut page, &failure);
    }
    if page.unreadable > 0 && page.partial.is_none() {
        page.partial = Some(format!(
            "X-Ray returned {} trace summaries that could not be read; they are left out",
            page.unreadable
        ));
    }
    page.overview = reading.overview;
    page.more_available = reading.list_token.is_some();
    page.next_cursor = reading
        .list_token
        .map(|token| Cursor::new(query.range, query.filter.as_deref(), token).encode());
    Ok(page)
}

/// Where the paging is: the list fills first, the overview (if asked) goes on after it.
struct Reading {
    pages: usize,
    /// The list still takes summaries.
    list_open: bool,
    /// Where the list's next page starts, once the list is closed.
    list_token: Option<String>,
    /// The token of the page asked for next: where reading starts again after a failure.
    next_token: Option<String>,
    overview: Option<TraceOverview>,
}

impl Reading {
    fn new(overview: bool) -> Self {
        Self {
            pages: 0,
            list_open: true,
            list_token: None,
            next_token: None,
            overview: overview.then(TraceOverview::default),
        }
    }

    fn take(&mut self, page: &mut TracePage, answer: &GetTraceSummariesOutput) -> ControlFlow<()> {
        self.pages += 1;
        let mut summaries = Vec::with_capacity(answer.trace_summaries().len());
        for raw in answer.trace_summaries() {
            match summary::trace_summary(raw) {
                Some(trace) => summaries.push(trace),
                None => {
                    page.unreadable += 1;
                    tracing::warn!(summary = ?raw, "a trace summary without an id was left out");
                }
            }
        }
        for trace in summaries {
            if let Some(overview) = &mut self.overview {
                overview.points.push(TracePoint::of(&trace));
            }
            if self.list_open {
                page.traces.push(trace);
            }
        }
        // X-Ray's count is of the query, not the page (the emulator repeats it on every page):
        // adding pages up would count traces again.
        let processed = answer
            .traces_processed_count()
            .map_or(0, |n| u64::try_from(n).unwrap_or(0));
        page.processed = page.processed.max(processed);
        if page.approximate_time.is_none() {
            page.approximate_time = answer.approximate_time().map(DateTime::as_secs_f64);
        }
        let next = answer.next_token().map(str::to_owned);
        self.next_token.clone_from(&next);
        if self.list_open
            && (next.is_none()
                || page.traces.len() >= ENOUGH_TRACES
                || self.pages >= MAX_PAGES_PER_REQUEST)
        {
            self.list_open = false;
            self.list_token.clone_from(&next);
        }
        if self.list_open {
            return ControlFlow::Continue(());
        }
        let Some(overview) = &mut self.overview else {
            return ControlFlow::Break(());
        };
        overview.covered_from = overview.points.iter().map(|p| p.at).reduce(f64::min);
        if next.is_none() {
            overview.complete = true;
            return ControlFlow::Break(());
        }
        match overview.points.len() >= MAX_OVERVIEW_TRACES {
            true => ControlFlow::Break(()),
            false => ControlFlow::Continue(()),
        }
    }

    /// The page after the last one taken failed: what was read stands, marked as partial, and
    /// a list that was still filling continues from the failed page.
    fn cut_short(&mut self, page: &mut TracePage, failure: &UpstreamError) {
        tracing::warn!(error = %failure, pages = self.pages, "the trace list is partial");
        if self.list_open {
            self.list_open = false;
            self.list_token.clone_from(&self.next_token);
        }
        let read = match &self.overview {
            Some(overview) => overview.points.len(),
            None => page.traces.len(),
        };
        page.partial = Some(format!(
            "X-Ray {} page {} of the search: this answer holds the {read} traces read before it",
            failed_as(&failure.kind),
            self.pages + 1,
        ));
    }
}

/// How a failed page is named for a person (the log has the detail).
fn failed_as(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Throttled => "throttled",
        ErrorKind::Unavailable => "did not answer in time for",
        ErrorKind::AccessDenied | ErrorKind::Credentials => "refused",
        _ => "failed",
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_xray::types::TraceSummary;

    use super::*;

    /// Page `n` of a window read newest first: 100 traces, one a second, and a token unless last.
    fn page(n: usize, last: bool) -> GetTraceSummariesOutput {
        let summaries = (0..100).map(|i| {
            let at = 1_000_000 - (n * 100 + i) as i64;
            TraceSummary::builder()
                .id(format!("1-{n}-{i}"))
                .start_time(DateTime::from_secs(at))
                .build()
        });
        GetTraceSummariesOutput::builder()
            .set_trace_summaries(Some(summaries.collect()))
            .traces_processed_count(9_000)
            .set_next_token((!last).then(|| format!("after-{n}")))
            .build()
    }

    /// Feeds pages until `Reading` stops or `pages` run out: (list, reading, pages read).
    fn read_pages(overview: bool, pages: usize) -> (TracePage, Reading, usize) {
        let mut list = TracePage::default();
        let mut reading = Reading::new(overview);
        let mut read = 0;
        for n in 0..pages {
            read += 1;
            if reading.take(&mut list, &page(n, n + 1 == pages)).is_break() {
                break;
            }
        }
        (list, reading, read)
    }

    #[test]
    fn the_list_stops_at_a_page_and_the_overview_reads_the_window() {
        let (list, reading, read) = read_pages(false, 10);
        assert_eq!((list.traces.len(), read), (100, 1));
        assert_eq!(reading.list_token.as_deref(), Some("after-0"));
        assert!(reading.overview.is_none());
        // Counted once, not once a page.
        assert_eq!(list.processed, 9_000);

        let (list, reading, read) = read_pages(true, 10);
        let overview = reading.overview.expect("an overview");
        assert_eq!((list.traces.len(), read), (100, 10));
        assert_eq!(reading.list_token.as_deref(), Some("after-0"));
        assert_eq!(overview.points.len(), 1_000);
        assert!(overview.complete);
        assert_eq!(overview.covered_from, Some(1_000_000.0 - 999.0));
        assert_eq!(list.processed, 9_000);
    }

    #[test]
    fn an_overview_past_its_bound_says_what_it_covers() {
        let (_, reading, read) = read_pages(true, 60);
        let overview = reading.overview.expect("an overview");
        assert_eq!(read, MAX_OVERVIEW_TRACES / 100);
        assert_eq!(overview.points.len(), MAX_OVERVIEW_TRACES);
        assert!(!overview.complete);
        let oldest = 1_000_000.0 - (MAX_OVERVIEW_TRACES - 1) as f64;
        assert_eq!(overview.covered_from, Some(oldest));
    }

    #[test]
    fn a_failed_page_leaves_what_was_read_marked_and_a_cursor_to_it() {
        let mut list = TracePage::default();
        let mut reading = Reading::new(true);
        for n in 0..3 {
            assert!(reading.take(&mut list, &page(n, false)).is_continue());
        }
        let throttled = UpstreamError::new(ErrorKind::Throttled, ACTION, "us-east-1", "x");
        reading.cut_short(&mut list, &throttled);
        // The list had closed after its first page; its cursor is unchanged.
        assert_eq!(reading.list_token.as_deref(), Some("after-0"));
        let overview = reading.overview.as_ref().expect("an overview");
        assert!(!overview.complete);
        assert_eq!(
            list.partial.as_deref(),
            Some(
                "X-Ray throttled page 4 of the search: this answer holds the 300 traces read before it"
            )
        );

        // A list still filling when its page fails continues from that page.
        let mut list = TracePage::default();
        let mut reading = Reading::new(false);
        let sparse = GetTraceSummariesOutput::builder()
            .next_token("after-sparse")
            .build();
        assert!(reading.take(&mut list, &sparse).is_continue());
        let late = UpstreamError::new(ErrorKind::Unavailable, ACTION, "us-east-1", "x");
        reading.cut_short(&mut list, &late);
        assert_eq!(reading.list_token.as_deref(), Some("after-sparse"));
        assert!(
            list.partial
                .is_some_and(|p| p.contains("did not answer in time for page 2"))
        );
    }

    #[test]
    fn a_summary_without_an_id_is_counted_not_dropped_unseen() {
        let mut list = TracePage::default();
        let mut reading = Reading::new(false);
        let answer = GetTraceSummariesOutput::builder()
            .trace_summaries(TraceSummary::builder().id("1-a-b").build())
            .trace_summaries(TraceSummary::builder().build())
            .build();
        assert!(reading.take(&mut list, &answer).is_break());
        assert_eq!((list.traces.len(), list.unreadable), (1, 1));
    }
}
