//! One all-spans search: the Logs Insights query of its filter, then — for rows found by
//! any-span tests — a second query for those traces' entry spans (their URL, status, …). Each
//! poll advances it by at most one GetQueryResults.

use std::sync::Arc;
use std::time::{Duration, Instant};

use shared::api::{QueryStatus, SpanSearch, TracePage, TraceSource, TraceSummary};
use shared::search::{MAX_ENTRY_IDS, Shape, entry_spans, summaries, with_entry};

use super::pacing::{MAX_SEARCH, MIN_FETCH_INTERVAL, poll_after_ms};
use crate::answer::Answer;
use crate::aws::UpstreamResult;
use crate::aws::limiter::Limiter;
use crate::aws::logs::{self, QueryAnswer};
use crate::aws::requests::TimeRange;

/// The entry spans of at most this many rows are read (in queries of [`MAX_ENTRY_IDS`]); each
/// query scans the window again, so the rows past it keep only their id and start.
const MAX_DETAILED_ROWS: usize = 3 * MAX_ENTRY_IDS;

enum Phase {
    Main(String),
    /// Reading the entry spans of the rows from `offset` on.
    Details {
        query: String,
        offset: usize,
    },
    Finished,
}

pub struct Search {
    pub id: String,
    pub region: String,
    client: aws_sdk_cloudwatchlogs::Client,
    range: TimeRange,
    shape: Shape,
    query: String,
    limit: u32,
    started: Instant,
    started_at: f64,
    phase: Phase,
    rows: Vec<TraceSummary>,
    statistics: (f64, f64, f64),
    /// Bytes the finished entry-span queries scanned (billed like the main query's).
    details_bytes: f64,
    status: QueryStatus,
    message: Option<String>,
    last_fetch: Option<Instant>,
    pub last_poll: Instant,
    answer: Arc<Answer<TracePage>>,
}

impl Search {
    #[allow(clippy::too_many_arguments)] // the search's whole identity, once
    pub fn new(
        id: String,
        region: String,
        client: aws_sdk_cloudwatchlogs::Client,
        range: TimeRange,
        query: shared::search::SpanQuery,
        limit: u32,
        query_id: String,
        started_at: f64,
    ) -> Self {
        let now = Instant::now();
        let mut search = Self {
            id,
            region,
            client,
            range,
            shape: query.shape,
            query: query.query,
            limit,
            started: now,
            started_at,
            phase: Phase::Main(query_id),
            rows: Vec::new(),
            statistics: (0.0, 0.0, 0.0),
            details_bytes: 0.0,
            status: QueryStatus::Scheduled,
            message: None,
            last_fetch: None,
            last_poll: now,
            answer: Arc::new(Answer::new(TracePage::default())),
        };
        search.publish();
        search
    }

    pub fn done(&self) -> bool {
        matches!(self.phase, Phase::Finished)
    }

    pub fn answer(&self) -> Arc<Answer<TracePage>> {
        Arc::clone(&self.answer)
    }

    /// The query running now, if any.
    fn running_query(&self) -> Option<&str> {
        match &self.phase {
            Phase::Main(id) | Phase::Details { query: id, .. } => Some(id),
            Phase::Finished => None,
        }
    }

    /// One step: stops a search past its time, else reads its query's results unless they
    /// were read a moment ago.
    pub async fn advance(&mut self, limiter: &Limiter) -> UpstreamResult<()> {
        self.last_poll = Instant::now();
        if self.done() {
            return Ok(());
        }
        if self.started.elapsed() > MAX_SEARCH {
            self.stop(limiter, QueryStatus::Timeout, format!(
                "runtrace stopped the search after {} s; the traces found until then are listed",
                MAX_SEARCH.as_secs()
            ))
            .await?;
            return Ok(());
        }
        if self
            .last_fetch
            .is_some_and(|at| at.elapsed() < MIN_FETCH_INTERVAL)
        {
            return Ok(());
        }
        self.last_fetch = Some(Instant::now());
        match &self.phase {
            Phase::Main(id) => {
                let answer = logs::results(&self.client, &self.region, id, limiter).await?;
                self.main_results(answer, limiter).await?;
            }
            Phase::Details { query, offset } => {
                let offset = *offset;
                let answer = logs::results(&self.client, &self.region, query, limiter).await?;
                self.details_results(answer, offset, limiter).await?;
            }
            Phase::Finished => {}
        }
        self.publish();
        Ok(())
    }

