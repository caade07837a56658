//! A TTL cache for read calls that also merges concurrent loads of the same key: ten browsers
//! asking for the same map at once cause one upstream call, and all ten get its answer.

use std::future::Future;
use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use super::error::UpstreamError;
use crate::answer::Answer;

/// Answers are kept as [`Answer`]s, so what is served from cache is also serialized once.
pub struct ReadCache<K, V> {
    /// `None` when caching is off (a zero TTL).
    entries: Option<moka::future::Cache<K, Arc<Answer<V>>>>,
}

impl<K, V> ReadCache<K, V>
where
    K: Hash + Eq + Send + Sync + 'static,
    V: Serialize + Send + Sync + 'static,
{
    /// Keeps at most `capacity` answers, each for `ttl`.
    pub fn new(ttl: Duration, capacity: u64) -> Self {
        let entries = (!ttl.is_zero()).then(|| {
            moka::future::Cache::builder()
                .time_to_live(ttl)
                .max_capacity(capacity)
                .build()
        });
        Self { entries }
    }

    /// The cached answer for `key`, or the result of `load`. If a load of the same key is already
    /// running, this waits for it instead of starting another. Errors are never cached.
    pub async fn get_or_load<F>(&self, key: K, load: F) -> Result<Arc<Answer<V>>, UpstreamError>
    where
        F: Future<Output = Result<V, UpstreamError>>,
    {
        let load = async { load.await.map(|value| Arc::new(Answer::new(value))) };
        match &self.entries {
            Some(entries) => entries
                .try_get_with(key, load)
                .await
                .map_err(|shared| UpstreamError::clone(&shared)),
            None => load.await,
        }
    }

    /// Forgets `key`, after a change that makes its answer stale.
    pub async fn forget(&self, key: &K) {
        if let Some(entries) = &self.entries {
            entries.invalidate(key).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::aws::error::ErrorKind;

    #[tokio::test]
    async fn concurrent_loads_of_one_key_call_upstream_once() {
        let cache: ReadCache<&str, usize> = ReadCache::new(Duration::from_secs(60), 10);
        let calls = AtomicUsize::new(0);
        let load = || async {
            calls.fetch_add(1, Ordering::SeqCst);
            // Let the other loads arrive while this one is in flight.
            tokio::task::yield_now().await;
            Ok(42)
        };
        let answers =
            futures::future::join_all((0..10).map(|_| cache.get_or_load("map", load()))).await;
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(
            answers
                .iter()
                .all(|a| a.as_ref().ok().map(|a| *a.value()) == Some(42))
        );
    }

    #[tokio::test]
    async fn errors_are_not_cached_and_forget_reloads() {
        let cache: ReadCache<&str, usize> = ReadCache::new(Duration::from_secs(60), 10);
        let failed = cache
            .get_or_load("k", async {
                Err(UpstreamError::new(
                    ErrorKind::Fault,
                    "xray:GetGroups",
                    "us-east-1",
                    "boom",
                ))
            })
            .await;
        assert!(failed.is_err());
        let first = cache.get_or_load("k", async { Ok(1) }).await;
        assert_eq!(first.ok().map(|a| *a.value()), Some(1));
        let cached = cache.get_or_load("k", async { Ok(2) }).await;
        assert_eq!(cached.ok().map(|a| *a.value()), Some(1));
        cache.forget(&"k").await;
        let reloaded = cache.get_or_load("k", async { Ok(3) }).await;
        assert_eq!(reloaded.ok().map(|a| *a.value()), Some(3));
    }

    #[tokio::test]
    async fn a_zero_ttl_always_loads() {
        let cache: ReadCache<&str, usize> = ReadCache::new(Duration::ZERO, 10);
        let _ = cache.get_or_load("k", async { Ok(1) }).await;
        let second = cache.get_or_load("k", async { Ok(2) }).await;
        assert_eq!(second.ok().map(|a| *a.value()), Some(2));
    }
}
