use leptos::prelude::*;
use leptos_router::components::A;

use crate::url_state::{use_href_keeping_view, use_traces_href};

/// The main navigation. Links carry the time range and region, so switching views keeps them,
/// and the Traces tab the current (or last) search;
/// `<A>` marks the current one with `aria-current="page"`, which the stylesheet highlights.
#[component]
pub fn MainNav() -> impl IntoView {
    view! {
        <nav aria-label="Main" class="main-nav">
            <A href=use_href_keeping_view("/services")>"Services"</A>
            <A href=use_href_keeping_view("/map")>"Service map"</A>
            <A href=use_traces_href()>"Traces"</A>
        </nav>
    }
}
