//! The `/api/v1` routes (DESIGN.md's table, a public contract).

pub mod groups;
pub mod health;
pub mod map;
mod service_target;
pub mod services;
pub mod spans;
pub mod table;
pub mod traces;

use axum::http::{Method, Uri};
use shared::api::codes;

use super::error::AppError;

/// Any other path under `/api`: a JSON 404, never the dashboard's HTML.
pub async fn unknown(uri: Uri) -> AppError {
    no_route(uri.path())
}

pub fn no_route(path: &str) -> AppError {
    AppError::not_found(format!("there is no API route {}", truncated(path)))
}

pub async fn method_not_allowed(method: Method, uri: Uri) -> AppError {
    AppError::invalid(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        shared::api::ApiError::new(
            codes::BAD_REQUEST,
            format!("{} {} is not supported", method, truncated(uri.path())),
        ),
    )
}

fn truncated(path: &str) -> String {
    path.chars().take(200).collect()
}
