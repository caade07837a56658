use leptos::prelude::*;
use leptos_router::components::A;

use super::{MainNav, RegionSelect, ThemeToggle, TimeRangePicker};
use crate::url_state::use_href_keeping_view;

/// The bar on top of every view: product name, navigation, and the controls whose state every
/// view shares (region, time range) plus the theme.
#[component]
pub fn TopBar() -> impl IntoView {
    view! {
        <header class="top-bar">
            <A href=use_href_keeping_view("/services") {..} class="brand">
                <svg class="brand-mark" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M2 4h8M5 8h9M3 12h6" />
                </svg>
                "runtrace"
            </A>
            <MainNav />
            <div class="top-bar-controls">
                <RegionSelect />
                <TimeRangePicker />
                <ThemeToggle />
            </div>
        </header>
    }
}
