//! `/api/v1/config`, fetched once per page load and shared through context: the region list, the
//! demo state and the user all come from it.

use std::future::Future;
use std::sync::Arc;

use leptos::prelude::*;
use shared::api::Config;

use crate::api::{self, ApiFailure};
use crate::polled::{Answer, erased_resource, typed};

/// The server's configuration as it loads; `refetch()` it to retry after a failure.
#[derive(Clone, Copy)]
pub struct ServerConfig(LocalResource<Answer>);

impl ServerConfig {
    /// The configuration `fetch` answers (the server's, or a test's).
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<Config, ApiFailure>> + 'static,
    {
        ServerConfig(erased_resource(fetch))
    }

    /// The answer once it is in (tracked).
    pub fn answer(self) -> Option<Result<Arc<Config>, ApiFailure>> {
        self.0.with(|answer| answer.as_ref().map(typed))
    }

    /// The answer, waiting for it (for `Suspense`).
    pub async fn wait(self) -> Result<Arc<Config>, ApiFailure> {
        typed(&self.0.await)
    }

    /// The loaded configuration, or `None` while loading or after a failure.
    pub fn loaded(self) -> Option<Config> {
        self.answer()?.ok().map(|config| Config::clone(&config))
    }

    pub fn refetch(self) {
        self.0.refetch();
    }
}

/// Starts loading the configuration and makes it available to every component below.
pub fn provide_server_config() -> ServerConfig {
    let config = ServerConfig::new(api::config);
    provide_context(config);
    config
}

/// The configuration provided by [`provide_server_config`].
pub fn use_server_config() -> ServerConfig {
    // Only reachable without the provider in a mis-assembled test harness.
    use_context().unwrap_or_else(provide_server_config)
}
