//! App Runner and ECS Express services: the list, one service, the tracing change and its
//! operation (for Express: its deployment). Which kind a path names: [`super::service_target`].

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use shared::api::{
    OperationProgress, ServiceDetail, ServiceList, SetTracingAccepted, SetTracingRequest,
};

use super::service_target::{Target, Which, resolve};
use crate::http::error::AppError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::http::json::{AcceptEncoding, JsonAnswer};
use crate::http::params::{self, names};
use crate::http::state::AppState;

/// `?describe=`: how long the list waits for the descriptions that carry the tracing state.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Describe {
    /// Every service described (the default): waits for every description not cached.
    #[default]
    All,
    /// At once: the descriptions already known, the others pending and read meanwhile.
    Known,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    describe: Describe,
}

pub async fn list(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ListParams>,
    accept: AcceptEncoding,
) -> Result<JsonAnswer<ServiceList>, AppError> {
    let list = match params.describe {
        Describe::All => state.upstream.services(state.settings.now()).await?,
        Describe::Known => state.upstream.known_services().await?,
    };
    Ok(JsonAnswer(list, accept))
}

pub async fn detail(
    State(state): State<AppState>,
    ApiPath((region, name)): ApiPath<(String, String)>,
    ApiQuery(which): ApiQuery<Which>,
) -> Result<Json<ServiceDetail>, AppError> {
    let detail = match resolve(&state, &region, &name, &which).await? {
        Target::AppRunner { region, name } => state.upstream.service(&region, &name).await?,
        Target::Express(service) => {
            let now = state.settings.now();
            state.upstream.express_service(&service, now).await?
        }
    };
    Ok(Json(detail))
}

pub async fn set_tracing(
    State(state): State<AppState>,
    ApiPath((region, name)): ApiPath<(String, String)>,
    ApiQuery(which): ApiQuery<Which>,
    ApiJson(request): ApiJson<SetTracingRequest>,
) -> Result<(StatusCode, Json<SetTracingAccepted>), AppError> {
    // Read-only mode does not route here; the operator role and the CSRF checks were enforced
    // by the auth layer (crate::auth).
    let accepted = match resolve(&state, &region, &name, &which).await? {
        Target::AppRunner { region, name } => {
            state
                .upstream
                .set_tracing(&region, &name, request.enabled)
                .await?
        }
        Target::Express(service) => {
            state
                .upstream
                .set_express_tracing(&service, request.enabled)
                .await?
        }
    };
    Ok((StatusCode::ACCEPTED, Json(accepted)))
}

pub async fn operation(
    State(state): State<AppState>,
    ApiPath((region, name, id)): ApiPath<(String, String, String)>,
    ApiQuery(which): ApiQuery<Which>,
) -> Result<Json<OperationProgress>, AppError> {
    let progress = match resolve(&state, &region, &name, &which).await? {
        Target::AppRunner { region, name } => {
            let id = params::checked(&id, names::is_operation_id, "operation id", "a UUID")?;
            state.upstream.operation(&region, &name, id).await?
        }
        Target::Express(service) => {
            let id = params::checked(
                &id,
                names::is_deployment_id,
                "operation id",
                "an ECS deployment id (the last part of its ARN)",
            )?;
            state.upstream.express_deployment(&service, id).await?
        }
    };
    Ok(Json(progress))
}
