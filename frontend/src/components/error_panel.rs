use leptos::prelude::*;

use crate::api::ApiFailure;

/// What an `<ErrorBoundary>` shows instead of a blank space: a heading, every message, and a way
/// to try again.
#[component]
pub fn ErrorPanel(
    /// The errors the boundary caught.
    errors: ArcRwSignal<Errors>,
    /// What "Retry" does: refetch the data that failed, or reload the page.
    on_retry: Callback<()>,
) -> impl IntoView {
    let title = {
        let errors = errors.clone();
        move || errors.with(heading)
    };
    let messages = move || {
        errors.with(|errors| {
            errors
                .iter()
                .map(|(_, error)| view! { <li>{error.to_string()}</li> })
                .collect_view()
        })
    };

    view! {
        <section class="error-panel" role="alert">
            <h2>{title}</h2>
            <ul>{messages}</ul>
            <button type="button" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </section>
    }
}

/// The title of the first failure that knows one; backend failures say what kind they are.
fn heading(errors: &Errors) -> &'static str {
    errors
        .iter()
        .find_map(|(_, error)| error.downcast_ref::<ApiFailure>().map(ApiFailure::title))
        .unwrap_or("Something went wrong")
}
