//! The loaded pages of trace summaries for the current search: a `LocalResource` fetches the
//! first page whenever the search changes and the next one on "load more"; an answer to a
//! superseded search is dropped by the resource.

use std::sync::Arc;

use leptos::prelude::*;
use shared::api::{TracePage, TraceSummary};

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
    pub loading: bool,
    pub error: Option<ApiFailure>,
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

    fn take(&mut self, answer: Result<Arc<(TracesRequest, TracePage)>, ApiFailure>) {
        self.loading = false;
        match answer {
            Ok(answer) => {
                let (request, page) = &*answer;
                if request.cursor.is_none() {
                    self.traces.clear();
                    self.processed = 0;
                }
                self.error = None;
                self.traces.extend(page.traces.iter().cloned());
                self.next_cursor.clone_from(&page.next_cursor);
                self.more_available = page.more_available || self.next_cursor.is_some();
                self.processed += page.processed;
            }
            Err(error) => self.error = Some(error),
        }
    }
}

#[derive(Clone, Copy)]
pub struct TraceResults {
    pub results: RwSignal<Results>,
    more: Trigger,
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
}

/// The results of `search` (its `cursor` unset), page by page.
pub fn use_trace_results(search: Memo<TracesRequest>) -> TraceResults {
    let results = RwSignal::new(Results::default());
    let more = Trigger::new();
    let pages = erased_resource(move || {
        more.track();
        let search = search.get();
        let request = results.with_untracked(|r| r.next_request(search.clone()));
        results.update(|r| {
            if r.search.as_ref() != Some(&search) {
                // A new search starts over: nothing of the old one stays on screen.
                *r = Results {
                    search: Some(search),
                    ..Results::default()
                };
            }
            r.loading = true;
        });
        async move {
            let page = api::traces(&request).await?;
            Ok((request, page))
        }
    });
    Effect::new(move |_| {
        if let Some(answer) = pages.with(|answer| answer.as_ref().map(typed)) {
            results.update(|r| r.take(answer));
        }
    });
    TraceResults { results, more }
}
