//! `/api/v1/config`, fetched once per page load and shared through context: the region list, the
//! demo state and the user all come from it.

use leptos::prelude::*;
use shared::api::Config;

use crate::api::{self, ApiFailure};

/// The server's configuration as it loads; `refetch()` it to retry after a failure.
#[derive(Clone, Copy)]
pub struct ServerConfig(pub LocalResource<Result<Config, ApiFailure>>);

/// Starts loading the configuration and makes it available to every component below.
pub fn provide_server_config() -> ServerConfig {
    let config = ServerConfig(LocalResource::new(api::config));
    provide_context(config);
    config
}

/// The configuration provided by [`provide_server_config`].
pub fn use_server_config() -> ServerConfig {
    // Only reachable without the provider in a mis-assembled test harness.
    use_context().unwrap_or_else(provide_server_config)
}

impl ServerConfig {
    /// The loaded configuration, or `None` while loading or after a failure.
    pub fn loaded(self) -> Option<Config> {
        self.0.get().and_then(Result::ok)
    }
}
