use leptos::prelude::*;

use super::CopyButton;
use crate::api::{self, ApiFailure, TraceSource};

/// A span's top-level segment document as X-Ray returned it. The trace arrives without its
/// documents (they would double its size), so this one is fetched when asked for.
#[component]
pub fn RawDocument(
    /// The trace the document belongs to.
    source: TraceSource,
    /// Its index among the trace's top-level documents (`Span::document`).
    index: usize,
) -> impl IntoView {
    let load = Action::new_local(move |source: &TraceSource| {
        let source = source.clone();
        async move {
            let text = api::trace_document(&source, index).await?;
            Ok::<_, ApiFailure>(pretty(&text.document))
        }
    });
    let text = Signal::derive(move || {
        load.value()
            .with(|value| value.as_ref().and_then(|v| v.as_ref().ok().cloned()))
            .unwrap_or_default()
    });
    let body = move || {
        match load.value().get() {
        None if load.pending().get() => {
            view! { <p class="muted" role="status">"Loading the document…"</p> }.into_any()
        }
        None => view! {
            <button type="button" class="raw-json-show" on:click={
                let source = source.clone();
                move |_| { load.dispatch(source.clone()); }
            }>"Show JSON"</button>
        }
        .into_any(),
        Some(Ok(json)) => view! { <pre class="raw-json">{json}</pre> }.into_any(),
        Some(Err(failure)) => view! {
            <p class="error-text" role="alert">{format!("The document could not be loaded: {failure}")}</p>
        }
        .into_any(),
    }
    };
    view! {
        <section class="detail-section">
            <header>
                <h3>"Raw segment document"</h3>
                <Show when=move || !text.with(String::is_empty)>
                    <CopyButton label="Raw segment document" text />
                </Show>
            </header>
            {body}
        </section>
    }
}

/// Indented for reading; a document that is not JSON is shown as it came.
fn pretty(document: &str) -> String {
    serde_json::from_str::<serde_json::Value>(document)
        .and_then(|value| serde_json::to_string_pretty(&value))
        .unwrap_or_else(|_| document.to_owned())
}
