//! AWS errors and how each wire protocol renders them.
//!
//! Every protocol puts the error code in a `__type` body member and in the `X-Amzn-ErrorType` header
//! (SDKs read either); the human text goes in the member the service's model declares: `Message`
//! for App Runner and X-Ray, `message` for ECS.

use axum::body::Body;
use axum::http::{HeaderValue, Response, StatusCode};
use serde_json::json;

pub use crate::paging::page;

pub const REQUEST_ID_HEADER: &str = "x-amzn-RequestId";
pub const ERROR_TYPE_HEADER: &str = "X-Amzn-ErrorType";
pub const AWS_JSON_CONTENT_TYPE: &str = "application/x-amz-json-1.0";
pub const AWS_JSON_11_CONTENT_TYPE: &str = "application/x-amz-json-1.1";
pub const REST_JSON_CONTENT_TYPE: &str = "application/json";

/// An error exactly as an AWS service reports it: HTTP status, error code, message.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{code} ({status}): {message}")]
pub struct AwsError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// Members the error shape models beyond its message (CloudWatch Logs'
    /// `MalformedQueryException` carries `queryCompileError`), merged into the body.
    pub members: Option<Box<serde_json::Value>>,
}

pub type AwsResult<T> = Result<T, AwsError>;

impl AwsError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            members: None,
        }
    }

    /// Adds modeled members (a JSON object) to the error body.
    pub fn with_members(mut self, members: serde_json::Value) -> Self {
        self.members = Some(Box::new(members));
        self
    }

    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(400, "InvalidRequestException", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, "ResourceNotFoundException", message)
    }

    pub fn invalid_state(message: impl Into<String>) -> Self {
        Self::new(400, "InvalidStateException", message)
    }

    /// X-Ray's modeled throttling error.
    pub fn throttled(message: impl Into<String>) -> Self {
        Self::new(429, "ThrottledException", message)
    }

    /// App Runner models no throttling error; AWS then answers with the common `ThrottlingException`,
    /// which the SDKs recognise by its code and retry.
    pub fn throttling(message: impl Into<String>) -> Self {
        Self::new(400, "ThrottlingException", message)
    }

    /// App Runner's modeled server fault.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(500, "InternalServiceErrorException", message)
    }

    pub fn service_quota_exceeded(message: impl Into<String>) -> Self {
        Self::new(402, "ServiceQuotaExceededException", message)
    }

    pub fn unknown_operation(message: impl Into<String>) -> Self {
        Self::new(400, "UnknownOperationException", message)
    }
}

/// Which of the two wire protocols a request arrived on; it decides content type and error shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// App Runner: `POST /` with `X-Amz-Target`.
    AwsJson10,
    /// ECS and CloudWatch Logs: `POST /` with `X-Amz-Target`, JSON 1.1.
    AwsJson11,
    /// X-Ray: one path per operation.
    RestJson1,
}

impl Protocol {
    pub fn content_type(self) -> &'static str {
        match self {
            Protocol::AwsJson10 => AWS_JSON_CONTENT_TYPE,
            Protocol::AwsJson11 => AWS_JSON_11_CONTENT_TYPE,
            Protocol::RestJson1 => REST_JSON_CONTENT_TYPE,
        }
    }

    /// The error member holding the human text, as the service's model names it.
    fn message_member(self) -> &'static str {
        match self {
            Protocol::AwsJson11 => "message",
            Protocol::AwsJson10 | Protocol::RestJson1 => "Message",
        }
    }
}

/// A successful response body in the protocol's content type.
pub fn ok_response(
    protocol: Protocol,
    body: &serde_json::Value,
    request_id: &str,
) -> Response<Body> {
    respond(StatusCode::OK, protocol, body.to_string(), request_id, None)
}

pub fn error_response(protocol: Protocol, error: &AwsError, request_id: &str) -> Response<Body> {
    let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut body = serde_json::Map::new();
    body.insert("__type".into(), json!(error.code));
    body.insert(protocol.message_member().into(), json!(error.message));
    // Members some errors carry beside the message (Logs Insights' `queryCompileError`).
    if let Some(serde_json::Value::Object(members)) = error.members.as_deref() {
        body.extend(members.clone());
    }
    let body = serde_json::Value::Object(body).to_string();
    respond(status, protocol, body, request_id, Some(error.code))
}

fn respond(
    status: StatusCode,
    protocol: Protocol,
    body: String,
    request_id: &str,
    error_code: Option<&str>,
) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static(protocol.content_type()),
    );
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert(REQUEST_ID_HEADER, id);
    }
    if let Some(code) = error_code.and_then(|c| HeaderValue::from_str(c).ok()) {
        headers.insert(ERROR_TYPE_HEADER, code);
    }
    response
}

/// Parses a JSON request body; an empty body means "no parameters", as SDKs may send nothing.
pub fn parse_body<T: serde::de::DeserializeOwned + Default>(body: &[u8]) -> AwsResult<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|e| {
        AwsError::new(
            400,
            "SerializationException",
            format!("could not read the request body: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_carries_code_in_header_and_body() {
        let response = error_response(
            Protocol::AwsJson10,
            &AwsError::invalid_state("busy"),
            "req-1",
        );
        assert_eq!(response.status(), 400);
        let headers = response.headers();
        assert_eq!(headers[ERROR_TYPE_HEADER], "InvalidStateException");
        assert_eq!(headers[REQUEST_ID_HEADER], "req-1");
        assert_eq!(headers["content-type"], AWS_JSON_CONTENT_TYPE);
    }

    #[tokio::test]
    async fn ecs_errors_use_json_11_and_a_lowercase_message() {
        let error = AwsError::new(400, "ClusterNotFoundException", "Cluster not found.");
        let response = error_response(Protocol::AwsJson11, &error, "req-2");
        assert_eq!(response.headers()["content-type"], AWS_JSON_11_CONTENT_TYPE);
        let body = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .expect("body");
        let body: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(
            body,
            json!({"__type": "ClusterNotFoundException", "message": "Cluster not found."})
        );
    }

    #[test]
    fn constructors_use_the_aws_status_codes() {
        let check = |e: AwsError, status: u16, code: &str| {
            assert_eq!((e.status, e.code), (status, code));
        };
        check(
            AwsError::invalid_request("x"),
            400,
            "InvalidRequestException",
        );
        check(AwsError::not_found("x"), 404, "ResourceNotFoundException");
        check(AwsError::invalid_state("x"), 400, "InvalidStateException");
        check(AwsError::throttled("x"), 429, "ThrottledException");
        check(AwsError::throttling("x"), 400, "ThrottlingException");
        check(
            AwsError::internal("x"),
            500,
            "InternalServiceErrorException",
        );
    }

    #[derive(Default, serde::Deserialize)]
    struct Input {
        #[serde(rename = "Name")]
        name: Option<String>,
    }

    #[test]
    fn empty_body_means_no_parameters_and_garbage_is_refused() {
        assert_eq!(parse_body::<Input>(b"").map(|i| i.name), Ok(None));
        assert_eq!(
            parse_body::<Input>(br#"{"Name":"a"}"#).map(|i| i.name),
            Ok(Some("a".into()))
        );
        let error = parse_body::<Input>(b"{not json").err().map(|e| e.code);
        assert_eq!(error, Some("SerializationException"));
    }
}
