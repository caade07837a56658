//! Answers every GET outside `/api`: a file of the bundle, or index.html for the app's own
//! routes (`/services/api`, `/traces/1-…`) so that deep links load the app.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};

use super::asset::{Asset, REVALIDATE};
use crate::http::negotiate::preferred;
use crate::http::state::AppState;

const NO_BUNDLE_PAGE: &str = include_str!("no_bundle.html");

pub async fn serve(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET is served here").into_response();
    }
    let assets = &state.assets;
    if assets.is_empty() {
        return ([(header::CACHE_CONTROL, REVALIDATE)], Html(NO_BUNDLE_PAGE)).into_response();
    }
    let path = uri.path().trim_start_matches('/');
    let (path, asset) = match assets.get(path) {
        Some(asset) => (path, asset),
        // A missing file (an old hashed asset) is a 404, not the app's HTML under a .js name.
        None if looks_like_file(path) => {
            return (
                StatusCode::NOT_FOUND,
                "no such file in the dashboard bundle",
            )
                .into_response();
        }
        None => match assets.get("index.html") {
            Some(index) => ("index.html", index),
            None => return StatusCode::NOT_FOUND.into_response(),
        },
    };
    let mut response = respond(asset, &headers);
    if path == "index.html"
        && let Ok(policy) = HeaderValue::from_str(assets.index_policy())
    {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

fn respond(asset: &Asset, request: &HeaderMap) -> Response {
    let accept = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let (encoding, body) = asset.body_for(preferred(accept));
    // Each encoding is a different representation, so it gets its own validator.
    let etag = match encoding.header_value() {
        Some(suffix) => format!("{}-{suffix}\"", asset.etag.trim_end_matches('"')),
        None => asset.etag.clone(),
    };
    let mut headers = HeaderMap::new();
    let mut set = |name, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(header::CONTENT_TYPE, &asset.content_type);
    set(header::CACHE_CONTROL, asset.cache_control);
    set(header::ETAG, &etag);
    set(header::VARY, "accept-encoding");
    if let Some(value) = encoding.header_value() {
        set(header::CONTENT_ENCODING, value);
    }
    if not_modified(request, &etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    (headers, Body::from(body)).into_response()
}

fn not_modified(request: &HeaderMap, etag: &str) -> bool {
    request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
}

/// The last path segment has an extension: a file was asked for, not an app route.
fn looks_like_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|segment| segment.contains('.'))
}
