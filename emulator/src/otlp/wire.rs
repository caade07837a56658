//! The HTTP side of `POST /v1/traces`, as the OTLP/HTTP specification has a receiver answer
//! (<https://opentelemetry.io/docs/specs/otlp/#otlphttp>): protobuf or JSON bodies, optionally
//! gzip-compressed; the answer in the request's encoding — `ExportTraceServiceResponse` (with
//! `partial_success` when spans were rejected), or a `google.rpc.Status` with 400, 413 or 415,
//! which exporters treat as final, or 429/503, which they retry.
//!
//! A request that carries a SigV4 `Authorization` header is verified like every AWS call (the
//! ADOT exporters sign as service `xray`); an unsigned one is accepted and stored in the default
//! region, because that is how a local SDK or Collector sends.

use std::io::Read as _;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Response, StatusCode, header};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTracePartialSuccess, ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use prost::Message as _;
use serde_json::json;

use super::{Exported, MAX_REQUEST_BYTES, Refused};
use crate::faults::Verdict;
use crate::server::{AppState, DEFAULT_REGION, authenticate, injected_fault};
use crate::sigv4::SignedRequest;

/// `google.rpc.Status`, the body of OTLP's error answers (its `details` are never sent here).
#[derive(Clone, PartialEq, prost::Message)]
struct Status {
    #[prost(int32, tag = "1")]
    code: i32,
    #[prost(string, tag = "2")]
    message: String,
}

/// gRPC status codes the answers use.
const INVALID_ARGUMENT: i32 = 3;
const PERMISSION_DENIED: i32 = 7;
const RESOURCE_EXHAUSTED: i32 = 8;
const UNAVAILABLE: i32 = 14;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Protobuf,
    Json,
}

impl Encoding {
    const PROTOBUF: &'static str = "application/x-protobuf";
    const JSON: &'static str = "application/json";

    /// From `Content-Type`, parameters ignored (`application/json; charset=utf-8`).
    pub(crate) fn of(headers: &HeaderMap) -> Option<Self> {
        let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
        let media = value.split(';').next()?.trim();
        if media.eq_ignore_ascii_case(Self::PROTOBUF) {
            Some(Self::Protobuf)
        } else if media.eq_ignore_ascii_case(Self::JSON) {
            Some(Self::Json)
        } else {
            None
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Self::Protobuf => Self::PROTOBUF,
            Self::Json => Self::JSON,
        }
    }
}

/// An answer that stores nothing: HTTP status, gRPC code, message.
#[derive(Debug)]
pub(crate) struct Failure {
    status: StatusCode,
    code: i32,
    message: String,
}

impl Failure {
    fn new(status: StatusCode, code: i32, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, INVALID_ARGUMENT, message)
    }

    fn too_large(message: impl Into<String>) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, RESOURCE_EXHAUSTED, message)
    }
}

impl From<Refused> for Failure {
    fn from(refused: Refused) -> Self {
        Self::bad_request(refused.0)
    }
}

pub(crate) async fn receive(State(state): State<AppState>, request: Request) -> Response<Body> {
    let (parts, body) = request.into_parts();
    let Some(encoding) = Encoding::of(&parts.headers) else {
        let failure = Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            INVALID_ARGUMENT,
            "send Content-Type application/x-protobuf or application/json",
        );
        return answer(Encoding::Json, Err(failure));
    };
    let result = async {
        let body = axum::body::to_bytes(body, MAX_REQUEST_BYTES)
            .await
            .map_err(|_| Failure::too_large(too_large_message()))?;
        let region = region(&state, &parts, &body)?;
        match injected_fault(&state.emulator).await {
            Verdict::Serve => {}
            Verdict::Throttle => {
                return Err(Failure::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    RESOURCE_EXHAUSTED,
                    "Rate exceeded",
                ));
            }
            Verdict::Fail => {
                return Err(Failure::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    UNAVAILABLE,
                    "An internal error occurred (injected by the emulator).",
                ));
            }
        }
        let gzip = content_encoding(&parts.headers)?;
        let emulator = state.emulator.clone();
        // Decoding and converting 10,000 spans takes milliseconds: off the async workers.
        tokio::task::spawn_blocking(move || {
            let request = decode(&body, gzip, encoding)?;
            let now = emulator.clock.now();
            super::export(&emulator.xray, &region, &request, now).map_err(Failure::from)
        })
        .await
        .unwrap_or_else(|error| {
            Err(Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                UNAVAILABLE,
                format!("the emulator failed while storing the spans: {error}"),
            ))
        })
    }
    .await;
    answer(encoding, result)
}

