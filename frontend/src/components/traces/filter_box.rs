use leptos::prelude::*;
use shared::filter::{ParseError, parse_optional};

/// The raw filter expression, checked with the shared parser on every keystroke: an error is
/// underlined where it is and explained below; Enter applies a valid expression.
#[component]
pub fn FilterBox(
    /// The expression currently applied (from the URL).
    #[prop(into)]
    applied: Signal<String>,
    /// Called with a valid expression (blank for none) when the user applies it.
    on_apply: Callback<String>,
) -> impl IntoView {
    let draft = RwSignal::new(applied.get_untracked());
    // A refiner click or a link changes the applied expression: the box follows it.
    Effect::new(move |_| draft.set(applied.get()));
    let error = Memo::new(move |_| draft.with(|text| parse_optional(text).err()));

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if error.with_untracked(Option::is_none) {
            on_apply.run(draft.get_untracked().trim().to_owned());
        }
    };
    let underline = move || {
        let text = draft.get();
        error
            .get()
            .map(|error| view! { <ErrorUnderline text error /> })
    };

    view! {
        <form class="filter-box" role="search" on:submit=submit>
            <label for="filter-expression">"Filter expression"</label>
            <div class="filter-box-row">
                <input
                    id="filter-expression"
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="e.g. http.status = 500 AND responsetime > 1"
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby="filter-error"
                    prop:value=move || draft.get()
                    on:input=move |event| draft.set(event_target_value(&event))
                />
                <button type="submit" disabled=move || error.with(Option::is_some)>
                    "Apply"
                </button>
            </div>
            <div id="filter-error" aria-live="polite">{underline}</div>
        </form>
    }
}

/// The expression with the offending token marked, and the parser's message.
#[component]
fn ErrorUnderline(text: String, error: ParseError) -> impl IntoView {
    let start = floor_boundary(&text, error.offset);
    let end = floor_boundary(&text, error.offset + error.len).max(start);
    let before = text.get(..start).unwrap_or_default().to_owned();
    let marked = text.get(start..end).unwrap_or_default();
    // At the end of the input there is nothing to mark: a space shows where something is missing.
    let marked = if marked.is_empty() {
        " ".to_owned()
    } else {
        marked.to_owned()
    };
    let after = text.get(end..).unwrap_or_default().to_owned();
    view! {
        <pre class="filter-underline" aria-hidden="true">
            {before}<mark class="filter-error-mark">{marked}</mark>{after}
        </pre>
        <p class="filter-error-message">{error.to_string()}</p>
    }
}

/// The largest char boundary of `text` at or before `index`.
fn floor_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
