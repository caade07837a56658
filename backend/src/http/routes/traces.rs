//! `GET /api/v1/traces` (summaries) and `GET /api/v1/traces/{id}` (one trace).

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use shared::api::{ApiError, ErrorDetail, TraceDetail, TracePage, codes};
use shared::filter::{ParseError, parse_optional};

use super::map::WindowQuery;
use crate::aws::TraceQuery;
use crate::cursor::Cursor;
use crate::http::error::AppError;
use crate::http::extract::{ApiPath, ApiQuery};
use crate::http::json::{AcceptEncoding, JsonAnswer};
use crate::http::params::{self, names};
use crate::http::state::AppState;

/// X-Ray's own limit on a filter expression's length is not published; this keeps URLs sane.
const MAX_FILTER_BYTES: usize = 2000;

#[derive(Debug, Deserialize)]
pub struct TracesQuery {
    #[serde(flatten)]
    window: WindowQuery,
    filter: Option<String>,
    cursor: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiQuery(query): ApiQuery<TracesQuery>,
) -> Result<JsonAnswer<TracePage>, AppError> {
    // The filter is checked first: a typo should be pointed at before anything else is looked at.
    let filter = canonical_filter(query.filter.as_deref().unwrap_or_default())?;
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
        // The window the first page was asked for, whatever "now" is by this request.
        range = cursor.range();
        next_token = Some(cursor.token);
    }
    let query = TraceQuery {
        region,
        range,
        filter,
        next_token,
    };
    Ok(JsonAnswer(
        state.upstream.trace_summaries(query).await?,
        accept,
    ))
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

pub async fn one(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<RegionQuery>,
) -> Result<JsonAnswer<TraceDetail>, AppError> {
    let region = params::region(state.upstream.regions(), query.region.as_deref())?;
    let id = params::checked(
        &id,
        names::is_trace_id,
        "trace id",
        "1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx (hex digits)",
    )?;
    Ok(JsonAnswer(state.upstream.trace(&region, id).await?, accept))
}
