//! The loaded pages of trace summaries for the current query: the first page whenever the query
//! changes, more on "load more". Answers to superseded queries are dropped.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{TracePage, TraceSummary};

use crate::api::{self, ApiFailure};
use crate::model::ViewQuery;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    pub traces: Vec<TraceSummary>,
    pub next_cursor: Option<String>,
    pub more_available: bool,
    pub processed: u64,
    pub loading: bool,
    pub error: Option<ApiFailure>,
}

impl Results {
    fn add(&mut self, page: TracePage) {
        self.traces.extend(page.traces);
        self.next_cursor = page.next_cursor;
        self.more_available = page.more_available || self.next_cursor.is_some();
        self.processed += page.processed;
    }
}

#[derive(Clone, Copy)]
pub struct ResultsLoader {
    pub results: RwSignal<Results>,
    query: StoredValue<Option<(ViewQuery, String)>>,
    generation: StoredValue<u64>,
}

impl ResultsLoader {
    pub fn new() -> Self {
        Self {
            results: RwSignal::new(Results::default()),
            query: StoredValue::new(None),
            generation: StoredValue::new(0),
        }
    }

    /// Starts over for a new query.
    pub fn load(self, view: ViewQuery, filter: String) {
        self.query.set_value(Some((view, filter)));
        self.results.set(Results {
            loading: true,
            ..Results::default()
        });
        self.fetch(None);
    }

    /// Appends the next page of the current query.
    pub fn load_more(self) {
        let cursor = self.results.with_untracked(|r| r.next_cursor.clone());
        if cursor.is_some() {
            self.results.update(|r| r.loading = true);
            self.fetch(cursor);
        }
    }

    fn fetch(self, cursor: Option<String>) {
        let Some((view, filter)) = self.query.get_value() else {
            return;
        };
        let mut pairs: Vec<(String, String)> = view
            .range
            .to_pairs()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        pairs.extend(view.region.map(|region| ("region".to_owned(), region)));
        if !filter.trim().is_empty() {
            pairs.push(("filter".to_owned(), filter));
        }
        pairs.extend(cursor.map(|cursor| ("cursor".to_owned(), cursor)));
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        spawn_local(async move {
            let answer = api::traces(&pairs).await;
            // The page may be gone (the user opened a trace) or the query superseded.
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            self.results.try_update(|results| {
                results.loading = false;
                match answer {
                    Ok(page) => {
                        results.error = None;
                        results.add(page);
                    }
                    Err(error) => results.error = Some(error),
                }
            });
        });
    }
}
