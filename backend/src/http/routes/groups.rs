//! `GET /api/v1/groups`.

use axum::extract::State;
use shared::api::Group;

use super::traces::RegionQuery;
use crate::http::error::AppError;
use crate::http::extract::ApiQuery;
use crate::http::json::{AcceptEncoding, JsonAnswer};
use crate::http::params;
use crate::http::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiQuery(query): ApiQuery<RegionQuery>,
) -> Result<JsonAnswer<Vec<Group>>, AppError> {
    let region = params::region(state.upstream.regions(), query.region.as_deref())?;
    Ok(JsonAnswer(state.upstream.groups(&region).await?, accept))
}
