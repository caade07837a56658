//! Transaction Search's routes: the mode of a region (`GET /api/v1/transaction-search`),
//! all-spans search (`GET /api/v1/traces?source=spans`, then `GET`/`DELETE
//! /api/v1/traces/searches/{id}`), trace retrieval (`GET /api/v1/traces/{id}/retrieval`), and
//! the fallback of the trace routes to a retrieved trace.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use shared::api::{
    ApiError, ErrorDetail, TraceDetail, TracePage, TraceRetrieval, TransactionSearch, codes,
};
use shared::search::{MAX_ROWS, Untranslatable};

use super::traces::{RegionQuery, TracesQuery, canonical_filter};
use crate::answer::Answer;
use crate::aws::{ErrorKind, RetrievalRequest, SpanSearchRequest, TimeRange, UpstreamError};
use crate::http::error::AppError;
use crate::http::extract::{ApiPath, ApiQuery};
use crate::http::json::{AcceptEncoding, JsonAnswer};
use crate::http::params::{self, names, time};
use crate::http::state::AppState;

/// Rows of an all-spans search unless `limit=` says otherwise.
pub const DEFAULT_LIMIT: u32 = 500;
/// A retrieval without `start`/`end` looks from a minute before the time in the trace id to an
/// hour after it.
const BEFORE_ID_SECONDS: i64 = 60;
const AFTER_ID_SECONDS: i64 = 3_600;

pub async fn mode(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiQuery(query): ApiQuery<RegionQuery>,
) -> Result<JsonAnswer<TransactionSearch>, AppError> {
    let region = params::region(state.upstream.regions(), query.region.as_deref())?;
    Ok(JsonAnswer(
        state.upstream.all_spans().mode(&region).await?,
        accept,
    ))
}

/// Refused unless Transaction Search is in effect in `region`.
async fn require_all_spans(state: &AppState, region: &str) -> Result<(), AppError> {
    let mode = state.upstream.all_spans().mode(region).await?;
    if mode.value().all_spans {
        return Ok(());
    }
    let body = ApiError::new(
        codes::NO_TRANSACTION_SEARCH,
        format!(
            "Transaction Search is not in effect in {region} (trace segment destination {}, {}): X-Ray's own search sees every trace there; use source=indexed",
            mode.value().destination,
            mode.value().status
        ),
    );
    Err(AppError::invalid(StatusCode::CONFLICT, body))
}

/// `GET /api/v1/traces?source=spans`: starts (or joins) the search and answers its first page.
pub async fn start_search(
    state: &AppState,
    accept: AcceptEncoding,
    query: &TracesQuery,
) -> Result<JsonAnswer<TracePage>, AppError> {
    let raw = query.filter.as_deref().unwrap_or_default();
    let filter = canonical_filter(raw)?;
    if query.cursor.as_deref().is_some_and(|c| !c.is_empty()) {
        return Err(AppError::bad_parameter(
            "cursor",
            "an all-spans search lists its traces in one go (up to `limit`) and takes no cursor",
        ));
    }
    let limit = limit(query.limit.as_deref())?;
    let expr = filter.as_deref().map(shared::filter::parse).transpose();
    let expr = expr.map_err(|e| AppError::bad_parameter("filter", e.to_string()))?;
    let span_query = shared::search::translate(expr.as_ref(), limit)
        .map_err(|e| untranslatable(&e, raw.trim() == filter.as_deref().unwrap_or_default()))?;
    let (region, range, _) = query.window.resolve(state)?;
    require_all_spans(state, &region).await?;
    let request = SpanSearchRequest {
        region,
        range,
        filter,
        query: span_query,
        limit,
        now: state.settings.now() as f64,
    };
    Ok(JsonAnswer(
        state.upstream.all_spans().start_search(request).await?,
        accept,
    ))
}

fn limit(text: Option<&str>) -> Result<u32, AppError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(DEFAULT_LIMIT),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_ROWS).contains(n))
            .ok_or_else(|| {
                AppError::bad_parameter(
                    "limit",
                    format!("`limit` is a number of traces from 1 to {MAX_ROWS}"),
                )
            }),
    }
}

/// The part the translation refused, underlined when the filter was sent in canonical form
/// (as the refiners write it); otherwise the message shows the canonical text it refers to.
fn untranslatable(error: &Untranslatable, sent_canonical: bool) -> AppError {
    let mut body = ApiError::new(codes::UNTRANSLATABLE_FILTER, error.to_string());
    if sent_canonical {
        body = body.with_detail(ErrorDetail::FilterPosition {
            offset: error.offset,
            len: error.len,
            column: error.column,
        });
    }
    AppError::invalid(StatusCode::BAD_REQUEST, body)
}

fn search_gone(id: &str) -> AppError {
    let body = ApiError::new(
        codes::SEARCH_GONE,
        format!(
            "there is no all-spans search {}: it finished more than a few minutes ago, was stopped for lack of polling, or ran on another runtrace replica; start it again",
            id.chars().take(64).collect::<String>()
        ),
    );
    AppError::invalid(StatusCode::NOT_FOUND, body)
}

