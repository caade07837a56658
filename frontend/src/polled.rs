//! Data a view fetches and keeps fresh: one hook over `LocalResource`. The resource fetches when
//! the view mounts and whenever a signal its fetcher reads changes (an answer to a superseded
//! request is dropped by the resource itself); the hook adds what the views share on top:
//!
//! - the last good answer, kept through failed refreshes and while the next one loads, and set
//!   only when an answer differs from it, so an unchanged answer rebuilds nothing;
//! - the last failure beside it, the time of the last good answer, whether a fetch is running;
//! - polling: `period` is asked after every answer (and every second after, so a change of the
//!   interval applies at once) how many seconds after that answer to fetch again, or never.
//!
//! Everything is released with the calling component: the clock, the resource, its tasks. A view
//! that must start over for new inputs (another trace) is remounted for them.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::browser::now_seconds;

/// How the answers have gone so far, for deciding when to poll.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Answers received, good or not.
    pub answers: u32,
    /// Failed answers in a row (0 after a success).
    pub failures: u32,
    /// Whether the last good answer was the same as the one before it.
    pub unchanged: bool,
}

/// Self-refreshing data; every field is a signal a view can read.
pub struct Polled<T: Send + Sync + 'static> {
    /// The resource behind it, for a view that wants the plain `Suspense` pattern.
    pub resource: LocalResource<Result<Arc<T>, ApiFailure>>,
    /// The last good answer.
    pub data: RwSignal<Option<Arc<T>>>,
    /// The last answer's failure; cleared by the next success.
    pub error: RwSignal<Option<ApiFailure>>,
    /// When the last good answer arrived (epoch seconds).
    pub loaded_at: RwSignal<Option<f64>>,
    pub loading: RwSignal<bool>,
    pub progress: RwSignal<Progress>,
    /// Ticks every second (epoch seconds), for "updated N s ago".
    pub now: RwSignal<f64>,
}

impl<T: Send + Sync + 'static> Clone for Polled<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Polled<T> {}

impl<T: Send + Sync + 'static> Polled<T> {
    /// Fetches now, unless a fetch is already running.
    pub fn refetch(self) {
        if !self.loading.get_untracked() {
            self.resource.refetch();
        }
    }
}

/// Fetches with `fetch` now, whenever a signal it reads changes, and `period(data, progress)`
/// seconds after each answer (`None`: not again by itself).
pub fn use_polled<T, Fut>(
    fetch: impl Fn() -> Fut + 'static,
    period: impl Fn(Option<&T>, Progress) -> Option<u32> + 'static,
) -> Polled<T>
where
    T: PartialEq + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    let loading = RwSignal::new(true);
    let resource = LocalResource::new(move || {
        loading.try_set(true);
        let answer = fetch();
        async move { answer.await.map(Arc::new) }
    });
    let polled = Polled {
        resource,
        data: RwSignal::new(None),
        error: RwSignal::new(None),
        loaded_at: RwSignal::new(None),
        loading,
        progress: RwSignal::new(Progress::default()),
        now: RwSignal::new(now_seconds()),
    };
    let answered_at = StoredValue::new(now_seconds());
    Effect::new(move |_| {
        let Some(answer) = resource.get() else { return };
        polled.take(answer);
        answered_at.set_value(now_seconds());
    });
    let tick = move || {
        let now = now_seconds();
        polled.now.try_set(now);
        let Some(progress) = polled.progress.try_get_untracked() else {
            return;
        };
        let period = polled
            .data
            .try_with_untracked(|data| period(data.as_deref(), progress))
            .flatten();
        let since = now - answered_at.try_get_value().unwrap_or(now);
        if progress.answers > 0 && period.is_some_and(|period| since >= f64::from(period)) {
            polled.refetch();
        }
    };
    let clock = set_interval_with_handle(tick, Duration::from_secs(1));
    on_cleanup(move || {
        if let Ok(clock) = clock {
            clock.clear();
        }
    });
    polled
}

impl<T: PartialEq + Send + Sync + 'static> Polled<T> {
    fn take(self, answer: Result<Arc<T>, ApiFailure>) {
        let mut progress = self.progress.get_untracked();
        progress.answers += 1;
        match answer {
            Ok(value) => {
                progress.failures = 0;
                progress.unchanged = self
                    .data
                    .with_untracked(|data| data.as_deref() == Some(&*value));
                if !progress.unchanged {
                    self.data.set(Some(value));
                }
                if self.error.with_untracked(Option::is_some) {
                    self.error.set(None);
                }
                self.loaded_at.set(Some(now_seconds()));
            }
            Err(failure) => {
                progress.failures = progress.failures.saturating_add(1);
                self.error.set(Some(failure));
            }
        }
        self.progress.set(progress);
        self.loading.set(false);
    }
}
