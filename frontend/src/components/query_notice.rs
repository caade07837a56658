use leptos::prelude::*;

use crate::url_state::use_view_query;

/// Says why part of the address was ignored (`window=7h` is too long, `start=` without `end=`),
/// so a mistyped deep link is noticed instead of silently showing something else.
#[component]
pub fn QueryNotice() -> impl IntoView {
    let view_query = use_view_query();
    let notice = move || {
        view_query.with(|query| {
            let problem = query.problem.as_ref()?;
            let fallback = query.view.range.describe();
            Some(format!("{problem}. Showing {fallback} instead."))
        })
    };
    move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })
}
