//! The one error type of every route: it picks the HTTP status and the public `{code, message}`
//! body, and logs the detail (never shown to the browser).

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::api::{ApiError, ErrorDetail, codes};

use std::time::Duration;

use crate::auth::Refusal;
use crate::aws::{ErrorKind, UpstreamError};

/// Seconds a client is asked to wait after AWS throttled us.
const RETRY_AFTER_SECONDS: &str = "5";

#[derive(Debug)]
pub enum AppError {
    /// An AWS call failed; the kind decides the status.
    Upstream(UpstreamError),
    /// Answered by runtrace itself: the request is wrong, not allowed or took too long; `body`
    /// says why.
    Invalid {
        status: StatusCode,
        body: Box<ApiError>,
    },
}

impl AppError {
    pub fn bad_request(code: &str, message: impl Into<String>) -> Self {
        Self::invalid(StatusCode::BAD_REQUEST, ApiError::new(code, message))
    }

    /// A bad query or path parameter, named in the detail.
    pub fn bad_parameter(name: &str, message: impl Into<String>) -> Self {
        Self::parameter(codes::BAD_REQUEST, name, message)
    }

    pub fn parameter(code: &str, name: &str, message: impl Into<String>) -> Self {
        let body = ApiError::new(code, message).with_detail(ErrorDetail::Parameter {
            name: name.to_owned(),
        });
        Self::invalid(StatusCode::BAD_REQUEST, body)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::invalid(
            StatusCode::NOT_FOUND,
            ApiError::new(codes::NOT_FOUND, message),
        )
    }

    /// The request ran past the server's time limit (in practice: AWS answered too slowly).
    pub fn timeout(limit: Duration) -> Self {
        Self::invalid(
            StatusCode::SERVICE_UNAVAILABLE,
            ApiError::new(
                codes::UPSTREAM_UNAVAILABLE,
                format!(
                    "runtrace gave up on this request after {} s (AWS was too slow to answer); \
                     try again, or ask for a shorter window",
                    limit.as_secs_f64()
                ),
            ),
        )
    }

    pub fn invalid(status: StatusCode, body: ApiError) -> Self {
        Self::Invalid {
            status,
            body: Box::new(body),
        }
    }
}

/// The auth layer's refusals (401, 403) in the common error body.
impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        Self::invalid(refusal.status(), refusal.public_body())
    }
}

impl From<UpstreamError> for AppError {
    fn from(error: UpstreamError) -> Self {
        Self::Upstream(error)
    }
}

pub fn upstream_status(kind: &ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::AccessDenied => StatusCode::FORBIDDEN,
        ErrorKind::Throttled => StatusCode::SERVICE_UNAVAILABLE,
        ErrorKind::NotFound { .. } => StatusCode::NOT_FOUND,
        ErrorKind::ServiceBusy | ErrorKind::NotRunning { .. } | ErrorKind::Conflict { .. } => {
            StatusCode::CONFLICT
        }
        ErrorKind::Credentials => StatusCode::UNAUTHORIZED,
        ErrorKind::InvalidRequest => StatusCode::BAD_REQUEST,
        ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorKind::Fault => StatusCode::BAD_GATEWAY,
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            Self::Invalid { status, body } => {
                tracing::debug!(%status, code = body.code, message = body.message, "refused");
                (status, Json(*body)).into_response()
            }
            Self::Upstream(error) => {
                let status = upstream_status(&error.kind);
                if status.is_server_error() {
                    tracing::warn!(%status, %error, request_id = ?error.request_id, "AWS call failed");
                } else {
                    tracing::info!(%status, %error, request_id = ?error.request_id, "AWS refused");
                }
                let mut body = ApiError::new(error.public_code(), error.public_message());
                if let Some(aws_code) = error.aws_code.clone() {
                    body = body.with_detail(ErrorDetail::Upstream {
                        aws_code,
                        request_id: error.request_id.clone(),
                    });
                }
                let mut response = (status, Json(body)).into_response();
                if error.kind == ErrorKind::Throttled {
                    response.headers_mut().insert(
                        header::RETRY_AFTER,
                        HeaderValue::from_static(RETRY_AFTER_SECONDS),
                    );
                }
                response
            }
        }
    }
}
