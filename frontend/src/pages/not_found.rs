use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::browser::set_page;
use crate::model::shell::Controls;
use crate::url_state::use_href_keeping_view;

/// Any path no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    set_page("Page not found", Controls::ALL);
    let path = use_location().pathname;
    view! {
        <section class="page">
            <h1>"Page not found"</h1>
            <p>"Nothing lives at " <code>{path}</code> "."</p>
            <p>
                <A href=use_href_keeping_view("/services")>"Go to the services"</A>
            </p>
        </section>
    }
}
