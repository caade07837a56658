//! The kiosk's data: one polled fetch whose every poll is the next rotation (the next view's
//! data), slowing down while the backend or AWS fails; the last good answer of each view is kept
//! on screen through failures.

use std::sync::Arc;

use leptos::prelude::*;
use shared::api::{ServiceList, ServiceMap, TracePage};

use crate::api::{self, ApiFailure, MapRequest, TracesRequest};
use crate::browser::now_seconds;
use crate::browser::perf::{self, Since};
use crate::model::ViewQuery;
use crate::model::kiosk::{KioskPlan, KioskView, retry_delay_seconds};
use crate::polled::{Polled, use_polled};

/// Each rotation ends with this `performance.measure` (fetch + apply), for benchmarks.
pub const ROTATION_MEASURE: &str = "runtrace:kiosk:rotation";
const ROTATION_START: &str = "runtrace:kiosk:rotation-start";

/// A last good answer and when it arrived (epoch seconds).
#[derive(Clone)]
pub struct Fetched<T> {
    pub value: Arc<T>,
    pub at: f64,
}

impl<T> Fetched<T> {
    fn new(value: &Arc<T>, at: f64) -> Self {
        Fetched {
            value: Arc::clone(value),
            at,
        }
    }
}

/// One rotation's answer.
#[derive(PartialEq)]
enum Board {
    Services(Arc<ServiceList>),
    Map(Arc<ServiceMap>),
    Traces(Arc<TracePage>),
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

/// Starts the rotation: the first view now, the next one `plan.every_seconds` after each answer
/// (longer after failures). `view` is the window and region every fetch carries. Stops on unmount.
pub fn use_kiosk_feed(plan: KioskPlan, view: ViewQuery) -> KioskFeed {
    let first = plan.views.first().copied().unwrap_or(KioskView::Services);
    let showing = RwSignal::new(first);
    let slot = StoredValue::new(0u64);
    let every = plan.every_seconds;
    let polled = use_polled(
        move || {
            // Every fetch is the next rotation: show its view, then fetch that view's data.
            let next = plan.view_at(slot.get_value());
            slot.update_value(|slot| *slot += 1);
            // Setting the same view again would rebuild its board (and the map's canvas).
            if showing.get_untracked() != next {
                showing.set(next);
            }
            perf::mark(ROTATION_START);
            fetch(next, view.clone())
        },
        move |_, progress| Some(retry_delay_seconds(progress.failures, every)),
    );
    let feed = KioskFeed {
        showing,
        rotations: RwSignal::new(0),
        services: RwSignal::new(None),
        map: RwSignal::new(None),
        traces: RwSignal::new(None),
        failure: polled.error,
        now: polled.now,
    };
    keep_each_view(polled, feed);
    feed
}

async fn fetch(view: KioskView, query: ViewQuery) -> Result<Board, ApiFailure> {
    Ok(match view {
        KioskView::Services => Board::Services(Arc::new(api::services().await?)),
        KioskView::Map => {
            let request = MapRequest {
                view: query,
                group: None,
            };
            Board::Map(Arc::new(api::service_map(&request).await?))
        }
        KioskView::Traces => {
            let request = TracesRequest {
                view: query,
                ..TracesRequest::default()
            };
            Board::Traces(Arc::new(api::traces(&request).await?))
        }
    })
}

/// Files every answer under its view, counts the rotation and measures it.
fn keep_each_view(polled: Polled<Board>, feed: KioskFeed) {
    Effect::new(move |_| {
        let Some(answer) = polled.answer() else {
            return;
        };
        if let Ok(board) = answer {
            let at = now_seconds();
            match &*board {
                Board::Services(value) => feed.services.set(Some(Fetched::new(value, at))),
                Board::Map(value) => feed.map.set(Some(Fetched::new(value, at))),
                Board::Traces(value) => feed.traces.set(Some(Fetched::new(value, at))),
            }
        }
        feed.rotations.update(|n| *n += 1);
        perf::measure(ROTATION_MEASURE, Since::Mark(ROTATION_START));
    });
}
