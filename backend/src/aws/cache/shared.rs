//! The cache that several replicas share, in Redis: answers as JSON under a key per request, and
//! a short lock per key so that when replicas miss at the same moment one of them calls AWS and
//! the others wait for its answer instead of each calling.
//!
//! Redis is a help, never a dependency: every operation has a short timeout, and when one fails
//! the store is bypassed for a while (each replica then uses only its own memory), logged once,
//! and reported by `/api/v1/health` — nothing a browser asked for fails because of it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use deadpool_redis::redis::{self, AsyncCommands as _, Value};
use deadpool_redis::{Config, Pool, Runtime};
use shared::api::CacheHealth;

/// Most connections one replica holds; each is multiplexed, so a few carry every request.
const POOL_SIZE: usize = 8;
/// What one Redis exchange may take before the replica stops waiting for it.
const OPERATION_TIMEOUT: Duration = Duration::from_millis(500);
/// What opening a connection may take: more than an exchange, since a busy machine can be slow
/// to accept, yet short enough that a dead host costs only the first request after it died.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// After a failure, Redis is left alone this long before it is tried again.
const BYPASS_AFTER_FAILURE: Duration = Duration::from_secs(5);
/// A loader's lock outlives the slowest AWS call (25 s with retries), so a second replica never
/// starts the same call while the first is still waiting for AWS.
pub const LOCK_TTL: Duration = Duration::from_secs(30);
/// Answers larger than this stay in the replica's memory only (a 100,000-span trace is ~70 MB).
pub const MAX_VALUE_BYTES: usize = 8 * 1024 * 1024;
/// Deletes the lock only if it is still the one this replica took.
const UNLOCK: &str = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/// A handle on the shared store; cheap to clone.
#[derive(Clone)]
pub struct SharedCache {
    inner: Arc<Inner>,
}

struct Inner {
    pool: Pool,
    /// Where the store is, without credentials, for logs and health.
    display: String,
    /// Milliseconds since `epoch` until which Redis is bypassed; 0 when it is in use.
    bypass_until: AtomicI64,
    epoch: Instant,
    /// Whether the last operation failed; flips are what get logged, so a long outage is one line.
    down: AtomicBool,
    last_error: std::sync::Mutex<Option<String>>,
}

/// What the store has for a key.
pub enum Lookup {
    /// An answer, and how much longer it is valid.
    Hit(Bytes, Duration),
    /// Nothing, and this replica now holds the key's lock: it loads and publishes.
    Loader(LockToken),
    /// Nothing, and another replica is loading it.
    Busy,
    /// The store cannot be used now.
    Unavailable,
}

/// Proof of holding a key's lock.
pub struct LockToken(String);

impl SharedCache {
    /// A pool for `url` (`redis://[user:password@]host[:port][/db]`).
    /// Nothing is connected yet: an unreachable Redis at startup is an outage like any other.
    pub fn new(url: &str) -> Result<Self, String> {
        let display = without_credentials(url);
        let parsed = url::Url::parse(url).map_err(|e| format!("the cache URL is invalid: {e}"))?;
        if parsed.scheme() != "redis" {
            return Err(format!(
                "the cache URL must start with redis:// (got {}://)",
                parsed.scheme()
            ));
        }
        let pool = Config::from_url(url)
            .builder()
            .map_err(|e| format!("the cache URL is invalid: {e}"))?
            .max_size(POOL_SIZE)
            .wait_timeout(Some(CONNECT_TIMEOUT))
            .create_timeout(Some(CONNECT_TIMEOUT))
            .recycle_timeout(Some(OPERATION_TIMEOUT))
            .runtime(Runtime::Tokio1)
            .build()
            .map_err(|e| format!("the cache could not be set up: {e}"))?;
        Ok(Self {
            inner: Arc::new(Inner {
                pool,
                display,
                bypass_until: AtomicI64::new(0),
                epoch: Instant::now(),
                down: AtomicBool::new(false),
                last_error: std::sync::Mutex::new(None),
            }),
        })
    }

    /// The value under `key`, or its lock for this replica, or word that another has it.
    pub async fn lookup(&self, key: &str, lock: &str) -> Lookup {
        let found = self
            .run(async |conn| {
                let (value, ttl): (Option<Vec<u8>>, i64) = redis::pipe()
                    .atomic()
                    .get(key)
                    .pttl(key)
                    .query_async(conn)
                    .await?;
                if let Some(value) = value.filter(|_| ttl > 0) {
                    return Ok(Lookup::Hit(
                        Bytes::from(value),
                        Duration::from_millis(ttl.unsigned_abs()),
                    ));
                }
                let token = uuid::Uuid::new_v4().to_string();
                let taken: Value = redis::cmd("SET")
                    .arg(lock)
                    .arg(&token)
                    .arg("NX")
                    .arg("PX")
                    .arg(millis(LOCK_TTL))
                    .query_async(conn)
                    .await?;
                Ok(match taken {
                    Value::Nil => Lookup::Busy,
                    _ => Lookup::Loader(LockToken(token)),
                })
            })
            .await;
        found.unwrap_or(Lookup::Unavailable)
    }

