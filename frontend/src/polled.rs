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
//!
//! The resource holds its answers type-erased: Leptos's async machinery is compiled once for all
//! views instead of once per data type, which keeps the bundle smaller.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::browser::now_seconds;

/// A good answer of any type.
type Value = Arc<dyn Any + Send + Sync>;
/// An answer of any type.
pub type Answer = Result<Value, ApiFailure>;
type Fetcher = Box<dyn Fn() -> Pin<Box<dyn Future<Output = Answer>>>>;

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
    /// The resource behind it; [`Polled::answer`] reads it typed.
    pub resource: LocalResource<Answer>,
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

    /// The latest answer, good or not (tracked: every answer wakes the reader).
    pub fn answer(self) -> Option<Result<Arc<T>, ApiFailure>> {
        self.resource.with(|answer| answer.as_ref().map(typed))
    }
}

/// A `LocalResource` of `fetch`'s answers, type-erased (read them with [`typed`]).
pub fn erased_resource<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> LocalResource<Answer>
where
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    resource_of(Box::new(move || {
        let answer = fetch();
        Box::pin(async move { answer.await.map(|value| Arc::new(value) as Value) })
    }))
}

fn resource_of(fetch: Fetcher) -> LocalResource<Answer> {
    LocalResource::new(fetch)
}

/// An erased answer as the type it was made from.
pub fn typed<T: Send + Sync + 'static>(answer: &Answer) -> Result<Arc<T>, ApiFailure> {
    match answer {
        Ok(value) => Arc::clone(value).downcast::<T>().map_err(|_| {
            ApiFailure::Undecodable("an answer of another type reached this view".to_owned())
        }),
        Err(failure) => Err(failure.clone()),
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
    let data = RwSignal::new(None::<Arc<T>>);
    // Keeps a good answer unless it equals the last one; says whether it did.
    let keep = move |value: &Value| {
        let Ok(value) = Arc::clone(value).downcast::<T>() else {
            return false;
        };
        let unchanged = data.with_untracked(|data| data.as_deref() == Some(&*value));
        if !unchanged {
            data.set(Some(value));
        }
        unchanged
    };
    let period = move |progress: Progress| {
        data.try_with_untracked(|data| period(data.as_deref(), progress))
            .flatten()
    };
    let loading = RwSignal::new(true);
    let resource = erased_resource(move || {
        loading.try_set(true);
        fetch()
    });
    let core = Core {
        resource,
        error: RwSignal::new(None),
        loaded_at: RwSignal::new(None),
        loading,
        progress: RwSignal::new(Progress::default()),
        now: RwSignal::new(now_seconds()),
    };
    core.run(Box::new(keep), Box::new(period));
    Polled {
        resource,
        data,
        error: core.error,
        loaded_at: core.loaded_at,
        loading,
        progress: core.progress,
        now: core.now,
    }
}

/// What does not depend on the data's type, compiled once.
#[derive(Clone, Copy)]
struct Core {
    resource: LocalResource<Answer>,
    error: RwSignal<Option<ApiFailure>>,
    loaded_at: RwSignal<Option<f64>>,
    loading: RwSignal<bool>,
    progress: RwSignal<Progress>,
    now: RwSignal<f64>,
}

impl Core {
    fn run(self, keep: Box<dyn Fn(&Value) -> bool>, period: Box<dyn Fn(Progress) -> Option<u32>>) {
        let answered_at = StoredValue::new(now_seconds());
        Effect::new(move |_| {
            self.resource.with(|answer| {
                if let Some(answer) = answer {
                    self.take(answer, &*keep);
                }
            });
            answered_at.set_value(now_seconds());
        });
        let tick = move || {
            let now = now_seconds();
            self.now.try_set(now);
            let Some(progress) = self.progress.try_get_untracked() else {
                return;
            };
            let since = now - answered_at.try_get_value().unwrap_or(now);
            let due = period(progress).is_some_and(|period| since >= f64::from(period));
            if progress.answers > 0 && due && self.loading.try_get_untracked() == Some(false) {
                self.resource.refetch();
            }
        };
        let clock = set_interval_with_handle(tick, Duration::from_secs(1));
        on_cleanup(move || {
            if let Ok(clock) = clock {
                clock.clear();
            }
        });
    }

    fn take(self, answer: &Answer, keep: &dyn Fn(&Value) -> bool) {
        let mut progress = self.progress.get_untracked();
        progress.answers += 1;
        match answer {
            Ok(value) => {
                progress.failures = 0;
                progress.unchanged = keep(value);
                if self.error.with_untracked(Option::is_some) {
                    self.error.set(None);
                }
                self.loaded_at.set(Some(now_seconds()));
            }
            Err(failure) => {
                progress.failures = progress.failures.saturating_add(1);
                self.error.set(Some(failure.clone()));
            }
        }
        self.progress.set(progress);
        self.loading.set(false);
    }
}
