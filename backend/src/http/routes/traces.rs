//! `GET /api/v1/traces` (summaries; `source=spans` searches every span, see `spans.rs`),
//! `GET /api/v1/traces/{id}` (one trace, assembled, without its documents; JSON or its compact
//! form),
//! `…/{id}/documents/{index}` (one document as text), `…/{id}/export` (X-Ray's JSON) and
//! `…/{id}/map` (the trace's services). A trace X-Ray did not index is served from its
//! retrieval, once retrieved.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use std::sync::Arc;

use shared::api::{
    ApiError, ErrorDetail, SegmentDocumentText, ServiceMap, TraceDetail, TracePage, XRayTraces,
    codes,
};
use shared::filter::{ParseError, parse_optional};

use super::map::WindowQuery;
use crate::answer::Answer;
use crate::aws::TraceQuery;
use crate::cursor::Cursor;
use crate::http::compact::{AcceptsCompact, TraceAnswer};
use crate::http::error::AppError;
use crate::http::extract::{ApiPath, ApiQuery};
use crate::http::json::{AcceptEncoding, JsonAnswer};
use crate::http::params::time::validate;
use crate::http::params::{self, names};
use crate::http::state::AppState;

/// X-Ray's own limit on a filter expression's length is not published; this keeps URLs sane.
const MAX_FILTER_BYTES: usize = 2000;

#[derive(Debug, Deserialize)]
pub struct TracesQuery {
    #[serde(flatten)]
    pub(super) window: WindowQuery,
    pub(super) filter: Option<String>,
    pub(super) cursor: Option<String>,
    /// `indexed` (X-Ray's GetTraceSummaries, the default) or `spans` (all spans).
    pub(super) source: Option<String>,
    /// With `source=spans`: at most this many traces.
    pub(super) limit: Option<String>,
    /// `1`: also read the whole window's matches into an overview (first pages only).
    pub(super) overview: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiQuery(query): ApiQuery<TracesQuery>,
) -> Result<JsonAnswer<TracePage>, AppError> {
    match query.source.as_deref().map(str::trim) {
        None | Some("" | "indexed") => {}
        Some("spans") => return super::spans::start_search(&state, accept, &query).await,
        Some(_) => {
            return Err(AppError::bad_parameter(
                "source",
                "`source` is `indexed` (X-Ray's index, the default) or `spans` (every span, with Transaction Search)",
            ));
        }
    }
    // The filter is checked first: a typo should be pointed at before anything else is looked at.
    let filter = canonical_filter(query.filter.as_deref().unwrap_or_default())?;
    let overview = flag("overview", query.overview.as_deref())?;
    let (region, mut range, _) = query.window.resolve(&state)?;
    let mut next_token = None;
    if let Some(text) = query.cursor.as_deref().filter(|c| !c.is_empty()) {
        let cursor = Cursor::decode(text).ok_or_else(|| {
            AppError::bad_parameter("cursor", "the cursor is not one runtrace handed out")
        })?;
        if !cursor.continues(filter.as_deref()) {
            return Err(AppError::bad_parameter(
                "cursor",
                "the cursor belongs to another filter; start again from the first page",
            ));
        }
        // The window the first page was asked for, whatever "now" is by this request — held to
        // the limits of any window, so no cursor reads more than a first page could.
        range = validate(cursor.range(), state.settings.now())?;
        next_token = Some(cursor.token);
    }
    let query = TraceQuery {
        region,
        range,
        filter,
        // A cursor continues the list; the overview came with the first page.
        overview: overview && next_token.is_none(),
        next_token,
    };
    Ok(JsonAnswer(
        state.upstream.trace_summaries(query).await?,
        accept,
    ))
}

/// A yes/no parameter: `1` or `true`, `0` or `false` (absent is no).
fn flag(name: &'static str, value: Option<&str>) -> Result<bool, AppError> {
    match value.unwrap_or_default() {
        "" | "0" | "false" => Ok(false),
        "1" | "true" => Ok(true),
        _ => Err(AppError::bad_parameter(name, "1 or 0")),
    }
}

