//! The error body every `/api/v1` route returns with a 4xx or 5xx status.

use serde::{Deserialize, Serialize};

/// `{"code": "...", "message": "...", "detail": ...}`: `code` is stable for programs (see
/// [`codes`]), `message` is written for a person and may change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ErrorDetail>,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            detail: None,
        }
    }

    pub fn with_detail(mut self, detail: ErrorDetail) -> Self {
        self.detail = Some(detail);
        self
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for ApiError {}

/// Machine-readable context for an error, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ErrorDetail {
    /// Where in a filter expression the problem is, so the UI can underline it.
    /// `offset` and `len` are UTF-8 byte positions in the expression as sent; `column` is the
    /// 1-based character column, for messages.
    FilterPosition {
        offset: usize,
        len: usize,
        column: usize,
    },
    /// The AWS error behind a failed upstream call.
    Upstream {
        aws_code: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
    },
    /// Which request parameter was rejected (`start`, `window`, `region`, ...).
    Parameter { name: String },
    /// A detail kind this build does not know; newer backends may send more.
    #[serde(other)]
    Unknown,
}

/// The well-known values of [`ApiError::code`].
pub mod codes {
    /// A parameter is missing or malformed (see the detail for which one).
    pub const BAD_REQUEST: &str = "bad_request";
    /// The filter expression does not parse; the detail carries the position.
    pub const INVALID_FILTER: &str = "invalid_filter";
    /// The time window is malformed, reversed or longer than the maximum.
    pub const INVALID_WINDOW: &str = "invalid_window";
    /// The region is not one of the configured regions.
    pub const UNKNOWN_REGION: &str = "unknown_region";
    pub const NOT_FOUND: &str = "not_found";
    /// With Transaction Search, X-Ray did not index the trace: read it from every span with
    /// `GET /api/v1/traces/{id}/retrieval`.
    pub const NOT_INDEXED: &str = "not_indexed";
    /// The filter has a part all-spans search cannot answer; the detail carries its position.
    pub const UNTRANSLATABLE_FILTER: &str = "untranslatable_filter";
    /// All-spans search or trace retrieval asked of a region without Transaction Search.
    pub const NO_TRANSACTION_SEARCH: &str = "no_transaction_search";
    /// The all-spans search is unknown or was forgotten (searches are kept a few minutes).
    pub const SEARCH_GONE: &str = "search_gone";
    /// No credentials, or credentials that are invalid or expired.
    pub const UNAUTHORIZED: &str = "unauthorized";
    /// Signed in, but the role does not allow this (e.g. a viewer changing tracing).
    pub const FORBIDDEN: &str = "forbidden";
    /// The server runs read-only and refuses every mutation.
    pub const READ_ONLY: &str = "read_only";
    /// A mutation without the anti-CSRF header, or from another origin.
    pub const CSRF_REJECTED: &str = "csrf_rejected";
    /// App Runner's `InvalidStateException`: another operation is running on the service (for
    /// an Express service: a deployment is running).
    pub const SERVICE_BUSY: &str = "service_busy";
    /// The change cannot be made to this service as it is; the message says why (e.g. an
    /// Express service without a task role, or tracing set up outside runtrace).
    pub const CONFLICT: &str = "conflict";
    /// AWS throttled the call even after the SDK's retries.
    pub const THROTTLED: &str = "throttled";
    /// This client sent too many requests to runtrace itself.
    pub const RATE_LIMITED: &str = "rate_limited";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    /// AWS (or the emulator) could not be reached or did not answer in time.
    pub const UPSTREAM_UNAVAILABLE: &str = "upstream_unavailable";
    /// AWS answered with an error runtrace has no specific code for.
    pub const UPSTREAM_ERROR: &str = "upstream_error";
    pub const INTERNAL: &str = "internal";
}
