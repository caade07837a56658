//! What a request is refused for before it is routed or signed in, each with the JSON error body
//! and the security headers every answer has: a connection past the server's cap (only the
//! health check is answered there), a URI or a set of headers over the limits. The limits are
//! runtrace's own, set below hyper's read buffer (`startup::connections`), so that hyper's bare
//! refusals are left only for requests far past anything a browser sends.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared::api::{ApiError, codes};

use super::AppError;

/// Marks a request that arrived on a connection past `--max-connections`.
#[derive(Debug, Clone, Copy)]
pub struct OverCapacity;

/// The longest URI accepted (a trace search with a long filter expression is ~2 KB).
pub const MAX_URI_BYTES: usize = 16 * 1024;
/// All header names and values together.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

pub async fn guard(request: Request, next: Next) -> Response {
    match refusal(&request) {
        Some(refused) => refused.into_response(),
        None => next.run(request).await,
    }
}

fn refusal(request: &Request) -> Option<Response> {
    if request.extensions().get::<OverCapacity>().is_some()
        && request.uri().path() != "/api/v1/health"
    {
        let mut response = AppError::invalid(
            StatusCode::SERVICE_UNAVAILABLE,
            ApiError::new(
                codes::UPSTREAM_UNAVAILABLE,
                "runtrace is serving as many connections as it is set to (--max-connections); \
                 try again in a moment",
            ),
        )
        .into_response();
        let headers = response.headers_mut();
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        return Some(response);
    }
    let uri = request.uri().to_string().len();
    if uri > MAX_URI_BYTES {
        return Some(too_large(
            StatusCode::URI_TOO_LONG,
            format!("the address is {uri} bytes long; at most {MAX_URI_BYTES} are accepted"),
        ));
    }
    let headers: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    (headers > MAX_HEADER_BYTES).then(|| {
        too_large(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!("the headers are {headers} bytes; at most {MAX_HEADER_BYTES} are accepted"),
        )
    })
}

fn too_large(status: StatusCode, message: String) -> Response {
    AppError::invalid(status, ApiError::new(codes::BAD_REQUEST, message)).into_response()
}
