//! The shared view state lives in the URL query, so every view is a deep link: these hooks read
//! it through the router and write it back with a history entry (no reload).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::params::ParamsMap;

use crate::model::{ParsedQuery, ViewQuery, carry_over};

/// The time range and region of the current URL, re-read whenever it changes.
pub fn use_view_query() -> Memo<ParsedQuery> {
    let query = use_location().query;
    Memo::new(move |_| query.with(|query| ViewQuery::parse(query)))
}

/// A function that puts a new view state into the URL, keeping the path and the other parameters.
pub fn use_set_view_query() -> impl Fn(ViewQuery) + Clone + 'static {
    let navigate = use_navigate();
    let location = use_location();
    move |view: ViewQuery| {
        let pairs = location
            .query
            .with_untracked(|query| view.merge_into(query));
        let query: ParamsMap = pairs.into_iter().collect();
        let path = location.pathname.get_untracked();
        // Changing the range is not a new page: keep the scroll position.
        let options = NavigateOptions {
            scroll: false,
            ..Default::default()
        };
        navigate(&format!("{path}{}", query.to_query_string()), options);
    }
}

/// `path` plus the current time range and region: the href of a link to another view.
pub fn use_href_keeping_view(path: &'static str) -> impl Fn() -> String + Copy + Send + Sync {
    let query = use_location().query;
    move || {
        let mut kept = query.with(|query| carry_over(query));
        kept.extend(crate::components::embed::page_embed_state().persisted());
        let kept: ParamsMap = kept.into_iter().collect();
        format!("{path}{}", kept.to_query_string())
    }
}
