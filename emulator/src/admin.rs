//! The admin endpoints outside the AWS surface, for tests and demos: `GET /_emulator/health` (with
//! what the stores hold, for a long run's memory report),
//! `GET|PUT /_emulator/faults` (a [`FaultConfig`] as JSON) and `GET|DELETE /_emulator/calls`
//! (the calls received per operation).

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Response, StatusCode};
use axum::response::IntoResponse;
use serde_json::json;

use crate::faults::FaultConfig;
use crate::server::AppState;

pub async fn health(State(state): State<AppState>) -> impl IntoResponse {
    axum::Json(json!({
        "status": "ok",
        "xray": state.emulator.xray.stored(),
        "spans": state.emulator.spans.stored(),
    }))
}

pub async fn get_faults(State(state): State<AppState>, request: Request) -> Response<Body> {
    if let Some(refused) = refuse_remote(&request) {
        return refused;
    }
    axum::Json(state.emulator.faults.config()).into_response()
}

pub async fn put_faults(State(state): State<AppState>, request: Request) -> Response<Body> {
    if let Some(refused) = refuse_remote(&request) {
        return refused;
    }
    let body = match axum::body::to_bytes(request.into_body(), 64 * 1024).await {
        Ok(body) => body,
        Err(error) => {
            return (
                StatusCode::BAD_REQUEST,
                format!("could not read the body: {error}"),
            )
                .into_response();
        }
    };
    let config: FaultConfig = match serde_json::from_slice(&body) {
        Ok(config) => config,
        Err(error) => {
            return (
                StatusCode::BAD_REQUEST,
                format!("the body is not a fault configuration: {error}"),
            )
                .into_response();
        }
    };
    if let Err(problem) = config.validate() {
        return (StatusCode::BAD_REQUEST, problem).into_response();
    }
    state.emulator.faults.set(config.clone());
    axum::Json(config).into_response()
}

pub async fn get_calls(State(state): State<AppState>, request: Request) -> Response<Body> {
    if let Some(refused) = refuse_remote(&request) {
        return refused;
    }
    axum::Json(state.emulator.calls.snapshot()).into_response()
}

pub async fn reset_calls(State(state): State<AppState>, request: Request) -> Response<Body> {
    if let Some(refused) = refuse_remote(&request) {
        return refused;
    }
    state.emulator.calls.reset();
    StatusCode::NO_CONTENT.into_response()
}

/// The admin endpoints are unauthenticated, so only loopback peers may use them. A request with
/// no peer address was handed to the router in-process (tests), which is local by definition.
fn refuse_remote(request: &Request) -> Option<Response<Body>> {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    match peer {
        Some(peer) if !peer.ip().is_loopback() => Some(
            (
                StatusCode::FORBIDDEN,
                "the /_emulator endpoints answer only loopback clients",
            )
                .into_response(),
        ),
        _ => None,
    }
}
