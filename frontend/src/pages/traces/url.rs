//! The trace search's URL state, read and written through the router.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::params::ParamsMap;

use crate::model::carry_over;
use crate::model::traces::SearchState;

pub fn use_search_state() -> Memo<SearchState> {
    let query = use_location().query;
    Memo::new(move |_| query.with(|query| SearchState::parse(query)))
}

/// Writes a new search state into the URL (a history entry, so Back undoes a refinement).
pub fn use_set_search_state() -> impl Fn(SearchState) + Clone + 'static {
    let navigate = use_navigate();
    let location = use_location();
    move |state: SearchState| {
        let pairs = location
            .query
            .with_untracked(|query| state.merge_into(query));
        let query: ParamsMap = pairs.into_iter().collect();
        let options = NavigateOptions {
            scroll: false,
            ..Default::default()
        };
        navigate(&format!("/traces{}", query.to_query_string()), options);
    }
}

/// The link to a trace's page, keeping the time range and region.
pub fn use_trace_href() -> Callback<String, String> {
    let query = use_location().query;
    Callback::new(move |id: String| {
        let kept: ParamsMap = query
            .with_untracked(|query| carry_over(query))
            .into_iter()
            .collect();
        format!("/traces/{id}{}", kept.to_query_string())
    })
}
