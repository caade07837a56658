//! A TTL cache for read calls that also merges concurrent loads of the same key: ten browsers
//! asking for the same map at once cause one upstream call, and all ten get its answer. With a
//! [`SharedCache`] the same holds across replicas: an answer one replica loaded is served by
//! all, and concurrent misses on different replicas wait for one AWS call.

mod shared;

use std::future::Future;
use std::hash::Hash;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::error::UpstreamError;
use crate::answer::Answer;
pub use shared::SharedCache;
use shared::{LOCK_TTL, LockToken, Lookup};

/// How long a replica waits between looks at a key another replica is loading; it grows to
/// the second value, so a quick load is seen quickly and a slow one costs few round trips.
const FIRST_PAUSE: Duration = Duration::from_millis(10);
const LONGEST_PAUSE: Duration = Duration::from_millis(200);
/// With a shared store, a replica keeps an answer in its own memory this long at most, then
/// asks the store again: after a change that one replica made and forgot in the store, the
/// others serve the old answer for at most this long, not for a whole TTL.
const LOCAL_WITH_STORE: Duration = Duration::from_secs(1);

/// Answers are kept as [`Answer`]s, so what is served from cache is also serialized once.
pub struct ReadCache<K, V> {
    ttl: Duration,
    /// `None` when caching is off (a zero TTL).
    local: Option<moka::future::Cache<K, Cached<V>>>,
    /// The replicas' common store and this cache's name in it.
    shared: Option<(SharedCache, &'static str)>,
}

/// Another handle on the same cache (its memory and store are shared, not copied): for a task
/// that fills it in the background.
impl<K, V> Clone for ReadCache<K, V> {
    fn clone(&self) -> Self {
        Self {
            ttl: self.ttl,
            local: self.local.clone(),
            shared: self.shared.clone(),
        }
    }
}

/// An answer and how long this replica may serve it from memory: the TTL without a shared
/// store; with one, what is left of the TTL (so no replica serves an answer older than it),
/// at most [`LOCAL_WITH_STORE`].
struct Cached<V> {
    answer: Arc<Answer<V>>,
    lifetime: Duration,
}

impl<V> Clone for Cached<V> {
    fn clone(&self) -> Self {
        Self {
            answer: Arc::clone(&self.answer),
            lifetime: self.lifetime,
        }
    }
}

struct Lifetime;

impl<K, V> moka::Expiry<K, Cached<V>> for Lifetime {
    fn expire_after_create(&self, _: &K, cached: &Cached<V>, _: Instant) -> Option<Duration> {
        Some(cached.lifetime)
    }
}

/// What the shared store said before this replica loads, if it must.
enum Plan<V> {
    Serve(Cached<V>),
    /// Load, then publish under the lock if this replica holds it.
    Load(Option<LockToken>),
}

impl<K, V> ReadCache<K, V>
where
    K: Hash + Eq + Serialize + Send + Sync + 'static,
    V: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    /// Keeps at most `capacity` answers, each for `ttl`, in this process.
    pub fn new(ttl: Duration, capacity: u64) -> Self {
        let local = (!ttl.is_zero()).then(|| {
            moka::future::Cache::builder()
                .expire_after(Lifetime)
                .max_capacity(capacity)
                .build()
        });
        Self {
            ttl,
            local,
            shared: None,
        }
    }

    /// Also keeps answers in `store`, under `name` (unique among the caches that use it).
    pub fn shared(mut self, store: Option<&SharedCache>, name: &'static str) -> Self {
        if self.local.is_some() {
            self.shared = store.map(|store| (store.clone(), name));
        }
        self
    }

    /// The cached answer for `key`, or the result of `load`. If a load of the same key is already
    /// running (here, or on another replica sharing the store), this waits for it instead of
    /// starting another. Errors are never cached.
    pub async fn get_or_load<F>(&self, key: K, load: F) -> Result<Arc<Answer<V>>, UpstreamError>
    where
        F: Future<Output = Result<V, UpstreamError>>,
    {
        let Some(local) = &self.local else {
            return load.await.map(|value| Arc::new(Answer::new(value)));
        };
        let names = self
            .shared
            .as_ref()
            .and_then(|(_, name)| StoreKeys::new(name, &key));
        let load = self.load_through_store(names, load);
        local
            .try_get_with(key, load)
            .await
            .map(|cached| cached.answer)
            .map_err(|shared| UpstreamError::clone(&shared))
    }

    /// What is already known for each of `keys` (this replica's memory, then the shared store
    /// in one exchange), without loading anything or waiting for a load in flight.
    pub async fn peek_many(&self, keys: &[K]) -> Vec<Option<Arc<Answer<V>>>> {
        let Some(local) = &self.local else {
            return keys.iter().map(|_| None).collect();
        };
        let mut known = Vec::with_capacity(keys.len());
        for key in keys {
            known.push(local.get(key).await.map(|cached| cached.answer));
        }
        let Some((store, name)) = &self.shared else {
            return known;
        };
        let missing: Vec<(usize, String)> = known
            .iter()
            .zip(keys)
            .enumerate()
            .filter(|(_, (answer, _))| answer.is_none())
            .filter_map(|(at, (_, key))| Some((at, StoreKeys::new(name, key)?.value)))
            .collect();
        let names: Vec<String> = missing.iter().map(|(_, name)| name.clone()).collect();
        let Some(found) = store.get_many(&names).await else {
            return known;
        };
        for ((at, _), json) in missing.into_iter().zip(found) {
            let Some(json) = json else { continue };
            // An unreadable answer is left for the next load to replace.
            if let Ok(value) = serde_json::from_slice::<V>(&json) {
                known[at] = Some(Arc::new(Answer::with_json(value, json)));
            }
        }
        known
    }

