//! The middleware every request passes through, outermost first: request id, trace span,
//! request-id echo, security headers, compression, body limit ([`layers`]), then the
//! [`deadline`] and the auth layer (applied in `http::app`).

use std::time::Duration;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, HeaderValue, Request, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use super::assets::content_security_policy;
use super::error::AppError;

/// The only body the API accepts is `{"enabled": true}`.
pub const BODY_LIMIT_BYTES: usize = 16 * 1024;

type RequestSpan = fn(&Request<axum::body::Body>) -> tracing::Span;
type Trace = TraceLayer<SharedClassifier<ServerErrorsAsFailures>, RequestSpan>;
type Header = SetResponseHeaderLayer<HeaderValue>;
pub type Layers = (
    SetRequestIdLayer<MakeRequestUuid>,
    Trace,
    PropagateRequestIdLayer,
    (Header, Header, Header),
    CompressionLayer,
    DefaultBodyLimit,
);

/// The layers as one tuple (applied first to last, outermost first).
pub fn layers() -> Layers {
    (
        SetRequestIdLayer::x_request_id(MakeRequestUuid),
        TraceLayer::new_for_http().make_span_with(request_span as RequestSpan),
        PropagateRequestIdLayer::x_request_id(),
        security_headers(),
        CompressionLayer::new(),
        // Through the extractors, so an oversized body gets the usual JSON error.
        DefaultBodyLimit::max(BODY_LIMIT_BYTES),
    )
}

/// A request still running after `limit` is dropped and answered with [`AppError::timeout`],
/// the JSON body of every other error.
pub async fn deadline(
    State(limit): State<Duration>,
    request: Request<axum::body::Body>,
    next: Next,
) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => AppError::timeout(limit).into_response(),
    }
}

/// One span per request, carrying its id so every log line of the request can be found.
fn request_span(request: &Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), id)
}

/// CSP (unless the handler set its own, as index.html does), no MIME sniffing, no referrer.
fn security_headers() -> (Header, Header, Header) {
    let csp = HeaderValue::from_str(&content_security_policy(&[]))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    (
        SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, csp),
        SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        SetResponseHeaderLayer::overriding(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("no-referrer"),
        ),
    )
}
