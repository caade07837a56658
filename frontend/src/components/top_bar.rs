use leptos::prelude::*;
use leptos_router::components::A;

use super::{MainNav, RegionSelect, ShareLink, ThemeToggle, TimeRangePicker};
use crate::url_state::use_href_keeping_view;

/// The bar on top of every view: product name, navigation, the link to share, and the controls
/// whose state views share (region, time range) where the page reads them, plus the theme.
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
                <ShareLink />
                <RegionSelect />
                <TimeRangePicker />
                <ThemeToggle />
            </div>
        </header>
    }
}
