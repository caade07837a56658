//! Which service a `/services/{region}/{name}` path names. App Runner and ECS Express services
//! share the routes; `?kind=app_runner|ecs_express` says which (mid-migration, one name can be
//! on both) and `&cluster=` picks among Express services of one name. Without `kind`, the name
//! is looked up (App Runner first) and must be a valid App Runner name; Express names outside
//! App Runner's rules (1–3 or 41–255 characters) need `kind=ecs_express`.

use serde::Deserialize;
use shared::api::ServiceKind;

use crate::aws::ExpressRef;
use crate::http::error::AppError;
use crate::http::params::{self, names};
use crate::http::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct Which {
    kind: Option<String>,
    cluster: Option<String>,
}

pub enum Target {
    AppRunner { region: String, name: String },
    Express(ExpressRef),
}

pub async fn resolve(
    state: &AppState,
    region: &str,
    name: &str,
    which: &Which,
) -> Result<Target, AppError> {
    let region = params::region(state.upstream.regions(), Some(region))?;
    let cluster = which
        .cluster
        .as_deref()
        .map(|c| {
            params::checked(
                c,
                names::is_ecs_name,
                "cluster",
                "1 to 255 letters, digits, - or _",
            )
        })
        .transpose()?;
    let kind = match which.kind.as_deref() {
        Some(kind) => Some(ServiceKind::parse(kind).ok_or_else(|| {
            AppError::bad_parameter("kind", "kind must be app_runner or ecs_express")
        })?),
        // A cluster only makes sense for Express.
        None if cluster.is_some() => Some(ServiceKind::EcsExpress),
        None => None,
    };
    let name = match kind {
        Some(ServiceKind::EcsExpress) => params::checked(
            name,
            names::is_ecs_name,
            "service name",
            "1 to 255 letters, digits, - or _",
        )?,
        _ => params::checked(
            name,
            names::is_service_name,
            "service name",
            "4 to 40 letters, digits, - or _",
        )?,
    };
    let kind = match kind {
        Some(kind) => kind,
        None => state.upstream.kind_of(&region, name).await?,
    };
    Ok(match kind {
        ServiceKind::AppRunner => Target::AppRunner {
            region,
            name: name.to_owned(),
        },
        ServiceKind::EcsExpress => Target::Express(ExpressRef {
            region,
            name: name.to_owned(),
            cluster: cluster.map(str::to_owned),
        }),
    })
}
