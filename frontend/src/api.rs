//! The one module that knows the backend's URLs: plain async functions over `/api/v1` that return
//! `shared::api` types, or an [`ApiFailure`] a person can act on.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use shared::api::{ApiError, Config, codes};
use shared::api::{
    OperationProgress, ServiceDetail, ServiceList, SetTracingAccepted, SetTracingRequest,
};

use crate::components::embed::page_embed_state;
use crate::model::embed;

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

/// `GET /api/v1/config`: regions, read-only, demo scenario, auth and version.
pub async fn config() -> Result<Config, ApiFailure> {
    get_json("/config").await
}

/// `GET /api/v1/traces`: one page of trace summaries. `query` holds the view's `window=` or
/// `start=`/`end=`, `region=`, and `filter=` / `cursor=` when set (encoded here).
pub async fn traces(query: &[(String, String)]) -> Result<shared::api::TracePage, ApiFailure> {
    get_json(&format!("/traces{}", query_string(query))).await
}

/// `GET /api/v1/traces/{id}`: one trace, assembled (without its documents).
pub async fn trace(id: &str, region: Option<&str>) -> Result<shared::api::TraceDetail, ApiFailure> {
    // Bytes, not text: a 100,000-span trace is 67 MB of JSON, and a JS string of it would be
    // made only to be copied into WASM memory again.
    let body = get(&trace_path(id, "", region))
        .await?
        .binary()
        .await
        .map_err(|error| ApiFailure::Unreachable(error.to_string()))?;
    decode::trace_detail(&body).map_err(|error| ApiFailure::Undecodable(error.to_string()))
}

/// `GET /api/v1/traces/{id}/documents/{index}`: one top-level document as X-Ray returned it.
pub async fn trace_document(
    id: &str,
    region: Option<&str>,
    index: usize,
) -> Result<shared::api::SegmentDocumentText, ApiFailure> {
    get_json(&trace_path(id, &format!("/documents/{index}"), region)).await
}

/// `GET /api/v1/traces/{id}/map`: the services this trace touched (X-Ray's GetTraceGraph).
pub async fn trace_map(
    id: &str,
    region: Option<&str>,
) -> Result<shared::api::ServiceMap, ApiFailure> {
    get_json(&trace_path(id, "/map", region)).await
}

/// `GET /api/v1/traces/{id}/export`: the trace as X-Ray's `BatchGetTraces` JSON, as text to save.
pub async fn trace_export(id: &str, region: Option<&str>) -> Result<String, ApiFailure> {
    get(&trace_path(id, "/export", region))
        .await?
        .text()
        .await
        .map_err(|error| ApiFailure::Undecodable(error.to_string()))
}

fn trace_path(id: &str, rest: &str, region: Option<&str>) -> String {
    let region: Vec<(String, String)> = region
        .map(|r| ("region".to_owned(), r.to_owned()))
        .into_iter()
        .collect();
    let id = String::from(js_sys::encode_uri_component(id));
    format!("/traces/{id}{rest}{}", query_string(&region))
}

/// `GET /api/v1/map`: the service graph. `query` holds `window=` or `start=`/`end=`, `region=`
/// and `group=` when set.
pub async fn service_map(
    query: &[(String, String)],
) -> Result<shared::api::ServiceMap, ApiFailure> {
    get_json(&format!("/map{}", query_string(query))).await
}

/// `GET /api/v1/map/timeseries`: a node's (`node=`, `type=`) or an edge's (`source=`, `target=`)
/// statistics over the window in `query`.
pub async fn map_timeseries(
    query: &[(String, String)],
) -> Result<shared::api::TimeSeries, ApiFailure> {
    get_json(&format!("/map/timeseries{}", query_string(query))).await
}

fn query_string(pairs: &[(String, String)]) -> String {
    let params: leptos_router::params::ParamsMap = pairs.iter().cloned().collect();
    params.to_query_string()
}

/// `GET /api/v1/services`: every service in every configured region, with per-region failures.
pub async fn services() -> Result<ServiceList, ApiFailure> {
    get_json("/services").await
}

/// `GET /api/v1/services/{region}/{name}`: one service's facts and recent operations.
pub async fn service(region: &str, name: &str) -> Result<ServiceDetail, ApiFailure> {
    get_json(&service_path(region, name, "")).await
}

/// `PUT /api/v1/services/{region}/{name}/tracing`: starts the deployment that turns tracing on
/// or off; poll [`operation`] with the id it returns.
pub async fn set_tracing(
    region: &str,
    name: &str,
    enabled: bool,
) -> Result<SetTracingAccepted, ApiFailure> {
    let request = Request::put(&format!("{BASE}{}", service_path(region, name, "/tracing")))
        .header("Accept", "application/json")
        // The backend refuses changes without it: a cross-site form cannot set custom headers.
        .header("X-Runtrace-Csrf", "1");
    let request = with_embed_token(request)
        .json(&SetTracingRequest { enabled })
        .map_err(|error| ApiFailure::Unreachable(error.to_string()))?;
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

/// `GET /api/v1/services/{region}/{name}/operations/{id}`: how a tracing change is going.
pub async fn operation(
    region: &str,
    name: &str,
    id: &str,
) -> Result<OperationProgress, ApiFailure> {
    let id = String::from(js_sys::encode_uri_component(id));
    get_json(&service_path(region, name, &format!("/operations/{id}"))).await
}

fn service_path(region: &str, name: &str, rest: &str) -> String {
    let encode = |part: &str| String::from(js_sys::encode_uri_component(part));
    format!("/services/{}/{}{rest}", encode(region), encode(name))
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    get(path)
        .await?
        .json()
        .await
        .map_err(|error| ApiFailure::Undecodable(error.to_string()))
}

/// A successful answer to `GET {BASE}{path}`, or why there is none.
async fn get(path: &str) -> Result<Response, ApiFailure> {
    let request = Request::get(&format!("{BASE}{path}")).header("Accept", "application/json");
    let response = with_embed_token(request)
        .send()
        .await
        .map_err(|error| ApiFailure::Unreachable(error.to_string()))?;
    if response.ok() {
        Ok(response)
    } else {
        Err(failure_of(response).await)
    }
}

async fn failure_of(response: Response) -> ApiFailure {
    // An unreadable body is as good as no body: the status alone still says something.
    let body = response.text().await.unwrap_or_default();
    let failure = failure_from_body(response.status(), &body);
    if page_embed_state().embedded {
        explain_embed_refusal(failure)
    } else {
        failure
    }
}

/// An embedded page's API calls carry the signed link's token (the backend reads nothing else).
fn with_embed_token(request: RequestBuilder) -> RequestBuilder {
    match &page_embed_state().token {
        Some(token) => request.header(embed::TOKEN_HEADER, token),
        None => request,
    }
}

/// In an iframe nobody can sign in: a refusal means the link itself is bad, so say that.
fn explain_embed_refusal(failure: ApiFailure) -> ApiFailure {
    match failure {
        ApiFailure::Rejected { status: 401, .. } => ApiFailure::Rejected {
            status: 401,
            error: ApiError::new(embed::REFUSED_CODE, embed::REFUSED_MESSAGE),
        },
        other => other,
    }
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
