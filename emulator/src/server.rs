//! HTTP routing: one endpoint for every service, like LocalStack's. `POST /` with
//! `X-Amz-Target: AppRunner.<Op>` goes to App Runner, with
//! `X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Op>` to ECS and with
//! `X-Amz-Target: Logs_20140328.<Op>` to CloudWatch Logs; `POST /<Path>` goes to X-Ray. Every
//! call is authenticated, then fault injection may throttle, fail or delay it, then it is
//! dispatched.

use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, Response};
use axum::routing::{get, post};
use serde_json::Value;

use crate::Emulator;
use crate::admin;
use crate::faults::Verdict;
use crate::protocol::{AwsError, AwsResult, Protocol, error_response, ok_response};
use crate::sigv4::{self, SignedRequest};

/// Segment batches from real apps can be large; AWS caps a segment document at 64 kB.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// ECS's JSON 1.1 target prefix.
const ECS_TARGET_PREFIX: &str = "AmazonEC2ContainerServiceV20141113.";
/// The region of unsigned requests when signature checking is off.
pub const DEFAULT_REGION: &str = "us-east-1";

#[derive(Clone, Debug, Default)]
pub struct ServerOptions {
    /// The key pair requests must be signed with; `None` accepts anything.
    pub credentials: Option<(String, String)>,
}

#[derive(Clone)]
pub(crate) struct AppState {
    pub emulator: Emulator,
    pub options: ServerOptions,
}

/// The emulator's whole HTTP surface: AWS operations plus the `/_emulator` admin endpoints.
pub fn router(emulator: Emulator, options: ServerOptions) -> Router {
    Router::new()
        .route("/_emulator/health", get(admin::health))
        .route(
            "/_emulator/faults",
            get(admin::get_faults).put(admin::put_faults),
        )
        .route(
            "/_emulator/calls",
            get(admin::get_calls).delete(admin::reset_calls),
        )
        .route("/v1/traces", post(crate::otlp::wire::receive))
        .fallback(aws)
        .with_state(AppState { emulator, options })
}

/// Which service and operation a request addresses.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    AppRunner(String),
    Ecs(String),
    XRay(String),
    Logs(String),
}

impl Target {
    pub fn protocol(&self) -> Protocol {
        match self {
            Target::AppRunner(_) => Protocol::AwsJson10,
            Target::Ecs(_) => Protocol::AwsJson11,
            Target::XRay(_) => Protocol::RestJson1,
            Target::Logs(_) => Protocol::AwsJson11,
        }
    }

    fn signing_name(&self) -> &'static str {
        match self {
            Target::AppRunner(_) => "apprunner",
            Target::Ecs(_) => "ecs",
            Target::XRay(_) => "xray",
            Target::Logs(_) => "logs",
        }
    }
}

/// Routes a request the way AWS's front ends do; what matches neither service is an unknown
/// operation in the protocol the request looks like.
pub fn route(
    method: &Method,
    path: &str,
    headers: &HeaderMap,
) -> Result<Target, (Protocol, AwsError)> {
    let target = headers.get("x-amz-target").and_then(|v| v.to_str().ok());
    if let Some(op) = target.and_then(|t| t.strip_prefix(crate::logs::TARGET_PREFIX)) {
        return match method == Method::POST && !op.is_empty() {
            true => Ok(Target::Logs(op.to_owned())),
            false => Err((
                Protocol::AwsJson11,
                AwsError::unknown_operation(format!(
                    "CloudWatch Logs calls are POST / with X-Amz-Target: {}<Operation>",
                    crate::logs::TARGET_PREFIX
                )),
            )),
        };
    }
    if path == "/" || target.is_some() {
        let post = method == Method::POST;
        if let Some(op) = target.and_then(|t| t.strip_prefix(ECS_TARGET_PREFIX)) {
            return match op {
                op if post && !op.is_empty() => Ok(Target::Ecs(op.to_owned())),
                _ => Err((
                    Protocol::AwsJson11,
                    AwsError::unknown_operation(format!(
                        "No operation matches {method} with X-Amz-Target {target:?}; ECS calls are POST / with X-Amz-Target: {ECS_TARGET_PREFIX}<Operation>"
                    )),
                )),
            };
        }
        return match target.and_then(|t| t.strip_prefix("AppRunner.")) {
            Some(op) if post && !op.is_empty() => Ok(Target::AppRunner(op.to_owned())),
            _ => Err((
                Protocol::AwsJson10,
                AwsError::unknown_operation(format!(
                    "No operation matches X-Amz-Target {target:?}; App Runner calls are POST / with X-Amz-Target: AppRunner.<Operation>, ECS calls with {ECS_TARGET_PREFIX}<Operation>"
                )),
            )),
        };
    }
    if method == Method::POST {
        return Ok(Target::XRay(path.to_owned()));
    }
    Err((
        Protocol::RestJson1,
        AwsError::new(
            404,
            "UnknownOperationException",
            format!("No operation matches {method} {path}"),
        ),
    ))
}

