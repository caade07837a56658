//! Why the auth layer refused a request, and what the client is told.

use axum::http::StatusCode;
use shared::api::{ApiError, codes};

use super::embed::EmbedError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No (valid) credentials; the message says what to send.
    Unauthenticated(String),
    /// A bad embed token: the client learns nothing more than "unauthorized".
    Embed(EmbedError),
    /// Signed in, but the role does not allow it.
    Forbidden(String),
    /// A mutation that failed the CSRF checks.
    Csrf(String),
    /// Addressed to a name runtrace does not answer to (DNS rebinding, or a missing
    /// `--allowed-host`).
    Misdirected(String),
    /// A header that decides access sent twice: refused rather than reading either one.
    Ambiguous(String),
}

impl Refusal {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Unauthenticated(_) | Self::Embed(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) | Self::Csrf(_) => StatusCode::FORBIDDEN,
            Self::Misdirected(_) => StatusCode::MISDIRECTED_REQUEST,
            Self::Ambiguous(_) => StatusCode::BAD_REQUEST,
        }
    }

    /// The JSON body; for embed tokens deliberately generic.
    pub fn public_body(&self) -> ApiError {
        match self {
            Self::Unauthenticated(message) => ApiError::new(codes::UNAUTHORIZED, message.clone()),
            Self::Embed(_) => ApiError::new(codes::UNAUTHORIZED, "this link is not valid"),
            Self::Forbidden(message) => ApiError::new(codes::FORBIDDEN, message.clone()),
            Self::Csrf(message) => ApiError::new(codes::CSRF_REJECTED, message.clone()),
            Self::Misdirected(message) | Self::Ambiguous(message) => {
                ApiError::new(codes::BAD_REQUEST, message.clone())
            }
        }
    }

    /// What the server log gets, including the detail hidden from embed clients.
    pub fn detail(&self) -> String {
        match self {
            Self::Embed(error) => error.to_string(),
            Self::Unauthenticated(message)
            | Self::Forbidden(message)
            | Self::Csrf(message)
            | Self::Misdirected(message)
            | Self::Ambiguous(message) => message.clone(),
        }
    }
}