/// `GET /api/v1/traces/searches/{id}`: the rows so far and the progress.
pub async fn poll_search(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiPath(id): ApiPath<String>,
) -> Result<JsonAnswer<TracePage>, AppError> {
    match state.upstream.all_spans().search(&id).await? {
        Some(page) => Ok(JsonAnswer(page, accept)),
        None => Err(search_gone(&id)),
    }
}

/// `DELETE /api/v1/traces/searches/{id}`: StopQuery; answers the rows found until then.
pub async fn stop_search(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiPath(id): ApiPath<String>,
) -> Result<JsonAnswer<TracePage>, AppError> {
    match state.upstream.all_spans().stop_search(&id).await? {
        Some(page) => Ok(JsonAnswer(page, accept)),
        None => Err(search_gone(&id)),
    }
}

#[derive(Debug, Deserialize)]
pub struct RetrievalQuery {
    region: Option<String>,
    start: Option<String>,
    end: Option<String>,
    window: Option<String>,
    /// `true`: start over when an earlier retrieval ended without the trace.
    retry: Option<String>,
}

/// `GET /api/v1/traces/{id}/retrieval`: starts (or advances) reading the trace from all spans.
pub async fn retrieval(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<RetrievalQuery>,
) -> Result<axum::Json<TraceRetrieval>, AppError> {
    let region = params::region(state.upstream.regions(), query.region.as_deref())?;
    let id = params::checked(
        &id,
        names::is_trace_id,
        "trace id",
        "1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx (hex digits)",
    )?;
    let now = state.settings.now();
    let range = match (&query.start, &query.end, &query.window) {
        (None, None, None) => around_id(id, now),
        (start, end, window) => {
            time::time_range(start.as_deref(), end.as_deref(), window.as_deref(), now)?
        }
    };
    require_all_spans(&state, &region).await?;
    let request = RetrievalRequest {
        region,
        trace_id: id.to_owned(),
        range,
        retry: matches!(query.retry.as_deref(), Some("true" | "1")),
        now: now as f64,
    };
    Ok(axum::Json(
        state.upstream.all_spans().retrieval(request).await?,
    ))
}

/// The window around the time an X-Ray trace id carries (its first 8 hex digits), not after now.
fn around_id(id: &str, now: i64) -> TimeRange {
    let epoch = id
        .get(2..10)
        .and_then(|hex| i64::from_str_radix(hex, 16).ok())
        .unwrap_or(now);
    let end = (epoch + AFTER_ID_SECONDS)
        .min(now)
        .max(epoch - BEFORE_ID_SECONDS + 1);
    TimeRange {
        start: epoch - BEFORE_ID_SECONDS,
        end,
    }
}

/// A trace BatchGetTraces did not find: the retrieved copy when there is one; with
/// Transaction Search on, "not indexed" (retrieve it); else the error as it was.
pub async fn not_found_trace(
    state: &AppState,
    region: &str,
    id: &str,
    error: UpstreamError,
) -> Result<Arc<Answer<TraceDetail>>, AppError> {
    if let Some(trace) = state.upstream.all_spans().retrieved_trace(region, id).await {
        return Ok(trace);
    }
    let indexed_share = match state.upstream.all_spans().mode(region).await {
        Ok(mode) if mode.value().all_spans => mode.value().indexing_percent,
        _ => return Err(error.into()),
    };
    let share = indexed_share.map_or_else(|| "a share".to_owned(), |p| format!("{p} %"));
    let body = ApiError::new(
        codes::NOT_INDEXED,
        format!(
            "trace {id} is not among the traces X-Ray indexed in {region} ({share} of traces, Transaction Search); read it from all spans with GET /api/v1/traces/{id}/retrieval"
        ),
    );
    Err(AppError::invalid(StatusCode::NOT_FOUND, body))
}

/// Whether an upstream error says "not found".
pub fn is_not_found(error: &UpstreamError) -> bool {
    matches!(error.kind, ErrorKind::NotFound { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retrieval_looks_around_the_time_in_the_id() {
        let id = "1-5f84c7a1-0123456789abcdef01234567";
        let epoch = 0x5f84_c7a1;
        assert_eq!(
            around_id(id, epoch + 10_000),
            TimeRange {
                start: epoch - 60,
                end: epoch + 3_600
            }
        );
        assert_eq!(
            around_id(id, epoch + 30),
            TimeRange {
                start: epoch - 60,
                end: epoch + 30
            }
        );
    }

    #[test]
    fn check_limits() {
        assert_eq!(limit(None).ok(), Some(DEFAULT_LIMIT));
        assert_eq!(limit(Some("20")).ok(), Some(20));
        assert!(limit(Some("0")).is_err());
        assert!(limit(Some("10001")).is_err());
        assert!(limit(Some("x")).is_err());
    }
}
