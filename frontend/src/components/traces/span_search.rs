//! The all-spans search a results list runs: its id between polls, the next poll timed as the
//! backend paces it (`poll_after_ms`), and the search stopped (`DELETE`, StopQuery) as soon as
//! the page leaves it — another filter or window, the indexed source, another page. A tab closed
//! outright sends nothing: the backend stops a search nobody polls within 15 s.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use leptos::prelude::*;
use shared::api::{TracePage, TraceSource};

use crate::api::{self, TracesRequest};
use crate::browser::page_embed_state;
use crate::model::traces::poll_delay_ms;

/// The search being polled.
struct Current {
    request: TracesRequest,
    id: String,
    /// Nothing to poll or stop any more (it ended, or polling it failed).
    done: bool,
}

#[derive(Default)]
struct State {
    current: Option<Current>,
    timer: Option<TimeoutHandle>,
}

/// Shared with the cleanup, which must still reach it while the component is disposed.
#[derive(Clone, Copy)]
pub struct Running {
    state: StoredValue<Arc<Mutex<State>>>,
    poll: Trigger,
}

impl Running {
    /// Polls by notifying `poll` (which the results' fetch tracks); stops the running search when
    /// the calling component goes away.
    pub fn new(poll: Trigger) -> Self {
        let state = Arc::new(Mutex::new(State::default()));
        let on_leave = Arc::clone(&state);
        on_cleanup(move || leave(&on_leave));
        Running {
            state: StoredValue::new(state),
            poll,
        }
    }

    fn with<R>(self, f: impl FnOnce(&mut State) -> R) -> Option<R> {
        let state = self.state.try_get_value()?;
        let mut state = state.lock().ok()?;
        Some(f(&mut state))
    }

    /// The id to poll when `request` is the search running, else `None` (start it); a search
    /// that ran for another request is stopped first.
    pub fn id_for(self, request: &TracesRequest) -> Option<String> {
        // `Some(id)`: this search, `id` while it runs; `None`: another search, or none.
        let same = self
            .with(|state| {
                let current = state.current.as_ref()?;
                let id = (!current.done).then(|| current.id.clone());
                (current.request == *request).then_some(id)
            })
            .flatten();
        if let Some(id) = same {
            return id;
        }
        if let Some(state) = self.state.try_get_value() {
            leave(&state);
        }
        None
    }

    /// Takes an answer of the results' fetch (`None`: it failed): an unfinished all-spans
    /// search is asked again after the backend's `poll_after_ms`; a failed poll ends the polling.
    pub fn answered(self, answer: Option<&(TracesRequest, TracePage)>) {
        let poll = self.poll;
        self.with(|state| {
            if let Some(timer) = state.timer.take() {
                timer.clear();
            }
            let Some((request, page)) = answer else {
                if let Some(current) = state.current.as_mut() {
                    current.done = true;
                }
                return;
            };
            let search = page.search.as_ref();
            let Some(search) = search.filter(|_| request.source == TraceSource::Spans) else {
                return;
            };
            state.current = Some(Current {
                request: request.clone(),
                id: search.id.clone(),
                done: search.done,
            });
            if let Some(ms) = poll_delay_ms(search.done, search.poll_after_ms) {
                let next =
                    set_timeout_with_handle(move || poll.notify(), Duration::from_millis(ms));
                state.timer = next.ok();
            }
        });
    }

    /// Forgets the search without stopping it (it ended): the next fetch starts over.
    pub fn forget(self) {
        self.with(|state| {
            if let Some(timer) = state.timer.take() {
                timer.clear();
            }
            state.current = None;
        });
    }
}

/// Stops polling, and stops the search when it still runs. An embed link may not stop searches
/// (the backend's reaper does), so an embedded page does not try.
fn leave(state: &Mutex<State>) {
    let Ok(mut state) = state.lock() else { return };
    if let Some(timer) = state.timer.take() {
        timer.clear();
    }
    let Some(current) = state.current.take() else {
        return;
    };
    if !current.done && !page_embed_state().embedded {
        leptos::task::spawn_local(async move {
            // Nobody is left to tell: a failure only means the reaper stops it a little later.
            let _ = api::stop_span_search(&current.id).await;
        });
    }
}
