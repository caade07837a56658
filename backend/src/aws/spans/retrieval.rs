//! One trace retrieval: StartTraceRetrieval, then ListRetrievedTraces on each poll until the
//! retrieval ends; a complete one is assembled into the same `TraceDetail` BatchGetTraces gives,
//! and its map is read once, when asked for (GetRetrievedTracesGraph).

use std::sync::Arc;
use std::time::{Duration, Instant};

use shared::api::{RetrievalStatus, ServiceMap, TraceDetail, TraceRetrieval};

use super::pacing::{MAX_RETRIEVAL, MIN_FETCH_INTERVAL, poll_after_ms};
use crate::answer::Answer;
use crate::aws::UpstreamResult;
use crate::aws::limiter::Limiter;
use crate::aws::requests::TimeRange;
use crate::aws::xray::retrieval as calls;

pub struct Retrieval {
    pub region: String,
    pub trace_id: String,
    client: aws_sdk_xray::Client,
    token: String,
    range: TimeRange,
    started: Instant,
    started_at: f64,
    status: RetrievalStatus,
    done: bool,
    message: Option<String>,
    last_fetch: Option<Instant>,
    pub last_poll: Instant,
    pub detail: Option<Arc<Answer<TraceDetail>>>,
    pub map: Option<Arc<Answer<ServiceMap>>>,
}

impl Retrieval {
    pub fn new(
        region: String,
        trace_id: String,
        client: aws_sdk_xray::Client,
        token: String,
        range: TimeRange,
        started_at: f64,
    ) -> Self {
        Self {
            region,
            trace_id,
            client,
            token,
            range,
            started: Instant::now(),
            started_at,
            status: RetrievalStatus::Scheduled,
            done: false,
            message: None,
            last_fetch: None,
            last_poll: Instant::now(),
            detail: None,
            map: None,
        }
    }

    pub fn done(&self) -> bool {
        self.done
    }

    pub fn found(&self) -> bool {
        self.detail.is_some()
    }

    pub fn progress(&self) -> TraceRetrieval {
        let elapsed = self.started.elapsed();
        TraceRetrieval {
            trace_id: self.trace_id.clone(),
            region: self.region.clone(),
            status: self.status.clone(),
            done: self.done,
            found: self.found(),
            started_at: self.started_at,
            elapsed_seconds: elapsed.as_secs_f64(),
            poll_after_ms: poll_after_ms(elapsed, self.done),
            message: self.message.clone(),
        }
    }

    pub async fn advance(&mut self, limiter: &Limiter) -> UpstreamResult<()> {
        self.last_poll = Instant::now();
        if self.done {
            return Ok(());
        }
        if self.started.elapsed() > MAX_RETRIEVAL {
            let seconds = MAX_RETRIEVAL.as_secs();
            self.give_up(
                RetrievalStatus::Timeout,
                format!("runtrace stopped waiting for X-Ray's trace retrieval after {seconds} s; try again later"),
            );
            return Ok(());
        }
        if self
            .last_fetch
            .is_some_and(|at| at.elapsed() < MIN_FETCH_INTERVAL)
        {
            return Ok(());
        }
        self.last_fetch = Some(Instant::now());
        let listed = calls::list(
            &self.client,
            &self.region,
            &self.token,
            &self.trace_id,
            limiter,
        )
        .await?;
        self.status = listed.status.clone();
        match listed.status {
            RetrievalStatus::Scheduled | RetrievalStatus::Running => {}
            RetrievalStatus::Complete => {
                self.done = true;
                match listed.trace {
                    Some((duration, segments)) => {
                        let mut detail =
                            TraceDetail::assemble(self.trace_id.clone(), duration, false, segments);
                        detail.retrieved = true;
                        self.detail = Some(Arc::new(Answer::new(detail)));
                    }
                    None => {
                        self.message = Some(format!(
                            "the trace is not in aws/spans between {} and {} (epoch seconds): it may lie outside that window or be older than the log group keeps spans",
                            self.range.start, self.range.end
                        ));
                    }
                }
            }
            other => {
                self.done = true;
                self.message = Some(format!(
                    "X-Ray's trace retrieval ended {other}; try again later"
                ));
            }
        }
        Ok(())
    }

    /// Stops waiting for the retrieval. runtrace does not call CancelTraceRetrieval (the README
    /// policy holds exactly the actions runtrace needs): AWS ends a retrieval by itself.
    pub fn give_up(&mut self, status: RetrievalStatus, message: String) {
        if !self.done {
            self.status = status;
            self.message = Some(message);
            self.done = true;
        }
    }

    /// The map of the retrieved trace (read once).
    pub async fn map(
        &mut self,
        limiter: &Limiter,
    ) -> UpstreamResult<Option<Arc<Answer<ServiceMap>>>> {
        if !self.found() {
            return Ok(None);
        }
        if self.map.is_none() {
            let map = calls::graph(&self.client, &self.region, &self.token, limiter).await?;
            self.map = Some(Arc::new(Answer::new(map)));
        }
        Ok(self.map.clone())
    }

    pub fn idle_for(&self) -> Duration {
        self.last_poll.elapsed()
    }
}
