use leptos::prelude::*;

use crate::model::ViewQuery;
use crate::server_config::use_server_config;
use crate::url_state::use_url_state;

/// Picks the AWS region every view queries (`region=` in the URL). The choices come from the
/// server's configuration; until it has loaded the select is disabled.
#[component]
pub fn RegionSelect() -> impl IntoView {
    let config = use_server_config();
    let url = use_url_state::<ViewQuery>();

    let regions = move || {
        config
            .loaded()
            .map(|config| config.regions)
            .unwrap_or_default()
    };
    let selected = move || {
        let chosen = url.state.with(|query| query.region.clone());
        chosen.or_else(|| config.loaded().map(|config| config.default_region))
    };
    let choose = move |event| {
        url.push(ViewQuery {
            region: Some(event_target_value(&event)),
            ..url.current()
        });
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
