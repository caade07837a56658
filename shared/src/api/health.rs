//! `GET /api/v1/health` and `GET /api/v1/config`.

use serde::{Deserialize, Serialize};

/// Liveness, and whether AWS (or the emulator) answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    /// True when runtrace itself is up and the upstream answered.
    pub ok: bool,
    pub upstream: UpstreamHealth,
    /// runtrace's version, e.g. `0.1.0`.
    pub version: String,
    /// Where read answers are cached, and whether that works.
    #[serde(default)]
    pub cache: CacheHealth,
}

/// The read cache: this process's memory, or a store shared by replicas (`--cache-url`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CacheHealth {
    /// Whether replicas share the cache.
    pub shared: bool,
    /// `memory`, or the shared store's address (without credentials).
    pub location: String,
    /// False while the shared store cannot be reached (each replica then uses its own memory).
    pub reachable: bool,
    #[serde(default)]
    pub message: Option<String>,
}

impl Default for CacheHealth {
    /// This process's memory, which is always there.
    fn default() -> Self {
        Self {
            shared: false,
            location: "memory".to_owned(),
            reachable: true,
            message: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpstreamHealth {
    pub reachable: bool,
    /// How long the probe call took, in milliseconds; absent when it did not complete.
    #[serde(default)]
    pub latency_ms: Option<f64>,
    /// Why the upstream is unreachable, for a person.
    #[serde(default)]
    pub message: Option<String>,
}

/// What the frontend needs to know about the server before it shows anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// The regions runtrace queries, in display order.
    pub regions: Vec<String>,
    pub default_region: String,
    /// Mutations (turning tracing on or off) are refused.
    pub read_only: bool,
    /// The demo scenario (`movies`, `shop`, `large`) when running against the embedded emulator.
    #[serde(default)]
    pub demo: Option<String>,
    pub auth: AuthMode,
    /// The signed-in role; absent when auth is `none`.
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub user: Option<String>,
    pub version: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMode {
    /// No authentication: only sensible on a loopback address.
    None,
    /// Bearer tokens, each with a role.
    Token,
    /// A trusted header set by an authenticating reverse proxy.
    Proxy,
    /// A signed, expiring, read-only embed link.
    Embed,
}

/// Roles are ordered: an operator can do everything a viewer can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Viewer,
    Operator,
}
