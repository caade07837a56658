//! Data that refreshes itself: fetched once, then again whenever the period has passed. A failed
//! refresh keeps the last good data on screen and sets `error` beside it.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::clock::now_seconds;
use crate::api::ApiFailure;
use crate::model::services::refresh_due;

/// The state of self-refreshing data; every field is a signal a view can read.
pub struct Refreshing<T: Send + Sync + 'static> {
    /// The last good answer, kept through failed refreshes.
    pub data: RwSignal<Option<T>>,
    /// The last refresh's failure; cleared by the next success.
    pub error: RwSignal<Option<ApiFailure>>,
    /// When the last good answer arrived (epoch seconds).
    pub loaded_at: RwSignal<Option<f64>>,
    pub loading: RwSignal<bool>,
    /// Ticks every second, for "updated N s ago".
    pub now: RwSignal<f64>,
    fetch: StoredValue<Box<dyn Fn()>, LocalStorage>,
}

impl<T: Send + Sync + 'static> Clone for Refreshing<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Refreshing<T> {}

impl<T: Send + Sync + 'static> Refreshing<T> {
    /// Fetches now, unless a fetch is already running.
    pub fn refetch(&self) {
        if !self.loading.get_untracked() {
            self.fetch.with_value(|fetch| fetch());
        }
    }
}

/// Fetches with `fetch` now and whenever `period(data)` seconds (`None`: never) have passed since
/// the last fetch started; the period may depend on the data (faster while an operation runs). The timer stops when the calling component unmounts.
pub fn use_auto_refresh<T, F, Fut>(
    fetch: F,
    period: impl Fn(Option<&T>) -> Option<u32> + 'static,
) -> Refreshing<T>
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    let data = RwSignal::new(None);
    let error = RwSignal::new(None);
    let loaded_at = RwSignal::new(None);
    let loading = RwSignal::new(false);
    let now = RwSignal::new(now_seconds());
    let started_at = RwSignal::new(now_seconds());
    let run = move || {
        loading.set(true);
        started_at.set(now_seconds());
        let answer = fetch();
        spawn_local(async move {
            let answer = answer.await;
            // The component may have gone while the request ran; then nobody is listening.
            match answer {
                Ok(value) => {
                    data.try_set(Some(value));
                    error.try_set(None);
                    loaded_at.try_set(Some(now_seconds()));
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
            loading.try_set(false);
        });
    };
    let refreshing = Refreshing {
        data,
        error,
        loaded_at,
        loading,
        now,
        fetch: StoredValue::new_local(Box::new(run) as Box<dyn Fn()>),
    };
    refreshing.refetch();
    let tick = move || {
        let current = now_seconds();
        now.try_set(current);
        let last = started_at.try_get_untracked().unwrap_or(current);
        let period = data
            .try_with_untracked(|data| period(data.as_ref()))
            .flatten();
        if refresh_due(current, last, period) {
            refreshing.refetch();
        }
    };
    let handle = set_interval_with_handle(tick, std::time::Duration::from_secs(1));
    on_cleanup(move || {
        if let Ok(handle) = handle {
            handle.clear();
        }
    });
    refreshing
}
