//! App Runner services: the list, one service, the tracing toggle and its operation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use shared::api::{
    OperationProgress, ServiceDetail, ServiceList, SetTracingAccepted, SetTracingRequest,
};

use crate::http::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::http::json::{AcceptEncoding, JsonAnswer};
use crate::http::params::{self, names};
use crate::http::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    accept: AcceptEncoding,
) -> Result<JsonAnswer<ServiceList>, AppError> {
    Ok(JsonAnswer(state.upstream.services().await?, accept))
}

pub async fn detail(
    State(state): State<AppState>,
    ApiPath((region, name)): ApiPath<(String, String)>,
) -> Result<Json<ServiceDetail>, AppError> {
    let (region, name) = service_path(&state, &region, &name)?;
    Ok(Json(state.upstream.service(&region, name).await?))
}

pub async fn set_tracing(
    State(state): State<AppState>,
    ApiPath((region, name)): ApiPath<(String, String)>,
    ApiJson(request): ApiJson<SetTracingRequest>,
) -> Result<(StatusCode, Json<SetTracingAccepted>), AppError> {
    // Read-only mode does not route here; the operator role and the CSRF checks were enforced
    // by the auth layer (crate::auth).
    let (region, name) = service_path(&state, &region, &name)?;
    let accepted = state
        .upstream
        .set_tracing(&region, name, request.enabled)
        .await?;
    Ok((StatusCode::ACCEPTED, Json(accepted)))
}

pub async fn operation(
    State(state): State<AppState>,
    ApiPath((region, name, id)): ApiPath<(String, String, String)>,
) -> Result<Json<OperationProgress>, AppError> {
    let (region, name) = service_path(&state, &region, &name)?;
    let id = params::checked(&id, names::is_operation_id, "operation id", "a UUID")?;
    Ok(Json(state.upstream.operation(&region, name, id).await?))
}

fn service_path<'a>(
    state: &AppState,
    region: &str,
    name: &'a str,
) -> Result<(String, &'a str), AppError> {
    let region = params::region(state.upstream.regions(), Some(region))?;
    let name = params::checked(
        name,
        names::is_service_name,
        "service name",
        "4 to 40 letters, digits, - or _",
    )?;
    Ok((region, name))
}