    async fn main_results(&mut self, answer: QueryAnswer, limiter: &Limiter) -> UpstreamResult<()> {
        self.statistics = (
            answer.records_scanned,
            answer.records_matched,
            answer.bytes_scanned,
        );
        self.rows = summaries(&answer.rows);
        let status = answer.status.unwrap_or(QueryStatus::Unknown);
        match status {
            QueryStatus::Scheduled | QueryStatus::Running => self.status = status,
            QueryStatus::Complete if self.shape == Shape::Traces => {
                self.status = QueryStatus::Running;
                self.details_from(0, limiter).await?;
            }
            QueryStatus::Complete => self.finish(QueryStatus::Complete, None),
            other => {
                let message = format!("Logs Insights ended the query as {other}");
                self.finish(other, Some(message));
            }
        }
        Ok(())
    }

    /// Starts the query for the entry spans of the rows from `offset` on, or finishes.
    async fn details_from(&mut self, offset: usize, limiter: &Limiter) -> UpstreamResult<()> {
        let end = (offset + MAX_ENTRY_IDS)
            .min(self.rows.len())
            .min(MAX_DETAILED_ROWS);
        let ids: Vec<&str> = self
            .rows
            .get(offset..end)
            .unwrap_or_default()
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        let Some(query) = entry_spans(&ids).filter(|_| !ids.is_empty()) else {
            self.finish(QueryStatus::Complete, None);
            return Ok(());
        };
        let limit = MAX_ENTRY_IDS as u32;
        let query = logs::start_query(
            &self.client,
            &self.region,
            self.range,
            &query,
            limit,
            limiter,
        )
        .await?;
        self.phase = Phase::Details { query, offset: end };
        Ok(())
    }

    async fn details_results(
        &mut self,
        answer: QueryAnswer,
        next: usize,
        limiter: &Limiter,
    ) -> UpstreamResult<()> {
        let entries = summaries(&answer.rows);
        for row in &mut self.rows {
            if let Some(entry) = entries.iter().find(|e| e.id == row.id) {
                *row = with_entry(row.clone(), entry);
            }
        }
        match answer.status.unwrap_or(QueryStatus::Unknown) {
            QueryStatus::Scheduled | QueryStatus::Running => {}
            QueryStatus::Complete => {
                self.details_bytes += answer.bytes_scanned;
                self.details_from(next, limiter).await?;
            }
            other => self.finish(
                QueryStatus::Complete,
                Some(format!("the traces' entry spans could not be read (Logs Insights: {other}); the traces are listed without their details")),
            ),
        }
        Ok(())
    }

    fn finish(&mut self, status: QueryStatus, message: Option<String>) {
        self.status = status;
        self.message = message;
        self.phase = Phase::Finished;
    }

    /// Stops the running query (StopQuery) and ends the search as `status`.
    pub async fn stop(
        &mut self,
        limiter: &Limiter,
        status: QueryStatus,
        message: String,
    ) -> UpstreamResult<()> {
        if let Some(id) = self.running_query().map(str::to_owned) {
            logs::stop_query(&self.client, &self.region, &id, limiter).await?;
            self.finish(status, Some(message));
            self.publish();
        }
        Ok(())
    }

    fn publish(&mut self) {
        let done = self.done();
        let elapsed = self.started.elapsed();
        let search = SpanSearch {
            id: self.id.clone(),
            status: self.status.clone(),
            done,
            query: self.query.clone(),
            records_scanned: self.statistics.0,
            records_matched: self.statistics.1,
            bytes_scanned: self.statistics.2 + self.details_bytes,
            limit: self.limit,
            truncated: self.rows.len() >= self.limit as usize,
            details_pending: matches!(self.phase, Phase::Details { .. }),
            started_at: self.started_at,
            elapsed_seconds: elapsed.as_secs_f64(),
            poll_after_ms: poll_after_ms(elapsed, done),
            message: self.message.clone(),
        };
        self.answer = Arc::new(Answer::new(TracePage {
            traces: self.rows.clone(),
            processed: self.statistics.1 as u64,
            source: TraceSource::Spans,
            search: Some(search),
            ..TracePage::default()
        }));
    }

    /// Nobody asked for this long.
    pub fn idle_for(&self) -> Duration {
        self.last_poll.elapsed()
    }
}
