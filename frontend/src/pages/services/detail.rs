use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::{ServiceDetail as Detail, ServiceStatus};

use super::list_status::placeholder;
use crate::api;
use crate::components::services::{
    OperationsTable, RefreshControl, ServiceFacts, StatusBadge, TracingToggle,
};
use crate::model::ViewQuery;
use crate::model::services::{ListQuery, RefreshInterval, refresh_period};
use crate::polled::use_polled;
use crate::server_config::use_server_config;
use crate::url_state::{use_url_state, use_view_links};

/// `/services/:name?region=`: one service's facts, tracing switch and recent operations.
#[component]
pub fn ServiceDetail() -> impl IntoView {
    let params = use_params_map();
    let view_query = use_url_state::<ViewQuery>().state;
    let config = use_server_config();
    let name = Memo::new(move |_| params.with(|params| params.get("name")).unwrap_or_default());
    let region = Memo::new(move |_| {
        let chosen = view_query.with(|query| query.region.clone());
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
    // The page shares the list's refresh interval (`refresh=`), replaced like the list's.
    let url = use_url_state::<ListQuery>();
    let refreshing = {
        let (region, name) = (region.clone(), name.clone());
        use_polled(
            move || {
                let (region, name) = (region.clone(), name.clone());
                async move { api::service(&region, &name).await }
            },
            move |detail: Option<&Detail>, _| {
                let busy =
                    detail.is_some_and(|d| d.service.status == ServiceStatus::OperationInProgress);
                refresh_period(url.current().refresh, busy)
            },
        )
    };
    let interval = Signal::derive(move || url.state.get().refresh);
    let on_interval = Callback::new(move |refresh: RefreshInterval| {
        url.replace(ListQuery {
            refresh,
            ..url.current()
        })
    });
    let on_changed = Callback::new(move |()| refreshing.refetch());
    // Links into other views keep the time range and region and add their own parameter.
    let links = use_view_links();
    let map_href = {
        let name = name.clone();
        move || links.href("/map", vec![("node".to_owned(), name.clone())])
    };
    let traces_href = {
        let filter = format!("service(\"{name}\")");
        move || links.href("/traces", vec![("filter".to_owned(), filter.clone())])
    };
    let back_href = move || links.href("/services", Vec::new());

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
                return placeholder(refreshing, "Loading the service…");
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
