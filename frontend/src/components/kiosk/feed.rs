//! The kiosk's data: the last good answer of each view, kept on screen through failures, and the
//! rotation loop that fetches the next view's data, slowing down while the backend or AWS fails.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{ServiceList, ServiceMap, TracePage};

use crate::api::{self, ApiFailure};
use crate::components::services::now_seconds;
use crate::model::kiosk::{KioskPlan, KioskView, retry_delay_seconds};

/// Each rotation ends with this `performance.measure` (fetch + apply), for benchmarks.
pub const ROTATION_MEASURE: &str = "runtrace:kiosk:rotation";
const ROTATION_START: &str = "runtrace:kiosk:rotation-start";
/// Rotation measures kept in the browser's performance timeline: a 24-hour kiosk must not fill it.
const MEASURES_KEPT: usize = 500;

/// A last good answer and when it arrived (epoch seconds).
#[derive(Clone)]
pub struct Fetched<T> {
    pub value: Arc<T>,
    pub at: f64,
}

/// Everything the kiosk shows; all signals, so views read what they need.
#[derive(Clone, Copy)]
pub struct KioskFeed {
    pub showing: RwSignal<KioskView>,
    pub rotations: RwSignal<u64>,
    pub services: RwSignal<Option<Fetched<ServiceList>>>,
    pub map: RwSignal<Option<Fetched<ServiceMap>>>,
    pub traces: RwSignal<Option<Fetched<TracePage>>>,
    /// The last fetch's failure; cleared by the next success.
    pub failure: RwSignal<Option<ApiFailure>>,
    /// Ticks every second, for the age of the data.
    pub now: RwSignal<f64>,
}

impl KioskFeed {
    /// When the data of the view on screen arrived.
    pub fn shown_at(&self) -> Option<f64> {
        match self.showing.get() {
            KioskView::Services => self.services.with(|d| d.as_ref().map(|d| d.at)),
            KioskView::Map => self.map.with(|d| d.as_ref().map(|d| d.at)),
            KioskView::Traces => self.traces.with(|d| d.as_ref().map(|d| d.at)),
        }
    }
}

/// Starts the rotation: the first view now, the next one every `plan.every_seconds` (longer
/// after failures). `query` holds the window and region every fetch carries. Stops on unmount.
pub fn use_kiosk_feed(plan: KioskPlan, query: Vec<(String, String)>) -> KioskFeed {
    let first = plan.views.first().copied().unwrap_or(KioskView::Services);
    let feed = KioskFeed {
        showing: RwSignal::new(first),
        rotations: RwSignal::new(0),
        services: RwSignal::new(None),
        map: RwSignal::new(None),
        traces: RwSignal::new(None),
        failure: RwSignal::new(None),
        now: RwSignal::new(now_seconds()),
    };
    let clock = set_interval_with_handle(
        move || {
            feed.now.try_set(now_seconds());
        },
        Duration::from_secs(1),
    );
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let failures = StoredValue::new(0u32);
    let rotation = Rotation {
        feed,
        plan: Arc::new(plan),
        query: Arc::new(query),
        pending,
        failures,
    };
    rotation.step(0);
    on_cleanup(move || {
        if let Ok(clock) = clock {
            clock.clear();
        }
        if let Some(Some(handle)) = pending.try_update_value(Option::take) {
            handle.clear();
        }
    });
    feed
}

#[derive(Clone)]
struct Rotation {
    feed: KioskFeed,
    plan: Arc<KioskPlan>,
    query: Arc<Vec<(String, String)>>,
    pending: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    failures: StoredValue<u32>,
}

impl Rotation {
    /// Shows view number `slot`, fetches its data, then schedules the next slot.
    fn step(self, slot: usize) {
        let view = self.plan.views[slot % self.plan.views.len()];
        // Setting the same view again would rebuild its board (and the map's canvas) for nothing.
        if self.feed.showing.get_untracked() != view {
            self.feed.showing.set(view);
        }
        mark(ROTATION_START);
        spawn_local(async move {
            let outcome = self.fetch(view).await;
            // The kiosk may have been closed while the request ran.
            if self.failures.try_get_value().is_none() {
                return;
            }
            let failures = match outcome {
                Ok(()) => 0,
                Err(failure) => {
                    self.feed.failure.try_set(Some(failure));
                    self.failures.get_value().saturating_add(1)
                }
            };
            if failures == 0 {
                self.feed.failure.try_set(None);
            }
            self.failures.set_value(failures);
            self.feed.rotations.try_update(|n| *n += 1);
            measure_rotation();
            let delay = retry_delay_seconds(failures, self.plan.every_seconds);
            let next = self.clone();
            let handle = set_timeout_with_handle(
                move || next.step(slot + 1),
                Duration::from_secs(u64::from(delay)),
            );
            self.pending.try_set_value(handle.ok());
        });
    }

    async fn fetch(&self, view: KioskView) -> Result<(), ApiFailure> {
        let at = now_seconds();
        match view {
            KioskView::Services => {
                let list = api::services().await?;
                self.feed.services.try_set(Some(Fetched {
                    value: Arc::new(list),
                    at,
                }));
            }
            KioskView::Map => {
                let map = api::service_map(&self.query).await?;
                self.feed.map.try_set(Some(Fetched {
                    value: Arc::new(map),
                    at,
                }));
            }
            KioskView::Traces => {
                let page = api::traces(&self.query).await?;
                self.feed.traces.try_set(Some(Fetched {
                    value: Arc::new(page),
                    at,
                }));
            }
        }
        Ok(())
    }
}

fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

fn measure_rotation() {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let _ = performance.measure_with_start_mark(ROTATION_MEASURE, ROTATION_START);
    performance.clear_marks_with_mark_name(ROTATION_START);
    if performance.get_entries_by_name(ROTATION_MEASURE).length() as usize > MEASURES_KEPT {
        performance.clear_measures_with_measure_name(ROTATION_MEASURE);
    }
}
