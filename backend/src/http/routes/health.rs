//! `GET /api/v1/health` and `GET /api/v1/config`.

use std::time::Instant;

use axum::extract::State;
use axum::{Extension, Json};
use shared::api::{Config, Health, UpstreamHealth};

use crate::auth::Principal;
use crate::http::state::AppState;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Always 200 while runtrace runs (it is a liveness check: an AWS outage must not get runtrace
/// restarted); `ok` and `upstream` say whether AWS answered within the health timeout, and why not.
///
/// Load balancers call it without credentials; someone not signed in gets the answer without
/// the reasons (an AWS error names the account and role) and without the cache's address.
pub async fn health(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
) -> Json<Health> {
    let started = Instant::now();
    let probe = tokio::time::timeout(state.settings.health_timeout, state.upstream.probe()).await;
    let upstream = match probe {
        Ok(Ok(())) => UpstreamHealth {
            reachable: true,
            latency_ms: Some(started.elapsed().as_secs_f64() * 1000.0),
            message: None,
        },
        Ok(Err(error)) => UpstreamHealth {
            reachable: false,
            latency_ms: None,
            message: Some(error.public_message()),
        },
        Err(_) => UpstreamHealth {
            reachable: false,
            latency_ms: None,
            message: Some(format!(
                "AWS did not answer within {} s",
                state.settings.health_timeout.as_secs_f64()
            )),
        },
    };
    let mut health = Health {
        ok: upstream.reachable,
        upstream,
        version: VERSION.to_owned(),
        cache: state.upstream.cache_health().await,
    };
    let signed_in = principal.is_none_or(|p| p.signed_in());
    if !signed_in {
        health.upstream.message = None;
        health.cache.message = None;
        health.cache.location = if health.cache.shared {
            "shared"
        } else {
            "memory"
        }
        .to_owned();
    }
    Json(health)
}

/// The auth layer always sets the principal; without it (no layer), nobody signed in.
pub async fn config(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
) -> Json<Config> {
    let principal = principal.map_or_else(Principal::local, |p| p.0);
    let regions = state.upstream.regions().to_vec();
    Json(Config {
        default_region: regions.first().cloned().unwrap_or_default(),
        regions,
        read_only: state.settings.read_only,
        demo: state.settings.demo.clone(),
        auth: principal.mode,
        role: principal.reported_role(),
        user: principal.user,
        version: VERSION.to_owned(),
    })
}