    /// The values under `keys`, in one exchange, without taking any lock: for a look at what is
    /// known that must not wait for, nor start, a load. `None` when the store cannot be used.
    pub async fn get_many(&self, keys: &[String]) -> Option<Vec<Option<Bytes>>> {
        if keys.is_empty() {
            return Some(Vec::new());
        }
        let values: Vec<Option<Vec<u8>>> = self
            .run(async |conn| redis::cmd("MGET").arg(keys).query_async(conn).await)
            .await?;
        Some(values.into_iter().map(|v| v.map(Bytes::from)).collect())
    }

    /// Stores an answer for `ttl` and releases the lock; `None` releases it without one (the
    /// load failed, or the answer is too large), so a waiting replica loads it itself.
    pub async fn publish(
        &self,
        key: &str,
        lock: &str,
        token: LockToken,
        value: Option<(&[u8], Duration)>,
    ) {
        let _ = self
            .run(async |conn| {
                if let Some((value, ttl)) = value.filter(|(v, _)| v.len() <= MAX_VALUE_BYTES) {
                    let _: () = conn.pset_ex(key, value, millis(ttl)).await?;
                }
                let _: i64 = redis::Script::new(UNLOCK)
                    .key(lock)
                    .arg(&token.0)
                    .invoke_async(conn)
                    .await?;
                Ok(())
            })
            .await;
    }

    /// Whether `lock` is still held (by another replica's load).
    pub async fn locked(&self, lock: &str) -> Option<bool> {
        self.run(async |conn| conn.exists(lock).await).await
    }

    /// Drops `key`, after a change that makes its answer stale on every replica.
    pub async fn forget(&self, key: &str) {
        let _ = self
            .run(async |conn| conn.del::<_, i64>(key).await.map(drop))
            .await;
    }

    /// Whether the last exchange with the store worked.
    pub fn reachable(&self) -> bool {
        !self.inner.down.load(Ordering::Relaxed)
    }

    /// Asks the store (unless it is being left alone after a failure) and reports.
    pub async fn health(&self) -> CacheHealth {
        let _ = self
            .run(async |conn| redis::cmd("PING").query_async::<String>(conn).await)
            .await;
        let down = self.inner.down.load(Ordering::Relaxed);
        CacheHealth {
            shared: true,
            location: self.inner.display.clone(),
            reachable: !down,
            message: down.then(|| self.last_error()).flatten().map(|e| {
                format!("the shared cache is unreachable ({e}); each replica uses its own memory")
            }),
        }
    }

    /// Runs one exchange with Redis within [`OPERATION_TIMEOUT`], or `None` while bypassed or
    /// when it fails.
    async fn run<T>(
        &self,
        exchange: impl AsyncFnOnce(&mut deadpool_redis::Connection) -> redis::RedisResult<T>,
    ) -> Option<T> {
        if self.now_ms() < self.inner.bypass_until.load(Ordering::Relaxed) {
            return None;
        }
        // The pool bounds its own waits (CONNECT_TIMEOUT); the exchange gets OPERATION_TIMEOUT.
        let outcome = match self.inner.pool.get().await {
            Ok(mut conn) => {
                match tokio::time::timeout(OPERATION_TIMEOUT, exchange(&mut conn)).await {
                    Ok(outcome) => outcome.map_err(|e| e.to_string()),
                    Err(_) => Err(format!(
                        "no answer within {} ms",
                        OPERATION_TIMEOUT.as_millis()
                    )),
                }
            }
            Err(error) => Err(error.to_string()),
        };
        match outcome {
            Ok(value) => {
                if self.inner.down.swap(false, Ordering::Relaxed) {
                    tracing::info!(cache = %self.inner.display, "the shared cache is reachable again");
                }
                Some(value)
            }
            Err(error) => {
                self.failed(error);
                None
            }
        }
    }

    fn failed(&self, error: String) {
        let until = self.now_ms() + millis(BYPASS_AFTER_FAILURE) as i64;
        self.inner.bypass_until.store(until, Ordering::Relaxed);
        if !self.inner.down.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                cache = %self.inner.display,
                %error,
                "the shared cache is unreachable; each replica uses its own memory until it is back"
            );
        }
        if let Ok(mut last) = self.inner.last_error.lock() {
            *last = Some(error);
        }
    }

    fn last_error(&self) -> Option<String> {
        self.inner.last_error.lock().ok().and_then(|e| e.clone())
    }

    fn now_ms(&self) -> i64 {
        i64::try_from(self.inner.epoch.elapsed().as_millis()).unwrap_or(i64::MAX)
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// `redis://user:secret@host:6379/0` → `redis://host:6379/0`: what may be logged.
fn without_credentials(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string()
        }
        Err(_) => "(an invalid URL)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_reach_the_logs() {
        let check = |url: &str, expect: &str| assert_eq!(without_credentials(url), expect, "{url}");
        check("redis://cache:6379", "redis://cache:6379");
        check("redis://:s3cret@cache:6379/2", "redis://cache:6379/2");
        check("redis://app:s3cret@10.0.0.5", "redis://10.0.0.5");
        check("not a url", "(an invalid URL)");
    }

    #[test]
    fn only_redis_urls_are_taken() {
        let check = |url: &str, ok: bool| assert_eq!(SharedCache::new(url).is_ok(), ok, "{url}");
        check("redis://127.0.0.1:6379", true);
        check("redis://:pw@127.0.0.1:6379/3", true);
        check("http://127.0.0.1:6379", false);
        check("127.0.0.1:6379", false);
        check("", false);
    }
}