/// The region to store in: the signature's, or the default one for an unsigned request.
fn region(
    state: &AppState,
    parts: &axum::http::request::Parts,
    body: &Bytes,
) -> Result<String, Failure> {
    if !parts.headers.contains_key(header::AUTHORIZATION) {
        return Ok(DEFAULT_REGION.to_owned());
    }
    let signed = SignedRequest {
        method: parts.method.as_str(),
        path_and_query: parts.uri.path_and_query().map_or("/", |p| p.as_str()),
        headers: &parts.headers,
        body,
    };
    authenticate(&state.options, &signed, "xray").map_err(|error| {
        Failure::new(
            StatusCode::from_u16(error.status).unwrap_or(StatusCode::FORBIDDEN),
            PERMISSION_DENIED,
            format!("{}: {}", error.code, error.message),
        )
    })
}

/// Whether the body is gzip-compressed; X-Ray takes gzip or nothing.
fn content_encoding(headers: &HeaderMap) -> Result<bool, Failure> {
    match headers
        .get(header::CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap_or_default().trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("" | "identity") => Ok(false),
        Some("gzip") => Ok(true),
        Some(other) => Err(Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            INVALID_ARGUMENT,
            format!("Content-Encoding {other:?} is not supported; send gzip or no encoding"),
        )),
    }
}

fn too_large_message() -> String {
    format!("the request is larger than {MAX_REQUEST_BYTES} bytes uncompressed")
}

/// The request from its body; what does not decode is refused with the decoder's reason.
pub(crate) fn decode(
    body: &[u8],
    gzip: bool,
    encoding: Encoding,
) -> Result<ExportTraceServiceRequest, Failure> {
    let inflated;
    let bytes = if gzip {
        let mut out = Vec::new();
        // One byte more than allowed tells a body at the limit from one over it.
        flate2::read::GzDecoder::new(body)
            .take(MAX_REQUEST_BYTES as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| Failure::bad_request(format!("the body is not valid gzip: {e}")))?;
        if out.len() > MAX_REQUEST_BYTES {
            return Err(Failure::too_large(too_large_message()));
        }
        inflated = out;
        &inflated[..]
    } else {
        body
    };
    match encoding {
        Encoding::Protobuf => ExportTraceServiceRequest::decode(bytes).map_err(|e| {
            Failure::bad_request(format!(
                "the body is not a protobuf ExportTraceServiceRequest: {e}"
            ))
        }),
        Encoding::Json => serde_json::from_slice(bytes).map_err(|e| {
            Failure::bad_request(format!(
                "the body is not an OTLP/JSON ExportTraceServiceRequest: {e}"
            ))
        }),
    }
}

fn answer(encoding: Encoding, result: Result<Exported, Failure>) -> Response<Body> {
    let (status, body) = match result {
        Ok(exported) => {
            if exported.rejected > 0 {
                tracing::info!(rejected = exported.rejected, message = %exported.message(), "OTLP spans rejected");
            }
            (StatusCode::OK, success_body(encoding, &exported))
        }
        Err(failure) => {
            tracing::debug!(status = %failure.status, message = %failure.message, "OTLP request refused");
            let body = match encoding {
                Encoding::Protobuf => Status {
                    code: failure.code,
                    message: failure.message,
                }
                .encode_to_vec(),
                Encoding::Json => json!({"code": failure.code, "message": failure.message})
                    .to_string()
                    .into_bytes(),
            };
            (failure.status, body)
        }
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static(encoding.content_type()),
    );
    if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    }
    response
}

fn success_body(encoding: Encoding, exported: &Exported) -> Vec<u8> {
    let partial = (exported.rejected > 0).then(|| ExportTracePartialSuccess {
        rejected_spans: i64::try_from(exported.rejected).unwrap_or(i64::MAX),
        error_message: exported.message(),
    });
    match (encoding, partial) {
        (Encoding::Protobuf, partial_success) => {
            ExportTraceServiceResponse { partial_success }.encode_to_vec()
        }
        (Encoding::Json, None) => b"{}".to_vec(),
        (Encoding::Json, Some(partial)) => json!({
            "partialSuccess": {
                "rejectedSpans": partial.rejected_spans,
                "errorMessage": partial.error_message,
            }
        })
        .to_string()
        .into_bytes(),
    }
}