/// The expression as the shared printer writes it (what X-Ray is sent), or `None` for no filter.
pub fn canonical_filter(text: &str) -> Result<Option<String>, AppError> {
    if text.len() > MAX_FILTER_BYTES {
        return Err(AppError::bad_parameter(
            "filter",
            format!("the filter is longer than {MAX_FILTER_BYTES} bytes"),
        ));
    }
    parse_optional(text)
        .map(|expr| expr.map(|e| e.to_string()))
        .map_err(filter_error)
}

fn filter_error(error: ParseError) -> AppError {
    let body = ApiError::new(
        codes::INVALID_FILTER,
        format!("the filter does not parse: {error}"),
    )
    .with_detail(ErrorDetail::FilterPosition {
        offset: error.offset,
        len: error.len,
        column: error.column,
    });
    AppError::invalid(StatusCode::BAD_REQUEST, body)
}

#[derive(Debug, Deserialize)]
pub struct RegionQuery {
    pub region: Option<String>,
}

/// The trace as JSON, or in its compact form when `Accept` asks for it (see `http/compact.rs`).
pub async fn one(
    State(state): State<AppState>,
    encoding: AcceptEncoding,
    compact: AcceptsCompact,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<RegionQuery>,
) -> Result<TraceAnswer, AppError> {
    Ok(TraceAnswer {
        answer: cached_trace(&state, &id, &query).await?,
        encoding,
        compact,
    })
}

/// One top-level document of the trace, for the span details' raw view.
pub async fn document(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiPath((id, index)): ApiPath<(String, usize)>,
    ApiQuery(query): ApiQuery<RegionQuery>,
) -> Result<JsonAnswer<SegmentDocumentText>, AppError> {
    let trace = cached_trace(&state, &id, &query).await?;
    let document = trace.value().document(index).ok_or_else(|| {
        AppError::not_found(format!(
            "trace {id} has {} documents; there is no document {index}",
            trace.value().trace.documents.len()
        ))
    })?;
    Ok(JsonAnswer(Arc::new(Answer::new(document)), accept))
}

/// The trace as X-Ray's `BatchGetTraces` answer, for the download.
pub async fn export(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<RegionQuery>,
) -> Result<JsonAnswer<XRayTraces>, AppError> {
    let trace = cached_trace(&state, &id, &query).await?;
    Ok(JsonAnswer(
        Arc::new(Answer::new(trace.value().to_xray())),
        accept,
    ))
}

/// The services this trace touched and the calls between them.
pub async fn map(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<RegionQuery>,
) -> Result<JsonAnswer<ServiceMap>, AppError> {
    let (region, id) = checked_trace(&state, &id, &query)?;
    if let Some(map) = state.upstream.all_spans().retrieved_map(&region, id).await {
        return Ok(JsonAnswer(map?, accept));
    }
    Ok(JsonAnswer(
        state.upstream.trace_map(&region, id).await?,
        accept,
    ))
}

/// The region and the id, checked.
fn checked_trace<'a>(
    state: &AppState,
    id: &'a str,
    query: &RegionQuery,
) -> Result<(String, &'a str), AppError> {
    let region = params::region(state.upstream.regions(), query.region.as_deref())?;
    let id = params::checked(
        id,
        names::is_trace_id,
        "trace id",
        "1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx (hex digits)",
    )?;
    Ok((region, id))
}

/// The trace from the cache (or X-Ray), after checking the region and the id's form.
async fn cached_trace(
    state: &AppState,
    id: &str,
    query: &RegionQuery,
) -> Result<Arc<Answer<TraceDetail>>, AppError> {
    let (region, id) = checked_trace(state, id, query)?;
    match state.upstream.trace(&region, id).await {
        Err(error) if super::spans::is_not_found(&error) => {
            super::spans::not_found_trace(state, &region, id, error).await
        }
        answer => Ok(answer?),
    }
}
