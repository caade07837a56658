use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::model::ViewQuery;

/// Says why part of the address was ignored (`window=7h` is too long, `start=` without `end=`),
/// so a mistyped deep link is noticed instead of silently showing something else.
#[component]
pub fn QueryNotice() -> impl IntoView {
    let query = use_location().query;
    let notice = move || {
        query.with(|query| {
            let query = ViewQuery::read(query);
            let problem = query.problem.as_ref()?;
            let fallback = query.view.range.describe();
            Some(format!("{problem}. Showing {fallback} instead."))
        })
    };
    move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })
}
