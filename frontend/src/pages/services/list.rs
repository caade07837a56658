use std::sync::Arc;

use leptos::prelude::*;
use shared::api::{ServiceList, ServiceSummary};

use super::list_status::{NoServices, RegionFailures, placeholder};
use crate::api;
use crate::browser::perf::measured;
use crate::browser::set_page;
use crate::components::services::{ListFilters, RefreshControl, ServicesTable};
use crate::model::services::{
    ListQuery, RefreshInterval, any_in_progress, refresh_period, status_choices, visible_rows,
};
use crate::model::shell::Controls;
use crate::pages::split;
use crate::polled::use_polled;
use crate::server_config::use_server_config;
use crate::url_state::use_url_state;

/// `/services`: every App Runner and ECS Express service in every configured region, refreshing
/// itself.
#[component]
pub fn Services() -> impl IntoView {
    set_page("Services", Controls::NONE);
    // Typing in the name filter replaces the history entry, so Back does not step through every
    // keystroke: the table's state is always replaced, never pushed.
    let url = use_url_state::<ListQuery>();
    let query = url.state;
    let config = use_server_config();
    // The first load asks for the quick list (the listings at once, a service not described yet
    // "checking…") and, when a row is pending, for the full list right after, which replaces it;
    // every later load asks for the full list. The quick list is shown only until a full one is.
    let quick = RwSignal::new(None::<Arc<ServiceList>>);
    let first = StoredValue::new(true);
    let fetch = move || {
        let first_load = first.get_value();
        first.set_value(false);
        async move {
            if first_load {
                match api::services_known().await {
                    Ok(list) if !list.pending() => return Ok(list),
                    Ok(list) => drop(quick.try_set(Some(Arc::new(list)))),
                    // The full list will say what is wrong, if anything still is.
                    Err(_) => {}
                }
            }
            api::services().await
        }
    };
    let refreshing = use_polled(fetch, move |list: Option<&ServiceList>, _| {
        let busy = list.is_some_and(|list| any_in_progress(&list.services));
        refresh_period(query.get_untracked().refresh, busy)
    });
    let shown_list = Signal::derive(move || refreshing.data.get().or_else(|| quick.get()));
    let describing = Signal::from(refreshing.loading);
    let query_signal = Signal::from(query);
    let rows = Signal::derive(move || {
        let query = query.get();
        shown_list.with(|list| {
            measured("runtrace:services:filter+sort", || {
                visible_rows(services(list), &query)
            })
        })
    });
    let statuses = Signal::derive(move || shown_list.with(|list| status_choices(services(list))));
    let interval = Signal::derive(move || query.get().refresh);
    let on_interval = Callback::new(move |refresh: RefreshInterval| {
        url.replace(ListQuery {
            refresh,
            ..url.current()
        })
    });
    let on_sort = Callback::new(move |column| url.replace(url.current().sorted_by(column)));
    let on_change = Callback::new(move |query| url.replace(query));
    let on_changed = Callback::new(move |()| refreshing.refetch());
    let now = Signal::from(refreshing.now);
    // Every configured region is listed (each row names its own), so the region selector is
    // not shown here: the heading says what the list covers.
    let all_regions = move || {
        config
            .loaded()
            .map(|config| format!("in all regions: {}", config.regions.join(", ")))
    };

    // Only a change of what the page shows rebuilds it: the table (and a tracing change running
    // in one of its switches) stays mounted across refreshes.
    let shown = Memo::new(move |_| {
        shown_list.with(|list| match list {
            None => Shown::Nothing,
            Some(list) if list.services.is_empty() && list.failures.is_empty() => Shown::NoServices,
            Some(list) if !list.services.is_empty() && rows.with(Vec::is_empty) => Shown::NoMatch,
            Some(_) => Shown::Table,
        })
    });
    let failures = move || {
        let failures = shown_list.with(|list| list.as_ref().map(|list| list.failures.clone()));
        view! { <RegionFailures failures=failures.unwrap_or_default() /> }
    };
    let body = move || match shown.get() {
        Shown::Nothing => placeholder(refreshing, "Loading the services…"),
        Shown::NoServices => {
            let regions = config.loaded().map(|config| config.regions.join(", "));
            let regions = regions.unwrap_or_else(|| "the configured regions".to_owned());
            view! { <NoServices regions /> }.into_any()
        }
        Shown::NoMatch => {
            let clear = move |_| {
                url.replace(ListQuery {
                    name: String::new(),
                    kind: None,
                    status: None,
                    ..url.current()
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
            view! { <ServicesTable rows query=query_signal on_sort now on_changed describing /> }
                .into_any()
        }
    };

    // A row leads to its service: that view's code is fetched while the list is read.
    split::warm_when(
        move || rows.with(|rows| !rows.is_empty()),
        split::service_detail::preload,
    );
    view! {
        <section class="page services-page">
            <header class="services-header">
                <h1>"Services " <span class="muted region-tag">{all_regions}</span></h1>
                <RefreshControl refreshing interval on_interval />
            </header>
            <ListFilters query=query_signal statuses on_change />
            {failures}
            {body}
        </section>
    }
}

fn services(list: &Option<Arc<ServiceList>>) -> &[ServiceSummary] {
    list.as_ref().map_or(&[], |list| list.services.as_slice())
}

/// What the page body shows, apart from the rows themselves.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    /// No list yet: loading, or the first load failed.
    Nothing,
    NoServices,
    NoMatch,
    Table,
}
