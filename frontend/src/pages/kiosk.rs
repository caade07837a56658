//! `/kiosk?views=map,services,traces&every=30s`: an unattended screen. Full window, large type,
//! rotating through the views; it shows how old its data is, says when the backend or AWS fails,
//! and keeps the last good data on screen meanwhile.

use leptos::prelude::*;

use crate::browser::{perf, set_page};
use crate::components::kiosk::{KioskFeed, ServicesBoard, TracesBoard, use_kiosk_feed};
use crate::components::map::MapCanvas;
use crate::model::ViewQuery;
use crate::model::kiosk::{KioskPlan, KioskQuery, KioskView, data_age_label};
use crate::model::shell::Controls;
use crate::server_config::use_server_config;
use crate::url_state::read_url_state;

/// Measures of one name the kiosk keeps: reached within minutes, so the heap is flat after.
const KIOSK_MEASURES_KEPT: u32 = 32;

#[component]
pub fn Kiosk() -> impl IntoView {
    set_page("Kiosk", Controls::ALL);
    // A screen left running for days: its performance timeline stays small from the start.
    let kept = perf::set_measures_kept(KIOSK_MEASURES_KEPT);
    on_cleanup(move || {
        perf::set_measures_kept(kept);
    });
    // Read once: a kiosk is configured by its URL when it starts, and its own rotation must not
    // be restarted by anything else.
    let KioskQuery(plan) = read_url_state();
    let view = read_url_state::<ViewQuery>();
    match plan {
        Ok(plan) => view! { <Rotation plan view /> }.into_any(),
        Err(problem) => view! {
            <div class="kiosk">
                <div class="kiosk-banner" role="alert">{format!("This kiosk link does not work: {problem}.")}</div>
            </div>
        }
        .into_any(),
    }
}

#[component]
fn Rotation(
    /// The views and the time each is shown.
    plan: KioskPlan,
    /// The window and region every fetch carries.
    view: ViewQuery,
) -> impl IntoView {
    // Every view says what it covers: a screen across the room has no top bar to look at.
    let config = use_server_config();
    let scope = {
        let (region, range) = (view.region.clone(), view.range);
        move || {
            let region = region
                .clone()
                .or_else(|| config.loaded().map(|c| c.default_region))
                .unwrap_or_default();
            format!("{region} · {}", range.describe())
        }
    };
    let feed = use_kiosk_feed(plan, view);
    let age = move || {
        feed.shown_at()
            .map(|at| data_age_label(at * 1000.0, feed.now.get() * 1000.0))
            .unwrap_or_else(|| "waiting for data".to_owned())
    };
    let banner = move || {
        feed.failure.get().map(|failure| {
            let kept = if feed.shown_at().is_some() {
                " Showing the last data that arrived."
            } else {
                ""
            };
            view! {
                <div class="kiosk-banner" role="alert">
                    <strong>{failure.title()}</strong>
                    {format!(": {failure}.{kept}")}
                </div>
            }
        })
    };
    view! {
        <div
            class="kiosk"
            data-kiosk-view=move || feed.showing.get().name()
            data-rotations=move || feed.rotations.get().to_string()
        >
            <header class="kiosk-head">
                <h1>{move || feed.showing.get().title()}</h1>
                <span class="kiosk-scope">{scope}</span>
                <span class="kiosk-age" aria-live="polite">{age}</span>
            </header>
            {banner}
            <div class="kiosk-body">{move || board(feed)}</div>
        </div>
    }
}

/// The board of the view on screen, from its last good data.
fn board(feed: KioskFeed) -> AnyView {
    let waiting = || view! { <p class="kiosk-note">"Loading…"</p> }.into_any();
    match feed.showing.get() {
        KioskView::Services => match feed.services.get() {
            Some(data) => view! { <ServicesBoard list=data.value /> }.into_any(),
            None => waiting(),
        },
        KioskView::Traces => match (feed.map.get(), feed.traces.get()) {
            (Some(map), Some(data)) => {
                view! { <TracesBoard map=map.value page=data.value /> }.into_any()
            }
            _ => waiting(),
        },
        KioskView::Map => {
            let map =
                Signal::derive(move || feed.map.with(|d| d.as_ref().map(|d| d.value.clone())));
            view! {
                <div class="kiosk-map">
                    <MapCanvas map bare=true />
                </div>
            }
            .into_any()
        }
    }
}
