//! One request through the router, as the tests look at it. Shared by the route and the
//! access-control harnesses (included with `#[path]`, since each test binary is its own crate).

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as JSON, or as a JSON string when it is not JSON.
    pub body: Value,
    pub raw: Vec<u8>,
}

impl Answer {
    /// The error body's `code` (empty when there is none).
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }

    /// What a refusal is checked by: the status and the error code.
    pub fn refusal(&self) -> (StatusCode, &str) {
        (self.status, self.code())
    }
}

/// Sends `request` to `app` without a socket and collects the whole answer.
pub async fn answer(app: &Router, request: Request<Body>) -> Answer {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("the body arrives")
        .to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    Answer {
        status,
        headers,
        body,
        raw: bytes.to_vec(),
    }
}
