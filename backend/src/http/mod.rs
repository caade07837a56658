//! The HTTP side: routes, parameters, errors, middleware and the browser bundle. Never imports
//! an `aws_sdk_*` crate; AWS is reached only through [`crate::aws::Upstream`].

pub mod assets;
mod error;
mod extract;
mod json;
mod layers;
mod negotiate;
pub mod params;
mod routes;
mod state;

use std::sync::Arc;

use axum::Router;
use axum::routing::{any, get, put};

use crate::auth::middleware::{AuthLayer, authorize};

pub use error::AppError;
pub use state::{AppState, Clock, ServerSettings};

/// The whole application: `/api/v1` and the dashboard bundle, with every middleware.
pub fn app(state: AppState) -> Router {
    let mut api = Router::new()
        .route("/health", get(routes::health::health))
        .route("/config", get(routes::health::config))
        .route("/services", get(routes::services::list))
        .route("/services/{region}/{name}", get(routes::services::detail))
        .route(
            "/services/{region}/{name}/operations/{id}",
            get(routes::services::operation),
        )
        .route("/map", get(routes::map::map))
        .route("/map/timeseries", get(routes::map::timeseries))
        .route("/traces", get(routes::traces::list))
        .route("/traces/{id}", get(routes::traces::one))
        .route(
            "/traces/{id}/documents/{index}",
            get(routes::traces::document),
        )
        .route("/traces/{id}/export", get(routes::traces::export))
        .route("/traces/{id}/map", get(routes::traces::map))
        .route("/traces/{id}/retrieval", get(routes::spans::retrieval))
        .route(
            "/traces/searches/{id}",
            get(routes::spans::poll_search).delete(routes::spans::stop_search),
        )
        .route("/transaction-search", get(routes::spans::mode))
        .route("/groups", get(routes::groups::list));
    // --read-only: the change route is not served at all, whoever asks.
    if !state.settings.read_only {
        api = api.route(
            "/services/{region}/{name}/tracing",
            put(routes::services::set_tracing),
        );
    }
    let api = api
        .fallback(routes::unknown)
        .method_not_allowed_fallback(routes::method_not_allowed);
    let timeout = state.settings.request_timeout;
    let auth = Arc::new(AuthLayer::new(
        Arc::clone(&state.settings.auth),
        Arc::clone(&state.settings.clock),
        &assets::content_security_policy(&[]),
    ));
    Router::new()
        .nest("/api/v1", api)
        .route("/api", any(routes::unknown))
        .route("/api/", any(routes::unknown))
        .route("/api/{*rest}", any(routes::unknown))
        .fallback(assets::serve)
        .layer(axum::middleware::from_fn_with_state(auth, authorize))
        .layer(layers::layers(timeout))
        .with_state(state)
}
