//! What can go wrong with a call to the backend, in words a person can act on.

use shared::api::{ApiError, codes};

use crate::model::embed;

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
                codes::UNTRANSLATABLE_FILTER => "This filter cannot search all spans",
                codes::NO_TRANSACTION_SEARCH => "No Transaction Search in this region",
                codes::SEARCH_GONE => "The all-spans search is gone",
                codes::UNAUTHORIZED => "Sign-in needed",
                embed::REFUSED_CODE => "This embed link does not work",
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

/// In an iframe nobody can sign in: a refusal means the link itself is bad, so say that.
pub(super) fn explain_embed_refusal(failure: ApiFailure) -> ApiFailure {
    match failure {
        ApiFailure::Rejected { status: 401, .. } => ApiFailure::Rejected {
            status: 401,
            error: ApiError::new(embed::REFUSED_CODE, embed::REFUSED_MESSAGE),
        },
        other => other,
    }
}

/// The failure for a non-2xx answer: runtrace's own `{code, message}` body when it is one.
pub(super) fn failure_from_body(status: u16, body: &str) -> ApiFailure {
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
            400,
            r#"{"code":"untranslatable_filter","message":"`duration > 1` cannot be searched in all spans"}"#,
            "This filter cannot search all spans",
            "`duration > 1` cannot be searched in all spans",
        );
        check(
            502,
            "<html>Bad Gateway</html>",
            "Unexpected answer from the server",
            "the server answered HTTP 502 without an explanation; is something else listening there?",
        );
    }

    #[test]
    fn an_embedded_page_explains_a_refused_link() {
        let refused = failure_from_body(
            401,
            r#"{"code":"unauthorized","message":"this link is not valid"}"#,
        );
        let explained = explain_embed_refusal(refused);
        assert_eq!(explained.title(), "This embed link does not work");
        assert_eq!(explained.to_string(), embed::REFUSED_MESSAGE);
        let busy = failure_from_body(409, r#"{"code":"service_busy","message":"busy"}"#);
        assert_eq!(explain_embed_refusal(busy.clone()), busy);
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
