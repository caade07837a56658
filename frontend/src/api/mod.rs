//! The one module that knows the backend's URLs: plain async functions over `/api/v1` that take
//! a typed request ([`request`]) and return `shared::api` types, or an [`ApiFailure`] a person
//! can act on. Pages never write a path or a query parameter themselves.

mod failure;
mod prefetch;
mod request;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use shared::api::compact_trace;
use shared::api::{
    Config, OperationProgress, ServiceDetail, ServiceList, ServiceMap, SetTracingAccepted,
    SetTracingRequest, TimeSeries, TraceDetail, TracePage, TraceRetrieval, TransactionSearch,
};
use wasm_bindgen_futures::JsFuture;

pub use failure::ApiFailure;
use failure::{explain_embed_refusal, failure_from_body};
pub use request::{
    MapRequest, ModeRequest, QueryPairs, RetrievalRequest, SeriesRequest, TraceSource,
    TracesRequest,
};

use crate::browser::{page_embed_state, perf};
use crate::components::traces::{STEP_DECODE, STEP_FETCH};
use crate::model::embed;
use crate::model::services::ServiceRef;

const BASE: &str = "/api/v1";

/// `GET /api/v1/config`: regions, read-only, demo scenario, auth and version.
pub async fn config() -> Result<Config, ApiFailure> {
    get_json("/config").await
}

/// `GET /api/v1/traces`: one page of trace summaries.
pub async fn traces(request: &TracesRequest) -> Result<TracePage, ApiFailure> {
    get_json(&with_query("/traces", request)).await
}

/// `GET /api/v1/transaction-search`: where a region's traces go and what X-Ray indexes of them.
pub async fn transaction_search(request: &ModeRequest) -> Result<TransactionSearch, ApiFailure> {
    get_json(&with_query("/transaction-search", request)).await
}

/// `GET /api/v1/traces/searches/{id}`: an all-spans search's rows so far and its progress.
pub async fn span_search(id: &str) -> Result<TracePage, ApiFailure> {
    get_json(&search_path(id)).await
}

/// `DELETE /api/v1/traces/searches/{id}`: stops an all-spans search (StopQuery). Nobody waits
/// for the answer, and an embed link may not stop searches (the backend's reaper does).
pub async fn stop_span_search(id: &str) -> Result<(), ApiFailure> {
    let request = Request::delete(&format!("{BASE}{}", search_path(id)))
        .header("Accept", "application/json")
        .header("X-Runtrace-Csrf", "1");
    let response = request
        .send()
        .await
        .map_err(|error| ApiFailure::Unreachable(error.to_string()))?;
    if response.ok() {
        Ok(())
    } else {
        Err(failure_of(response).await)
    }
}

fn search_path(id: &str) -> String {
    format!("/traces/searches/{}", js_sys::encode_uri_component(id))
}

/// `GET /api/v1/traces/{id}/retrieval`: starts or advances reading a trace X-Ray did not index.
pub async fn trace_retrieval(request: &RetrievalRequest) -> Result<TraceRetrieval, ApiFailure> {
    let id = String::from(js_sys::encode_uri_component(&request.trace.id));
    get_json(&with_query(&format!("/traces/{id}/retrieval"), request)).await
}

/// `GET /api/v1/traces/{id}`: one trace, assembled (without its documents), in its compact form
/// (`shared::api::compact_trace`): half the bytes of its JSON, and read several times faster.
/// The answer to a request [`prefetch_trace`] started is used when there is one.
pub async fn trace(source: &TraceSource) -> Result<TraceDetail, ApiFailure> {
    let url = trace_url(source);
    let response = match prefetch::take(&url) {
        Some(started) => {
            let response = JsFuture::from(started)
                .await
                .map_err(|error| ApiFailure::Unreachable(format!("{error:?}")))?;
            checked(Response::from(web_sys::Response::from(response))).await?
        }
        None => {
            perf::start(STEP_FETCH);
            send(trace_request(&url)).await?
        }
    };
    let form = response.headers().get("content-type").unwrap_or_default();
    if form != compact_trace::MEDIA_TYPE {
        return Err(ApiFailure::Undecodable(format!(
            "the trace came as {form}, not in its compact form"
        )));
    }
    // Bytes, not text: a 100,000-span trace is 33 MB, copied once into WASM memory.
    let body = response
        .binary()
        .await
        .map_err(|error| ApiFailure::Unreachable(error.to_string()))?;
    perf::finish(STEP_FETCH);
    perf::measured(STEP_DECODE, || decode::trace_detail(&body))
        .map_err(|error| ApiFailure::Undecodable(error.to_string()))
}

/// Starts the request for a trace whose link was just clicked, for [`trace`] to take up once the
/// trace's page is on.
pub fn prefetch_trace(source: &TraceSource) {
    let url = trace_url(source);
    if let Ok(request) = with_embed_token(trace_request(&url)).build() {
        perf::start(STEP_FETCH);
        prefetch::start(url, &request.into());
    }
}

