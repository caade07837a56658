//! Stops searches and retrievals the browser stopped asking about (it went away without saying
//! so), and forgets finished ones after a while. Ends when the registry is dropped.

use std::sync::Weak;
use std::time::Duration;

use shared::api::{QueryStatus, RetrievalStatus};

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
        let Ok(mut retrieval) = entry.try_lock() else {
            continue;
        };
        let idle = retrieval.idle_for();
        if !retrieval.done() && idle > idle_limit {
            let message = "cancelled: nobody waited for it any more".to_owned();
            if let Err(error) = retrieval
                .cancel(limiter, RetrievalStatus::Cancelled, message)
                .await
            {
                tracing::warn!(%error, trace = retrieval.trace_id, "could not cancel an idle retrieval");
            }
        } else if retrieval.done() && idle > KEEP {
            registry.forget_retrieval(&(retrieval.region.clone(), retrieval.trace_id.clone()));
        }
    }
}
