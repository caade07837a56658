use leptos::prelude::*;

use crate::browser::{apply_theme, initial_theme, remember_theme};

/// Switches between the light and dark themes. Without a stored choice the theme follows
/// `prefers-color-scheme`; a click stores the choice in localStorage.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(initial_theme());
    apply_theme(theme.get_untracked());
    let toggle = move |_| {
        let next = theme.get_untracked().toggled();
        // Applied at once rather than in an effect, so the page never shows the old theme.
        apply_theme(next);
        remember_theme(next);
        theme.set(next);
    };
    let label = move || theme.get().toggle_label();

    view! {
        <button id="theme-toggle" type="button" class="icon-button" aria-label=label title=label on:click=toggle>
            <span aria-hidden="true">
                {move || if theme.get() == crate::model::Theme::Dark { "☀" } else { "☾" }}
            </span>
        </button>
    }
}
