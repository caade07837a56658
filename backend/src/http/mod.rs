//! The HTTP side: routes, parameters, errors, middleware and the browser bundle. Never imports
//! an `aws_sdk_*` crate; AWS is reached only through [`crate::aws::Upstream`].

pub mod assets;
mod compact;
mod error;
mod extract;
mod guard;
mod json;
mod layers;
mod negotiate;
pub mod params;
pub mod routes;
mod state;

use std::sync::Arc;

use axum::Router;
use axum::routing::any;

use crate::auth::middleware::{AuthLayer, authorize};

pub use error::AppError;
pub use guard::{MAX_HEADER_BYTES, MAX_URI_BYTES, OverCapacity};
pub use state::{AppState, Clock, ServerSettings};

/// The whole application: `/api/v1` (every row of [`routes::table`]) and the dashboard bundle,
/// with every middleware.
pub fn app(state: AppState) -> Router {
    let api = routes::table::router(state.settings.read_only);
    with_middleware(api, state)
}

/// `api` at `/api/v1`, the bundle for every other page, behind the auth layer and the
/// middleware stack ([`layers`]).
fn with_middleware(api: Router<AppState>, state: AppState) -> Router {
    let timeout = state.settings.request_timeout;
    let auth = Arc::new(AuthLayer::new(
        Arc::clone(&state.settings.auth),
        Arc::clone(&state.settings.clock),
        &assets::content_security_policy(&[]),
    ));
    Router::new()
        .nest(routes::table::PREFIX, api)
        .route("/api", any(routes::unknown))
        .route("/api/", any(routes::unknown))
        .route("/api/{*rest}", any(routes::unknown))
        .fallback(assets::serve)
        .layer(axum::middleware::from_fn_with_state(auth, authorize))
        .layer(axum::middleware::from_fn(guard::guard))
        .layer(axum::middleware::from_fn_with_state(
            timeout,
            layers::deadline,
        ))
        .layer(layers::layers())
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::*;
    use crate::aws::{AwsSettings, AwsUpstream, Clients};

    async fn status_and_code(app: &Router, uri: &str) -> (StatusCode, serde_json::Value) {
        let request = Request::get(uri).body(Body::empty()).expect("a request");
        let response = app.clone().oneshot(request).await.expect("an answer");
        let status = response.status();
        let body = response.into_body().collect().await.expect("a body");
        let json: serde_json::Value = serde_json::from_slice(&body.to_bytes()).unwrap_or_default();
        (status, json["code"].clone())
    }

    #[tokio::test]
    async fn a_route_added_behind_the_tables_back_is_never_reached() {
        let aws = AwsSettings::endpoint(
            "http://127.0.0.1:9",
            vec!["us-east-1".into()],
            ("test", "test"),
        );
        let clients = Clients::connect(&aws).await.expect("clients");
        let state = AppState {
            upstream: Arc::new(AwsUpstream::new(clients, &aws)),
            settings: Arc::new(ServerSettings::new(false, None)),
            assets: Arc::new(assets::Assets::empty()),
        };
        let api = routes::table::router(false).route("/sneaky", get(|| async { "served" }));
        let app = with_middleware(api, state);
        let refused = status_and_code(&app, "/api/v1/sneaky").await;
        assert_eq!(refused, (StatusCode::NOT_FOUND, "not_found".into()));
        let config = status_and_code(&app, "/api/v1/config").await;
        assert_eq!(config.0, StatusCode::OK, "the table's routes are served");
    }
}
