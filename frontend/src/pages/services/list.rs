use leptos::prelude::*;
use shared::api::ServiceList;

use super::list_state::{use_link_query, use_list_query, use_set_list_query};
use super::list_status::{LoadFailure, NoServices, RegionFailures};
use crate::api::{self, ApiFailure};
use crate::components::services::{
    ListFilters, RefreshControl, ServicesTable, measured, use_auto_refresh,
};
use crate::model::services::{
    ListQuery, RefreshInterval, any_in_progress, refresh_period, status_choices, visible_rows,
};
use crate::server_config::use_server_config;

/// `/services`: every App Runner service in every configured region, refreshing itself.
#[component]
pub fn Services() -> impl IntoView {
    let query = use_list_query();
    let set_query = use_set_list_query();
    let config = use_server_config();
    let refreshing = use_auto_refresh(api::services, move |list: Option<&ServiceList>| {
        let busy = list.is_some_and(|list| any_in_progress(&list.services));
        refresh_period(query.get_untracked().refresh, busy)
    });

    let query_signal = Signal::from(query);
    let rows = Signal::derive(move || {
        let query = query.get();
        refreshing.data.with(|list| {
            let services = list
                .as_ref()
                .map(|list| list.services.as_slice())
                .unwrap_or_default();
            measured("filter+sort", || visible_rows(services, &query))
        })
    });
    let statuses = Signal::derive(move || {
        refreshing.data.with(|list| {
            status_choices(
                list.as_ref()
                    .map(|list| list.services.as_slice())
                    .unwrap_or_default(),
            )
        })
    });
    let interval = Signal::derive(move || query.get().refresh);
    let on_interval = Callback::new(move |refresh: RefreshInterval| {
        set_query.run(ListQuery {
            refresh,
            ..query.get_untracked()
        })
    });
    let on_sort =
        Callback::new(move |column| set_query.run(query.get_untracked().sorted_by(column)));
    let on_changed = Callback::new(move |()| refreshing.refetch());
    let now = Signal::from(refreshing.now);
    let link_query = use_link_query();

    // Only a change of what the page shows rebuilds it: the table (and a tracing change running
    // in one of its switches) stays mounted across refreshes.
    let shown = Memo::new(move |_| {
        refreshing.data.with(|list| match list {
            None => Shown::Nothing(refreshing.error.get()),
            Some(list) if list.services.is_empty() && list.failures.is_empty() => Shown::NoServices,
            Some(list) if !list.services.is_empty() && rows.with(Vec::is_empty) => Shown::NoMatch,
            Some(_) => Shown::Table,
        })
    });
    let failures = move || {
        let failures = refreshing
            .data
            .with(|list| list.as_ref().map(|list| list.failures.clone()));
        view! { <RegionFailures failures=failures.unwrap_or_default() /> }
    };
    let body = move || match shown.get() {
        Shown::Nothing(Some(failure)) => view! { <LoadFailure failure /> }.into_any(),
        Shown::Nothing(None) => view! { <p class="muted">"Loading the services…"</p> }.into_any(),
        Shown::NoServices => {
            let regions = config.loaded().map(|config| config.regions.join(", "));
            let regions = regions.unwrap_or_else(|| "the configured regions".to_owned());
            view! { <NoServices regions /> }.into_any()
        }
        Shown::NoMatch => {
            let clear = move |_| {
                set_query.run(ListQuery {
                    name: String::new(),
                    status: None,
                    ..query.get_untracked()
                })
            };
            view! {
                <p class="services-empty">
                    "No service matches the filters. "
                    <button type="button" on:click=clear>"Clear the filters"</button>
                </p>
            }
            .into_any()
        }
        Shown::Table => {
            view! { <ServicesTable rows query=query_signal on_sort now link_query on_changed /> }
                .into_any()
        }
    };

    view! {
        <section class="page services-page">
            <header class="services-header">
                <h1>"Services"</h1>
                <RefreshControl refreshing interval on_interval />
            </header>
            <ListFilters query=query_signal statuses on_change=set_query />
            {failures}
            {body}
        </section>
    }
}

/// What the page body shows, apart from the rows themselves.
#[derive(Clone, PartialEq)]
enum Shown {
    /// No list yet: loading, or the first load failed.
    Nothing(Option<ApiFailure>),
    NoServices,
    NoMatch,
    Table,
}
