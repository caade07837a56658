//! Stops searches and retrievals the browser stopped asking about (it went away without saying
//! so), and forgets finished ones after a while. Ends when the registry is dropped.

use std::sync::Weak;
use std::time::Duration;

use shared::api::QueryStatus;

use super::pacing::{KEEP, reap_every};
use super::registry::Registry;
use crate::aws::limiter::Limiter;

pub(super) async fn reap(registry: Weak<Registry>, limiter: Limiter, idle: Duration) {
    let mut ticker = tokio::time::interval(reap_every(idle));
    loop {
        ticker.tick().await;
        let Some(registry) = registry.upgrade() else {
            return;
        };
        sweep(&registry, &limiter, idle).await;
    }
}

async fn sweep(registry: &Registry, limiter: &Limiter, idle_limit: Duration) {
    for entry in registry.search_entries() {
        // A search being polled right now is watched.
        let Ok(mut search) = entry.try_lock() else {
            continue;
        };
        let idle = search.idle_for();
        if !search.done() && idle > idle_limit {
            let message = format!(
                "stopped after {} s without anyone asking for its results",
                idle_limit.as_secs_f64()
            );
            if let Err(error) = search.stop(limiter, QueryStatus::Cancelled, message).await {
                tracing::warn!(%error, id = search.id, "could not stop an idle all-spans search");
            }
        } else if search.done() && idle > KEEP {
            registry.forget_search(&search.id);
        }
    }
    for entry in registry.retrieval_entries() {
        let Ok(retrieval) = entry.try_lock() else {
            continue;
        };
        // An unwatched retrieval is simply forgotten: AWS ends it by itself, and runtrace does
        // not call CancelTraceRetrieval (see `Retrieval::give_up`).
        let limit = if retrieval.done() { KEEP } else { idle_limit };
        if retrieval.idle_for() > limit {
            registry.forget_retrieval(&(retrieval.region.clone(), retrieval.trace_id.clone()));
        }
    }
}
