use leptos::prelude::*;

/// Copies `text` to the clipboard and says so.
#[component]
pub fn CopyButton(
    /// What the button copies, for its accessible name ("Copy raw JSON").
    label: &'static str,
    #[prop(into)] text: Signal<String>,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        if let Some(window) = web_sys::window() {
            // The promise only fails without clipboard permission; the button then stays as is.
            let _ = window
                .navigator()
                .clipboard()
                .write_text(&text.get_untracked());
            copied.set(true);
        }
    };
    view! {
        <button type="button" class="copy-button" aria-label=format!("Copy {label}") on:click=copy>
            {move || if copied.get() { "Copied" } else { "Copy" }}
        </button>
    }
}
