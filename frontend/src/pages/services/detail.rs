use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_params_map};
use leptos_router::params::ParamsMap;
use shared::api::{ServiceDetail as Detail, ServiceStatus};

use super::list_state::{use_list_query, use_set_list_query};
use super::list_status::LoadFailure;
use crate::api;
use crate::components::services::{
    OperationsTable, RefreshControl, ServiceFacts, StatusBadge, TracingToggle, use_auto_refresh,
};
use crate::model::carry_over;
use crate::model::services::{ListQuery, RefreshInterval, refresh_period};
use crate::server_config::use_server_config;
use crate::url_state::use_view_query;

/// `/services/:name?region=`: one service's facts, tracing switch and recent operations.
#[component]
pub fn ServiceDetail() -> impl IntoView {
    let params = use_params_map();
    let view_query = use_view_query();
    let config = use_server_config();
    let name = Memo::new(move |_| params.with(|params| params.get("name")).unwrap_or_default());
    let region = Memo::new(move |_| {
        let chosen = view_query.with(|query| query.view.region.clone());
        chosen.or_else(|| config.loaded().map(|config| config.default_region))
    });
    // A new service (or region) is a new page: remount so nothing of the old one lingers.
    move || {
        region
            .get()
            .map(|region| view! { <ServicePage region name=name.get() /> })
    }
}

#[component]
fn ServicePage(region: String, name: String) -> impl IntoView {
    let query = use_list_query();
    let set_query = use_set_list_query();
    let location = use_location();
    let refreshing = {
        let (region, name) = (region.clone(), name.clone());
        use_auto_refresh(
            move || {
                let (region, name) = (region.clone(), name.clone());
                async move { api::service(&region, &name).await }
            },
            move |detail: Option<&Detail>| {
                let busy =
                    detail.is_some_and(|d| d.service.status == ServiceStatus::OperationInProgress);
                refresh_period(query.get_untracked().refresh, busy)
            },
        )
    };
    let interval = Signal::derive(move || query.get().refresh);
    let on_interval = Callback::new(move |refresh: RefreshInterval| {
        set_query.run(ListQuery {
            refresh,
            ..query.get_untracked()
        })
    });
    let on_changed = Callback::new(move |()| refreshing.refetch());
    // Links into other views keep the time range and region and add their own parameter.
    let href = move |path: &'static str, (key, value): (&'static str, String)| {
        let mut kept: Vec<(String, String)> = location.query.with(|query| carry_over(query));
        kept.push((key.to_owned(), value));
        let kept: ParamsMap = kept.into_iter().collect();
        format!("{path}{}", kept.to_query_string())
    };
    let map_href = {
        let name = name.clone();
        move || href("/map", ("node", name.clone()))
    };
    let traces_href = {
        let name = name.clone();
        move || href("/traces", ("filter", format!("service(\"{name}\")")))
    };
    let back_href = move || {
        let kept: ParamsMap = location
            .query
            .with(|query| carry_over(query))
            .into_iter()
            .collect();
        format!("/services{}", kept.to_query_string())
    };

    let body = {
        let (region, name) = (region.clone(), name.clone());
        // Rebuilt only when the data appears: the switch (and a change running in it) survives
        // refreshes.
        let loaded = Memo::new(move |_| refreshing.data.with(Option::is_some));
        move || {
            let Some(detail) = loaded
                .get()
                .then(|| refreshing.data.get_untracked())
                .flatten()
            else {
                return match refreshing.error.get() {
                    Some(failure) => view! { <LoadFailure failure /> }.into_any(),
                    None => view! { <p class="muted">"Loading the service…"</p> }.into_any(),
                };
            };
            let detail =
                Signal::derive(move || refreshing.data.get().unwrap_or_else(|| detail.clone()));
            let status = Signal::derive(move || detail.with(|d| d.service.status.clone()));
            let enabled = Signal::derive(move || {
                detail.with(|d| d.service.tracing.as_ref().map(|t| t.enabled))
            });
            let operations = Signal::derive(move || detail.with(|d| d.operations.clone()));
            view! {
                <div class="service-summary">
                    <StatusBadge status />
                    <span class="tracing-label">"Tracing"</span>
                    <TracingToggle region=region.clone() name=name.clone() enabled on_finished=on_changed />
                </div>
                <ServiceFacts detail />
                <h2>"Recent operations"</h2>
                <OperationsTable operations />
            }
            .into_any()
        }
    };

    view! {
        <section class="page service-page">
            <p class="breadcrumb"><A href=back_href>"← Services"</A></p>
            <header class="services-header">
                <h1>{name.clone()} <span class="muted region-tag">{region.clone()}</span></h1>
                <RefreshControl refreshing interval on_interval />
            </header>
            <nav class="service-links" aria-label="This service elsewhere">
                <A href=map_href>"Its part of the service map"</A>
                <A href=traces_href>"Its traces"</A>
            </nav>
            {body}
        </section>
    }
}
