//! The one module that knows the backend's URLs: plain async functions over `/api/v1` that return
//! `shared::api` types, or an [`ApiFailure`] a person can act on.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use shared::api::{ApiError, Config, codes};

const BASE: &str = "/api/v1";

/// Why a call to the backend did not give an answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiFailure {
    /// The request never got an answer: the server is down or the network is gone.
    #[error("the runtrace server did not answer ({0}); check that it is running and reload")]
    Unreachable(String),
    /// The backend refused with its `{code, message}` body.
    #[error("{}", .error.message)]
    Rejected { status: u16, error: ApiError },
    /// An error status without runtrace's error body: a proxy in between, or another server.
    #[error(
        "the server answered HTTP {status} without an explanation; is something else listening there?"
    )]
    UnexpectedStatus { status: u16 },
    /// A 2xx answer this build cannot read: the page and the server are different versions.
    #[error(
        "the server's answer could not be read ({0}); reload the page to get the matching version"
    )]
    Undecodable(String),
}

impl ApiFailure {
    /// A short heading for error panels.
    pub fn title(&self) -> &'static str {
        match self {
            ApiFailure::Unreachable(_) => "Cannot reach the runtrace server",
            ApiFailure::UnexpectedStatus { .. } | ApiFailure::Undecodable(_) => {
                "Unexpected answer from the server"
            }
            ApiFailure::Rejected { error, .. } => match error.code.as_str() {
                codes::NOT_FOUND => "Not found",
                codes::UNAUTHORIZED => "Sign-in needed",
                codes::FORBIDDEN | codes::READ_ONLY | codes::CSRF_REJECTED => "Not allowed",
                codes::THROTTLED | codes::RATE_LIMITED => "Too many requests",
                codes::UPSTREAM_UNAVAILABLE => "AWS is not answering",
                codes::UPSTREAM_ERROR => "AWS refused the request",
                codes::INTERNAL => "The server failed",
                _ => "The request was refused",
            },
        }
    }
}

/// `GET /api/v1/config`: regions, read-only, demo scenario, auth and version.
pub async fn config() -> Result<Config, ApiFailure> {
    get_json("/config").await
}

/// `GET /api/v1/traces`: one page of trace summaries. `query` holds the view's `window=` or
/// `start=`/`end=`, `region=`, and `filter=` / `cursor=` when set (encoded here).
async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    let request = Request::get(&format!("{BASE}{path}")).header("Accept", "application/json");
    let response = request
        .send()
        .await
        .map_err(|error| ApiFailure::Unreachable(error.to_string()))?;
    if !response.ok() {
        return Err(failure_of(response).await);
    }
    response
        .json()
        .await
        .map_err(|error| ApiFailure::Undecodable(error.to_string()))
}

async fn failure_of(response: Response) -> ApiFailure {
    // An unreadable body is as good as no body: the status alone still says something.
    let body = response.text().await.unwrap_or_default();
    failure_from_body(response.status(), &body)
}

/// The failure for a non-2xx answer: runtrace's own `{code, message}` body when it is one.
fn failure_from_body(status: u16, body: &str) -> ApiFailure {
    match serde_json::from_str::<ApiError>(body) {
        Ok(error) => ApiFailure::Rejected { status, error },
        Err(_) => ApiFailure::UnexpectedStatus { status },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_become_typed_failures_with_titles() {
        let check = |status: u16, body: &str, title: &str, message: &str| {
            let failure = failure_from_body(status, body);
            assert_eq!(failure.title(), title, "{body}");
            assert_eq!(failure.to_string(), message, "{body}");
        };
        check(
            404,
            r#"{"code":"not_found","message":"no service named web in eu-west-1"}"#,
            "Not found",
            "no service named web in eu-west-1",
        );
        check(
            503,
            r#"{"code":"upstream_unavailable","message":"X-Ray did not answer","detail":{"kind":"upstream","aws_code":"Timeout"}}"#,
            "AWS is not answering",
            "X-Ray did not answer",
        );
        check(
            400,
            r#"{"code":"something_new","message":"newer server"}"#,
            "The request was refused",
            "newer server",
        );
        check(
            502,
            "<html>Bad Gateway</html>",
            "Unexpected answer from the server",
            "the server answered HTTP 502 without an explanation; is something else listening there?",
        );
    }

    #[test]
    fn rejected_failures_keep_the_status_and_code() {
        let failure = failure_from_body(409, r#"{"code":"service_busy","message":"busy"}"#);
        let expect = ApiFailure::Rejected {
            status: 409,
            error: ApiError::new(codes::SERVICE_BUSY, "busy"),
        };
        assert_eq!(failure, expect);
    }
}
