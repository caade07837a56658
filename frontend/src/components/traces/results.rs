//! The loaded pages of trace summaries for the current search: a `LocalResource` fetches the
//! first page whenever the search changes and the next one on "load more"; an answer to a
//! superseded search is dropped by the resource. A second one reads the window's overview (every
//! matching trace, for the counts and the plot) beside it: that takes many X-Ray pages, and the
//! table should not wait for it. An all-spans search (`source=spans`) has neither pages nor an
//! overview: its one answer is polled as the backend paces it (see `span_search`).

use std::borrow::Cow;
use std::sync::Arc;

use leptos::prelude::*;
use shared::api::{SpanSearch, TraceOverview, TracePage, TracePoint, TraceSource, TraceSummary};

use super::span_search::Running;
use crate::api::{self, ApiFailure, TracesRequest};
use crate::polled::{erased_resource, typed};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// The search these pages answer (without a cursor).
    search: Option<TracesRequest>,
    pub traces: Vec<TraceSummary>,
    pub next_cursor: Option<String>,
    pub more_available: bool,
    pub processed: u64,
    /// The whole window's matches, once read.
    pub overview: Option<TraceOverview>,
    /// The overview is being read.
    pub counting: bool,
    /// Why the pages or the overview hold less than asked (X-Ray failed a later page).
    pub partial: Option<String>,
    pub loading: bool,
    pub error: Option<ApiFailure>,
    /// An all-spans search's progress (its rows so far are `traces`).
    pub span_search: Option<SpanSearch>,
}

impl Results {
    /// The request for what comes next of `search`: its first page, or, when these results are
    /// of it, the page after the last.
    fn next_request(&self, mut search: TracesRequest) -> TracesRequest {
        if self.search.as_ref() == Some(&search) {
            search.cursor.clone_from(&self.next_cursor);
        }
        search
    }

    /// Whether `request` (a page's, or the overview's) belongs to the search shown: an answer
    /// that arrives after the search changed is not this search's.
    fn answers(&self, request: &TracesRequest) -> bool {
        let bare = TracesRequest {
            cursor: None,
            overview: false,
            ..request.clone()
        };
        self.search.as_ref() == Some(&bare)
    }

    fn take(&mut self, answer: Result<Arc<(TracesRequest, TracePage)>, ApiFailure>) {
        self.loading = false;
        match answer {
            Ok(answer) => {
                let (request, page) = &*answer;
                if !self.answers(request) {
                    return;
                }
                self.error = None;
                if request.source == TraceSource::Spans {
                    // Every answer holds all the rows so far.
                    self.traces.clone_from(&page.traces);
                    self.span_search.clone_from(&page.search);
                    self.counting = false;
                    return;
                }
                if request.cursor.is_none() {
                    self.traces.clear();
                }
                self.traces.extend(page.traces.iter().cloned());
                self.next_cursor.clone_from(&page.next_cursor);
                self.more_available = page.more_available || self.next_cursor.is_some();
                self.processed = self.processed.max(page.processed);
                if page.partial.is_some() {
                    self.partial.clone_from(&page.partial);
                }
            }
            Err(error) => self.error = Some(error),
        }
    }
}

impl Results {
    /// Results that are these traces, as if loaded (for a component on its own).
    pub fn of_traces(traces: Vec<TraceSummary>) -> Self {
        Results {
            traces,
            ..Results::default()
        }
    }

    /// What the counts and the scatter plot show: the window's overview, or (from a backend
    /// without one) the traces loaded so far.
    pub fn points(&self) -> Cow<'_, [TracePoint]> {
        match &self.overview {
            Some(overview) => Cow::Borrowed(&overview.points),
            None => Cow::Owned(self.traces.iter().map(TracePoint::of).collect()),
        }
    }

    /// The rows come from every span (Transaction Search), not X-Ray's index.
    pub fn from_spans(&self) -> bool {
        self.search
            .as_ref()
            .is_some_and(|s| s.source == TraceSource::Spans)
    }

    /// Where the points start when the overview's bound cut the window short.
    pub fn covered_from(&self) -> Option<f64> {
        let overview = self.overview.as_ref().filter(|o| !o.complete)?;
        overview.covered_from
    }
}