fn trace_url(source: &TraceSource) -> String {
    format!("{BASE}{}", trace_path(source, ""))
}

fn trace_request(url: &str) -> RequestBuilder {
    Request::get(url).header("Accept", compact_trace::MEDIA_TYPE)
}

/// `GET /api/v1/traces/{id}/documents/{index}`: one top-level document as X-Ray returned it.
pub async fn trace_document(
    source: &TraceSource,
    index: usize,
) -> Result<shared::api::SegmentDocumentText, ApiFailure> {
    get_json(&trace_path(source, &format!("/documents/{index}"))).await
}

/// `GET /api/v1/traces/{id}/map`: the services this trace touched (X-Ray's GetTraceGraph).
pub async fn trace_map(source: &TraceSource) -> Result<ServiceMap, ApiFailure> {
    get_json(&trace_path(source, "/map")).await
}

/// `GET /api/v1/traces/{id}/export`: the trace as X-Ray's `BatchGetTraces` JSON, as text to save.
pub async fn trace_export(source: &TraceSource) -> Result<String, ApiFailure> {
    get(&trace_path(source, "/export"))
        .await?
        .text()
        .await
        .map_err(|error| ApiFailure::Undecodable(error.to_string()))
}

fn trace_path(source: &TraceSource, rest: &str) -> String {
    let id = String::from(js_sys::encode_uri_component(&source.id));
    with_query(&format!("/traces/{id}{rest}"), source)
}

/// `GET /api/v1/map`: the service graph.
pub async fn service_map(request: &MapRequest) -> Result<ServiceMap, ApiFailure> {
    get_json(&with_query("/map", request)).await
}

/// `GET /api/v1/map/timeseries`: a node's or an edge's statistics over the map's window.
pub async fn map_timeseries(request: &SeriesRequest) -> Result<TimeSeries, ApiFailure> {
    get_json(&with_query("/map/timeseries", request)).await
}

/// `path` with the request's query, encoded.
fn with_query(path: &str, request: &dyn QueryPairs) -> String {
    let params: leptos_router::params::ParamsMap = request
        .query_pairs()
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value))
        .collect();
    format!("{path}{}", params.to_query_string())
}

/// `GET /api/v1/services`: every service in every configured region, with per-region failures.
pub async fn services() -> Result<ServiceList, ApiFailure> {
    get_json("/services").await
}

/// `GET /api/v1/services?describe=known`: the quick list, answered as soon as the listings are:
/// a service whose description is not known yet is `pending` (its tracing not known yet).
pub async fn services_known() -> Result<ServiceList, ApiFailure> {
    get_json("/services?describe=known").await
}

/// `GET /api/v1/services/{region}/{name}`: one service's facts and recent operations (an
/// Express service's configuration, deployments and tracing plan too).
pub async fn service(service: &ServiceRef) -> Result<ServiceDetail, ApiFailure> {
    get_json(&service_path(service, "")).await
}

/// `PUT /api/v1/services/{region}/{name}/tracing`: starts the deployment that turns tracing on
/// or off; poll [`operation`] with the id it returns.
pub async fn set_tracing(
    service: &ServiceRef,
    enabled: bool,
) -> Result<SetTracingAccepted, ApiFailure> {
    let request = Request::put(&format!("{BASE}{}", service_path(service, "/tracing")))
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
/// For an Express service the operation is its deployment, with the canary's stage.
pub async fn operation(service: &ServiceRef, id: &str) -> Result<OperationProgress, ApiFailure> {
    let id = String::from(js_sys::encode_uri_component(id));
    get_json(&service_path(service, &format!("/operations/{id}"))).await
}

/// `/services/{region}/{name}{rest}`, plus `?kind=ecs_express&cluster=…` for an Express service.
fn service_path(service: &ServiceRef, rest: &str) -> String {
    let encode = |part: &str| String::from(js_sys::encode_uri_component(part));
    let path = format!(
        "/services/{}/{}{rest}",
        encode(&service.region),
        encode(&service.name)
    );
    let which: leptos_router::params::ParamsMap = service.which().into_iter().collect();
    format!("{path}{}", which.to_query_string())
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
    send(Request::get(&format!("{BASE}{path}")).header("Accept", "application/json")).await
}

/// A successful answer to `request`, or why there is none.
async fn send(request: RequestBuilder) -> Result<Response, ApiFailure> {
    let response = with_embed_token(request)
        .send()
        .await
        .map_err(|error| ApiFailure::Unreachable(error.to_string()))?;
    checked(response).await
}

/// `response` if it is a success, else the failure its status and body say.
async fn checked(response: Response) -> Result<Response, ApiFailure> {
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
