use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

/// `/` → `/services`, keeping the whole query so a deep link to `/?window=1h` still works.
/// Replaces the history entry: Back should not land on `/` and bounce forward again.
#[component]
pub fn HomeRedirect() -> impl IntoView {
    let query = use_location()
        .query
        .with_untracked(|query| query.to_query_string());
    let options = NavigateOptions {
        replace: true,
        ..Default::default()
    };
    view! { <Redirect path=format!("/services{query}") options /> }
}
