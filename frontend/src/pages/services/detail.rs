use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_params_map};
use shared::api::{ServiceDetail as Detail, ServiceKind, ServiceStatus};

use super::list_status::placeholder;
use super::service_links::ServiceLinks;
use crate::api;
use crate::browser::set_page;
use crate::components::services::{
    DeploymentsTable, ExpressFacts, OperationsTable, RefreshControl, ServiceFacts, StatusBadge,
    TracingToggle,
};
use crate::model::services::{
    ListQuery, RefreshInterval, ServiceRef, ServiceWhich, express_facts, refresh_period,
    spans_silent, status_of, tracing_setup_facts, tracing_text,
};
use crate::model::shell::Controls;
use crate::model::{UrlState, ViewQuery};
use crate::polled::use_polled;
use crate::server_config::use_server_config;
use crate::url_state::{use_url_state, use_view_links};

/// `/services/:name?region=` (`&kind=ecs_express&cluster=` for an Express service): one
/// service's facts, tracing switch and recent operations or deployments.
#[component]
pub fn ServiceDetail() -> impl IntoView {
    let params = use_params_map();
    let view_query = use_url_state::<ViewQuery>().state;
    // Read with the region below rather than as a state of its own: nothing here writes it.
    let query = use_location().query;
    let config = use_server_config();
    let name = Memo::new(move |_| params.with(|params| params.get("name")).unwrap_or_default());
    let service = Memo::new(move |_| {
        let chosen = view_query.with(|query| query.region.clone());
        let region = chosen.or_else(|| config.loaded().map(|config| config.default_region))?;
        let which = query.with(|query| ServiceWhich::parse(query));
        Some(which.service(&region, &name.get()))
    });
    // A new service (or region) is a new page: remount so nothing of the old one lingers.
    move || {
        service
            .get()
            .map(|service| view! { <ServicePage service /> })
    }
}

#[component]
fn ServicePage(service: ServiceRef) -> impl IntoView {
    set_page(&format!("{} · Services", service.name), Controls::NONE);
    // The page shares the list's refresh interval (`refresh=`), replaced like the list's.
    let url = use_url_state::<ListQuery>();
    let refreshing = {
        let service = service.clone();
        use_polled(
            move || {
                let service = service.clone();
                async move { api::service(&service).await }
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
    let links = use_view_links();
    let back_href = move || links.href("/services", Vec::new());

    let body = {
        let service = service.clone();
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
            service_body(service.clone(), detail, on_changed)
        }
    };

    view! {
        <section class="page service-page">
            <p class="breadcrumb"><A href=back_href>"← Services"</A></p>
            <header class="services-header">
                <h1>
                    {service.name.clone()}
                    " "
                    <span class="muted region-tag">{format!("{} · {}", service.region, service.kind.label())}</span>
                </h1>
                <RefreshControl refreshing interval on_interval />
            </header>
            <ServiceLinks service=service.clone() detail=refreshing.data />
            {body}
        </section>
    }
}

/// The page below its links, once the service has been read.
fn service_body(
    service: ServiceRef,
    detail: Signal<Arc<Detail>>,
    on_changed: Callback<()>,
) -> AnyView {
    let status = Signal::derive(move || detail.with(|d| status_of(&d.service)));
    let enabled =
        Signal::derive(move || detail.with(|d| d.service.tracing.as_ref().map(|t| t.enabled)));
    let summary = view! {
        <div class="service-summary">
            <StatusBadge status />
            <span class="tracing-label">"Tracing"</span>
            {move || detail.with(|d| {
                let express = d.service.express.as_ref()?;
                let class = if spans_silent(express) { "tracing-facts tracing-silent" } else { "tracing-facts" };
                Some(view! { <span class=class>{tracing_text(express)}</span> })
            })}
            <TracingToggle service=service.clone() enabled on_finished=on_changed />
        </div>
    };
    match service.kind {
        ServiceKind::AppRunner => {
            let operations = Signal::derive(move || detail.with(|d| d.operations.clone()));
            view! {
                {summary}
                <ServiceFacts detail />
                <h2>"Recent operations"</h2>
                <OperationsTable operations />
            }
            .into_any()
        }
        ServiceKind::EcsExpress => {
            let deployments = Signal::derive(move || {
                detail.with(|d| {
                    d.express
                        .as_ref()
                        .map(|e| e.deployments.clone())
                        .unwrap_or_default()
                })
            });
            view! {
                {summary}
                <ExpressFacts detail rows=express_facts class="express-facts" />
                <h2>"Tracing setup"</h2>
                <ExpressFacts detail rows=tracing_setup_facts class="express-tracing" />
                <h2>"Recent deployments"</h2>
                <DeploymentsTable deployments />
            }
            .into_any()
        }
    }
}