    /// Forgets `key`, after a change that makes its answer stale (on every replica).
    pub async fn forget(&self, key: &K) {
        if let Some((store, keys)) = self
            .shared
            .as_ref()
            .and_then(|(store, name)| Some((store, StoreKeys::new(name, key)?)))
        {
            store.forget(&keys.value).await;
        }
        if let Some(local) = &self.local {
            local.invalidate(key).await;
        }
    }

    async fn load_through_store<F>(
        &self,
        keys: Option<StoreKeys>,
        load: F,
    ) -> Result<Cached<V>, UpstreamError>
    where
        F: Future<Output = Result<V, UpstreamError>>,
    {
        let store = self.shared.as_ref().map(|(store, _)| store);
        let (Some(store), Some(keys)) = (store, keys) else {
            return Ok(self.cached(load.await?, self.ttl));
        };
        let token = match self.plan(store, &keys).await {
            Plan::Serve(cached) => return Ok(cached),
            Plan::Load(token) => token,
        };
        // A replica that could not use the store keeps its answer for the whole TTL: during an
        // outage each replica is on its own, as without a store.
        let lifetime = match token {
            Some(_) => LOCAL_WITH_STORE.min(self.ttl),
            None if store.reachable() => LOCAL_WITH_STORE.min(self.ttl),
            None => self.ttl,
        };
        let loaded = load.await.map(|value| self.cached(value, lifetime));
        if let Some(token) = token {
            let published = loaded
                .as_ref()
                .ok()
                .map(|c| (c.answer.json().as_ref(), self.ttl));
            store
                .publish(&keys.value, &keys.lock, token, published)
                .await;
        }
        loaded
    }

    /// Looks in the store, waiting while another replica loads the key (at most as long as its
    /// lock lasts: a replica that died mid-load does not hold the others up for longer).
    async fn plan(&self, store: &SharedCache, keys: &StoreKeys) -> Plan<V> {
        let started = Instant::now();
        let mut pause = FIRST_PAUSE;
        loop {
            match store.lookup(&keys.value, &keys.lock).await {
                Lookup::Hit(json, left) => match serde_json::from_slice::<V>(&json) {
                    Ok(value) => {
                        return Plan::Serve(Cached {
                            answer: Arc::new(Answer::with_json(value, json)),
                            lifetime: left.min(self.ttl).min(LOCAL_WITH_STORE),
                        });
                    }
                    Err(error) => {
                        tracing::warn!(%error, key = %keys.value, "an unreadable answer in the shared cache is replaced");
                        store.forget(&keys.value).await;
                        return Plan::Load(None);
                    }
                },
                Lookup::Loader(token) => return Plan::Load(Some(token)),
                Lookup::Busy if started.elapsed() < LOCK_TTL => {
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(LONGEST_PAUSE);
                }
                Lookup::Busy | Lookup::Unavailable => return Plan::Load(None),
            }
        }
    }

    fn cached(&self, value: V, lifetime: Duration) -> Cached<V> {
        Cached {
            answer: Arc::new(Answer::new(value)),
            lifetime,
        }
    }
}

/// A key's names in the shared store. The version is part of them, so replicas of different
/// versions (during a rolling deploy) never read each other's answers.
struct StoreKeys {
    value: String,
    lock: String,
}

impl StoreKeys {
    /// `None` for a key that cannot be serialized (none of runtrace's can): such a key is
    /// cached by this replica only, never under a name another key could share.
    fn new(cache: &str, key: &impl Serialize) -> Option<Self> {
        let json = serde_json::to_vec(key).ok()?;
        let digest = hex::encode(Sha256::digest(&json));
        let value = format!("runtrace:{}:{cache}:{digest}", env!("CARGO_PKG_VERSION"));
        let lock = format!("{value}:lock");
        Some(Self { value, lock })
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
    async fn a_peek_sees_only_what_is_loaded_and_loads_nothing() {
        let cache: ReadCache<&str, usize> = ReadCache::new(Duration::from_secs(60), 10);
        let _ = cache.get_or_load("a", async { Ok(1) }).await;
        let known = cache.peek_many(&["a", "b"]).await;
        let values: Vec<Option<usize>> = known
            .iter()
            .map(|a| a.as_ref().map(|a| *a.value()))
            .collect();
        assert_eq!(values, [Some(1), None]);
        // The peek did not load "b": a load now is the first.
        let loaded = cache.get_or_load("b", async { Ok(2) }).await;
        assert_eq!(loaded.ok().map(|a| *a.value()), Some(2));
        let off: ReadCache<&str, usize> = ReadCache::new(Duration::ZERO, 10);
        let _ = off.get_or_load("a", async { Ok(1) }).await;
        assert!(off.peek_many(&["a"]).await[0].is_none());
    }

    #[tokio::test]
    async fn a_zero_ttl_always_loads() {
        let cache: ReadCache<&str, usize> = ReadCache::new(Duration::ZERO, 10);
        let _ = cache.get_or_load("k", async { Ok(1) }).await;
        let second = cache.get_or_load("k", async { Ok(2) }).await;
        assert_eq!(second.ok().map(|a| *a.value()), Some(2));
    }
}
