//! What every handler shares: the AWS side, the server's settings and the browser bundle.

use std::sync::Arc;
use std::time::Duration;

use crate::auth::AuthSettings;
use crate::aws::Upstream;

use super::assets::Assets;

/// Epoch seconds "now"; tests pass the emulator's manual clock.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

#[derive(Clone)]
pub struct AppState {
    pub upstream: Arc<dyn Upstream>,
    pub settings: Arc<ServerSettings>,
    pub assets: Arc<Assets>,
}

pub struct ServerSettings {
    /// Refuse every change.
    pub read_only: bool,
    /// The demo scenario, when serving the embedded emulator.
    pub demo: Option<String>,
    /// How long `/api/v1/health` waits for AWS.
    pub health_timeout: Duration,
    /// How long any request may take before it is answered with 503.
    pub request_timeout: Duration,
    pub clock: Clock,
    /// Who may read and change (`--auth`, embed keys, `--frame-ancestors`, `--audit-log`).
    pub auth: Arc<AuthSettings>,
}

impl ServerSettings {
    pub fn new(read_only: bool, demo: Option<String>) -> Self {
        Self {
            read_only,
            demo,
            health_timeout: Duration::from_secs(3),
            request_timeout: Duration::from_secs(30),
            clock: Arc::new(system_now),
            auth: Arc::new(AuthSettings::open()),
        }
    }

    pub fn now(&self) -> i64 {
        (self.clock)()
    }
}

fn system_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
