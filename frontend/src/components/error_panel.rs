use leptos::prelude::*;

use crate::api::ApiFailure;

/// The one way a view says it has nothing to show because something failed: a heading, what
/// went wrong (and what to do, when known), and, where it can help, a way to try again. For a
/// failed call there is [`failure_panel`]; an `<ErrorBoundary>` uses [`BoundaryPanel`].
#[component]
pub fn ErrorPanel(
    #[prop(into)] title: Signal<String>,
    /// A paragraph each; empty ones are left out.
    #[prop(into)]
    lines: Signal<Vec<String>>,
    /// What "Retry" does: refetch the data that failed, or reload the page. No button without it.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let paragraphs = move || {
        lines.with(|lines| {
            lines
                .iter()
                .filter(|line| !line.is_empty())
                .map(|line| view! { <p>{line.clone()}</p> })
                .collect_view()
        })
    };
    view! {
        <section class="error-panel" role="alert">
            <h2>{title}</h2>
            {paragraphs}
            {on_retry.map(|retry| view! {
                <button type="button" on:click=move |_| retry.run(())>"Retry"</button>
            })}
        </section>
    }
}

/// The panel of a failed call: its title and message, and `advice` when there is some.
pub fn failure_panel(failure: &ApiFailure, advice: &str) -> impl IntoView + use<> {
    let lines = vec![failure.to_string(), advice.to_owned()];
    view! { <ErrorPanel title=failure.title().to_owned() lines /> }
}

/// What an `<ErrorBoundary>` shows instead of a blank space: the title of the first failure that
/// knows one, every message, and a retry.
#[component]
pub fn BoundaryPanel(
    /// The errors the boundary caught.
    errors: ArcRwSignal<Errors>,
    on_retry: Callback<()>,
) -> impl IntoView {
    let title = {
        let errors = errors.clone();
        Signal::derive(move || errors.with(heading).to_owned())
    };
    let lines = Signal::derive(move || {
        errors.with(|errors| errors.iter().map(|(_, error)| error.to_string()).collect())
    });
    view! { <ErrorPanel title lines on_retry /> }
}

fn heading(errors: &Errors) -> &'static str {
    errors
        .iter()
        .find_map(|(_, error)| error.downcast_ref::<ApiFailure>().map(ApiFailure::title))
        .unwrap_or("Something went wrong")
}
