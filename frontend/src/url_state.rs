//! Every view's state lives in the URL query, so every view is a deep link. A state type says
//! which keys it owns and how to read and write them (`model::UrlState`); [`use_url_state`] reads
//! it from the router, re-read whenever the URL changes, and writes it back with or without a
//! history entry, keeping every parameter it does not own: the time range, another view's filter,
//! and the embedding (`embed`, `embed_token`, `theme`). Links to other views come from
//! [`use_view_links`], which carries the time range, the region and the embedding.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::params::ParamsMap;

use crate::browser::page_embed_state;
use crate::model::{UrlState, link_query};

/// Whether a write adds a history entry (Back undoes it) or replaces the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    Push,
    Replace,
}

/// A view state in the URL: `state` re-reads on every change; `push` and `replace` write it.
pub struct UrlHandle<S: Send + Sync + 'static> {
    pub state: Memo<S>,
    writer: QueryWriter,
}

impl<S: Send + Sync + 'static> Clone for UrlHandle<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Send + Sync + 'static> Copy for UrlHandle<S> {}

impl<S: UrlState + Clone + PartialEq + Send + Sync + 'static> UrlHandle<S> {
    /// The current state, untracked: the base of a change.
    pub fn current(self) -> S {
        self.state.get_untracked()
    }

    /// Writes `state` with a history entry.
    pub fn push(self, state: S) {
        self.write(state, History::Push);
    }

    /// Writes `state` in place of the current history entry (a keystroke, a camera move).
    pub fn replace(self, state: S) {
        self.write(state, History::Replace);
    }

    pub fn write(self, state: S, history: History) {
        let pairs = self
            .writer
            .query
            .with_untracked(|query| state.merge_into(query));
        self.writer.go(pairs, history);
    }
}

/// The state `S` of the current URL, and the way to write it back.
pub fn use_url_state<S>() -> UrlHandle<S>
where
    S: UrlState + Clone + PartialEq + Send + Sync + 'static,
{
    let writer = use_query_writer();
    let query = writer.query;
    UrlHandle {
        state: Memo::new(move |_| query.with(|query| S::parse(query))),
        writer,
    }
}

/// The state `S` of the URL as it is now, read once (a view configured when it opens).
pub fn read_url_state<S: UrlState>() -> S {
    use_location().query.with_untracked(|query| S::parse(query))
}

/// Puts a whole new query into the URL, keeping the path: the one place that navigates.
#[derive(Clone, Copy)]
pub struct QueryWriter {
    pub query: Memo<ParamsMap>,
    path: Memo<String>,
    navigate: Callback<(String, NavigateOptions)>,
}

impl QueryWriter {
    pub fn go(self, pairs: Vec<(String, String)>, history: History) {
        // A change of the view's state is not a new page: keep the scroll position.
        let options = NavigateOptions {
            replace: history == History::Replace,
            scroll: false,
            ..Default::default()
        };
        let target = path_with_query(&self.path.get_untracked(), pairs);
        self.navigate.run((target, options));
    }
}

pub fn use_query_writer() -> QueryWriter {
    let location = use_location();
    let navigate = use_navigate();
    QueryWriter {
        query: location.query,
        path: location.pathname,
        navigate: Callback::new(move |(target, options): (String, _)| navigate(&target, options)),
    }
}

/// Links to other views, reactive to the URL.
#[derive(Clone, Copy)]
pub struct ViewLinks {
    query: Memo<ParamsMap>,
}

impl ViewLinks {
    /// `path` with the current time range and region, `extra` (which replaces a shared parameter
    /// of its key) and the embedding.
    pub fn href(self, path: &str, extra: Vec<(String, String)>) -> String {
        let pairs = self
            .query
            .with(|query| link_query(query, extra, page_embed_state()));
        path_with_query(path, pairs)
    }
}

pub fn use_view_links() -> ViewLinks {
    ViewLinks {
        query: use_location().query,
    }
}

/// `path` plus the current time range, region and embedding: the href of a link to another view.
pub fn use_href_keeping_view(path: &'static str) -> impl Fn() -> String + Copy + Send + Sync {
    let links = use_view_links();
    move || links.href(path, Vec::new())
}

/// `path?key=value&…`, encoded (just `path` without pairs).
pub fn path_with_query(path: &str, pairs: Vec<(String, String)>) -> String {
    let query: ParamsMap = pairs.into_iter().collect();
    format!("{path}{}", query.to_query_string())
}
