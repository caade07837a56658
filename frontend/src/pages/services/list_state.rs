//! The services table's state in the URL, read and written like the shared view state.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::params::ParamsMap;

use crate::model::carry_over;
use crate::model::services::ListQuery;

/// The table's sort, filters and refresh interval, re-read whenever the URL changes.
pub fn use_list_query() -> Memo<ListQuery> {
    let query = use_location().query;
    Memo::new(move |_| query.with(|query| ListQuery::parse(query)))
}

/// Writes a new table state into the URL. Typing in the name filter replaces the history entry,
/// so Back does not step through every keystroke.
pub fn use_set_list_query() -> Callback<ListQuery> {
    let navigate = use_navigate();
    let location = use_location();
    Callback::new(move |list: ListQuery| {
        let pairs = location
            .query
            .with_untracked(|query| list.merge_into(query));
        let query: ParamsMap = pairs.into_iter().collect();
        let path = location.pathname.get_untracked();
        let options = NavigateOptions {
            scroll: false,
            replace: true,
            ..Default::default()
        };
        navigate(&format!("{path}{}", query.to_query_string()), options);
    })
}

/// The time range (not the region: each row has its own) that links to a service carry.
pub fn use_link_query() -> Signal<String> {
    let query = use_location().query;
    Signal::derive(move || {
        let kept: ParamsMap = query
            .with(|query| carry_over(query))
            .into_iter()
            .filter(|(key, _)| key != "region")
            .collect();
        kept.to_query_string()
    })
}