#[derive(Clone, Copy)]
pub struct TraceResults {
    pub results: RwSignal<Results>,
    more: Trigger,
    running: Running,
}

impl TraceResults {
    /// Appends the next page of the current search.
    pub fn load_more(self) {
        if self
            .results
            .with_untracked(|r| r.next_cursor.is_some() && !r.loading)
        {
            self.more.notify();
        }
    }

    /// Runs the current all-spans search again from the start (after it ended or failed).
    pub fn search_again(self) {
        self.running.forget();
        self.more.notify();
    }
}

/// The results of `search` (its `cursor` unset), page by page.
pub fn use_trace_results(search: Memo<TracesRequest>) -> TraceResults {
    let results = RwSignal::new(Results::default());
    let more = Trigger::new();
    let running = Running::new(more);
    let pages = erased_resource(move || {
        more.track();
        let search = search.get();
        // A search that is not this one any more is stopped; this one's id, when it runs.
        let search_id = running.id_for(&search);
        let request = results.with_untracked(|r| r.next_request(search.clone()));
        results.update(|r| {
            if r.search.as_ref() != Some(&search) {
                // A new search starts over: nothing of the old one stays on screen.
                *r = Results {
                    search: Some(search),
                    counting: true,
                    ..Results::default()
                };
            }
            r.loading = true;
        });
        async move {
            let page = match search_id {
                Some(id) => api::span_search(&id).await?,
                None => api::traces(&request).await?,
            };
            Ok((request, page))
        }
    });
    Effect::new(move |_| {
        if let Some(answer) = pages.with(|answer| answer.as_ref().map(typed)) {
            let answer: Result<Arc<(TracesRequest, TracePage)>, ApiFailure> = answer;
            // Only the search shown is polled (its poll shares the trigger of "load more").
            let shown = results.with_untracked(|r| answer.as_ref().is_ok_and(|a| r.answers(&a.0)));
            if shown || answer.is_err() {
                running.answered(answer.as_deref().ok());
            }
            results.update(|r| r.take(answer));
        }
    });
    let overview = erased_resource(move || {
        let request = TracesRequest {
            overview: true,
            ..search.get()
        };
        async move {
            // All spans are not read twice: the counts and the plot take the listed rows.
            if request.source == TraceSource::Spans {
                return Ok((request, TracePage::default()));
            }
            let page = api::traces(&request).await?;
            Ok((request, page))
        }
    });
    // Without an overview (it failed, or an older backend) the counts cover the loaded pages.
    Effect::new(move |_| {
        let Some(answer) = overview.with(|answer| answer.as_ref().map(typed)) else {
            return;
        };
        let answer: Result<Arc<(TracesRequest, TracePage)>, ApiFailure> = answer;
        results.update(|r| match answer {
            Ok(answer) if !r.answers(&answer.0) => {}
            Ok(answer) => {
                r.counting = false;
                r.overview.clone_from(&answer.1.overview);
                if answer.1.partial.is_some() {
                    r.partial.clone_from(&answer.1.partial);
                }
            }
            Err(_) => r.counting = false,
        });
    });
    TraceResults {
        results,
        more,
        running,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_shown_search_is_answered() {
        let search = TracesRequest {
            filter: "fault".into(),
            ..TracesRequest::default()
        };
        let results = Results {
            search: Some(search.clone()),
            ..Results::default()
        };
        let check = |request: TracesRequest, expect: bool| {
            assert_eq!(results.answers(&request), expect, "{request:?}");
        };
        check(search.clone(), true);
        check(
            TracesRequest {
                cursor: Some("c2".into()),
                ..search.clone()
            },
            true,
        );
        check(
            TracesRequest {
                overview: true,
                ..search.clone()
            },
            true,
        );
        // An answer to the search before (no filter yet, or the other source) is dropped.
        check(TracesRequest::default(), false);
        check(
            TracesRequest {
                source: TraceSource::Spans,
                ..search
            },
            false,
        );
        assert!(!Results::default().answers(&TracesRequest::default()));
    }
}