async fn aws(State(state): State<AppState>, request: Request) -> Response<Body> {
    let request_id = uuid::Uuid::new_v4().to_string();
    let (parts, body) = request.into_parts();
    let target = match route(&parts.method, parts.uri.path(), &parts.headers) {
        Ok(target) => target,
        Err((protocol, error)) => return error_response(protocol, &error, &request_id),
    };
    let protocol = target.protocol();
    let body = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(body) => body,
        Err(error) => {
            let error = AwsError::invalid_request(format!(
                "could not read the request body (at most {MAX_BODY_BYTES} bytes): {error}"
            ));
            return error_response(protocol, &error, &request_id);
        }
    };
    let path_and_query = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let signed = SignedRequest {
        method: parts.method.as_str(),
        path_and_query,
        headers: &parts.headers,
        body: &body,
    };
    let result = match authenticate(&state.options, &signed, target.signing_name()) {
        Ok(region) => {
            state.emulator.calls.count(&target);
            serve(&state.emulator, target, region, body).await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(value) => ok_response(protocol, &value, &request_id),
        Err(error) => {
            tracing::debug!(code = error.code, message = %error.message, "AWS error");
            error_response(protocol, &error, &request_id)
        }
    }
}

/// The request's region, taken from its credential scope once the signature checks out.
pub(crate) fn authenticate(
    options: &ServerOptions,
    request: &SignedRequest<'_>,
    service: &str,
) -> AwsResult<String> {
    match &options.credentials {
        // Skew is judged against wall time: clients sign with real time even when the emulator
        // runs on a manual clock.
        Some((access_key_id, secret)) => sigv4::verify(
            request,
            access_key_id,
            secret,
            service,
            crate::clock::system_now(),
        )
        .map(|auth| auth.region),
        None => {
            Ok(sigv4::scope_region(request.headers).unwrap_or_else(|| DEFAULT_REGION.to_owned()))
        }
    }
}

async fn serve(
    emulator: &Emulator,
    target: Target,
    region: String,
    body: Bytes,
) -> AwsResult<Value> {
    match (injected_fault(emulator).await, &target) {
        (Verdict::Serve, _) => {}
        (Verdict::Throttle, Target::AppRunner(_)) => {
            return Err(AwsError::throttling("Rate exceeded"));
        }
        (Verdict::Throttle, Target::Ecs(_)) => {
            return Err(crate::ecs::throttling("Rate exceeded"));
        }
        (Verdict::Throttle, Target::XRay(_)) => return Err(AwsError::throttled("Rate exceeded")),
        (Verdict::Throttle, Target::Logs(_)) => {
            return Err(AwsError::throttling("Rate exceeded"));
        }
        (Verdict::Fail, Target::AppRunner(_)) => {
            return Err(AwsError::internal(
                "An internal error occurred (injected by the emulator).",
            ));
        }
        (Verdict::Fail, Target::Ecs(_)) => {
            return Err(crate::ecs::server_error(
                "An internal error occurred (injected by the emulator).",
            ));
        }
        (Verdict::Fail, Target::XRay(_)) => {
            return Err(AwsError::new(
                500,
                "InternalFailure",
                "An internal error occurred (injected by the emulator).",
            ));
        }
        (Verdict::Fail, Target::Logs(_)) => {
            return Err(AwsError::new(
                500,
                "ServiceUnavailableException",
                "The service is unavailable (injected by the emulator).",
            ));
        }
    }
    let emulator = emulator.clone();
    // Graph and summary computations can take a while on large scenarios: keep them off the
    // async workers.
    tokio::task::spawn_blocking(move || match target {
        Target::AppRunner(op) => emulator.apprunner.handle(&region, &op, &body),
        Target::Ecs(op) => emulator.ecs.handle(&region, &op, &body),
        Target::XRay(path) => emulator.xray.handle(&region, &path, &body),
        Target::Logs(op) => emulator.logs.handle(&region, &op, &body),
    })
    .await
    .unwrap_or_else(|error| {
        Err(AwsError::internal(format!(
            "the emulator failed while serving the call: {error}"
        )))
    })
}

/// What fault injection decides for one call, after its extra latency.
pub(crate) async fn injected_fault(emulator: &Emulator) -> Verdict {
    let faults = emulator.faults.config();
    if faults.extra_latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.extra_latency_ms)).await;
    }
    emulator.faults.next_verdict()
}

#[cfg(test)]
#[path = "server_tests.rs"]
mod tests;
