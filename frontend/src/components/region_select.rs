use leptos::prelude::*;

use crate::server_config::use_server_config;
use crate::url_state::{use_set_view_query, use_view_query};

/// Picks the AWS region every view queries (`region=` in the URL). The choices come from the
/// server's configuration; until it has loaded the select is disabled.
#[component]
pub fn RegionSelect() -> impl IntoView {
    let config = use_server_config();
    let view_query = use_view_query();
    let set_view_query = use_set_view_query();

    let regions = move || {
        config
            .loaded()
            .map(|config| config.regions)
            .unwrap_or_default()
    };
    let selected = move || {
        let chosen = view_query.with(|query| query.view.region.clone());
        chosen.or_else(|| config.loaded().map(|config| config.default_region))
    };
    let choose = move |event| {
        let mut view = view_query.get_untracked().view;
        view.region = Some(event_target_value(&event));
        set_view_query(view);
    };

    view! {
        <select
            id="region"
            aria-label="Region"
            title="AWS region"
            on:change=choose
            disabled=move || regions().is_empty()
        >
            <For
                each=regions
                key=String::clone
                children=move |region: String| {
                    let value = region.clone();
                    let is_selected = {
                        let region = region.clone();
                        move || selected().as_deref() == Some(region.as_str())
                    };
                    view! {
                        <option value=value prop:selected=is_selected>
                            {region}
                        </option>
                    }
                }
            />
        </select>
    }
}
