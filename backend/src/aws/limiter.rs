//! Bounded upstream concurrency: at most N AWS calls in flight, whatever the number of browsers.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct Limiter {
    permits: Arc<Semaphore>,
}

impl Limiter {
    pub fn new(max_in_flight: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(max_in_flight.max(1))),
        }
    }

    /// Runs `call` once a slot is free.
    pub async fn run<F: Future>(&self, call: F) -> F::Output {
        // The semaphore is never closed, so acquiring cannot fail; if it ever did, running
        // unbounded beats failing the request.
        let _permit = self.permits.acquire().await.ok();
        call.await
    }
}
