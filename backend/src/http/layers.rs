//! The middleware every request passes through, outermost first: request id, trace span,
//! request-id echo, security headers, compression, body limit and timeout.

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Request, StatusCode, header};
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use super::assets::content_security_policy;

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
    TimeoutLayer,
);

/// The layers as one tuple (applied first to last, outermost first).
pub fn layers(request_timeout: Duration) -> Layers {
    (
        SetRequestIdLayer::x_request_id(MakeRequestUuid),
        TraceLayer::new_for_http().make_span_with(request_span as RequestSpan),
        PropagateRequestIdLayer::x_request_id(),
        security_headers(),
        CompressionLayer::new(),
        // Through the extractors, so an oversized body gets the usual JSON error.
        DefaultBodyLimit::max(BODY_LIMIT_BYTES),
        TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, request_timeout),
    )
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
