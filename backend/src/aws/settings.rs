//! How runtrace reaches AWS: regions, credentials, endpoint, retries, timeouts and limits.

use std::time::Duration;

/// Where the credentials come from.
#[derive(Debug, Clone)]
pub enum CredentialSource {
    /// The standard AWS chain (environment, profile/SSO, web identity, container, IMDS),
    /// optionally reading a named profile.
    DefaultChain { profile: Option<String> },
    /// Fixed keys: the emulator in `demo` mode and the tests.
    Static {
        access_key_id: String,
        secret_access_key: String,
    },
}

#[derive(Debug, Clone)]
pub struct AwsSettings {
    /// The regions to query; empty means "the region of the AWS configuration".
    pub regions: Vec<String>,
    pub credentials: CredentialSource,
    /// Send every call here instead of AWS (the emulator, LocalStack, moto).
    pub endpoint_url: Option<String>,
    pub retry: RetrySettings,
    /// The whole call, retries included.
    pub call_timeout: Duration,
    /// One attempt of a call.
    pub attempt_timeout: Duration,
    /// Most AWS calls in flight at once.
    pub concurrency: usize,
    /// How long read results are reused; zero turns the cache off.
    pub cache_ttl: Duration,
    /// A Redis (`redis://…`) that replicas share the read cache through; `None` keeps it in
    /// this process's memory.
    pub cache_url: Option<String>,
    /// An all-spans search or trace retrieval nobody asks about for this long is stopped (the
    /// browser went away without saying so).
    pub search_idle: Duration,
}

/// The SDK's standard retry mode (exponential backoff with jitter, throttling and transient
/// errors retried); the backoff is shortened in tests.
#[derive(Debug, Clone, Copy)]
pub struct RetrySettings {
    pub max_attempts: u32,
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for RetrySettings {
    /// The SDK's own defaults.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl AwsSettings {
    /// Real AWS with the default chain, in the given regions (or the configured one).
    pub fn aws(regions: Vec<String>, profile: Option<String>) -> Self {
        Self {
            regions,
            credentials: CredentialSource::DefaultChain { profile },
            endpoint_url: None,
            retry: RetrySettings::default(),
            call_timeout: Duration::from_secs(25),
            attempt_timeout: Duration::from_secs(10),
            concurrency: 16,
            cache_ttl: Duration::from_secs(10),
            cache_url: None,
            search_idle: Duration::from_secs(15),
        }
    }

    /// An AWS-compatible endpoint with fixed keys (the emulator).
    pub fn endpoint(endpoint_url: &str, regions: Vec<String>, key: (&str, &str)) -> Self {
        Self {
            credentials: CredentialSource::Static {
                access_key_id: key.0.to_owned(),
                secret_access_key: key.1.to_owned(),
            },
            endpoint_url: Some(endpoint_url.to_owned()),
            ..Self::aws(regions, None)
        }
    }
}
