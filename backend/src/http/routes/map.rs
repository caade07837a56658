//! `GET /api/v1/map` and `GET /api/v1/map/timeseries`.

use axum::extract::State;
use serde::Deserialize;
use shared::api::{ServiceMap, TimeSeries};

use crate::aws::{Entity, MapRequest, TimeRange, TimeSeriesRequest};
use crate::http::error::AppError;
use crate::http::extract::ApiQuery;
use crate::http::json::{AcceptEncoding, JsonAnswer};
use crate::http::params::{self, names, time};
use crate::http::state::AppState;

/// The parameters every windowed route takes.
#[derive(Debug, Deserialize)]
pub struct WindowQuery {
    pub region: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub window: Option<String>,
    pub group: Option<String>,
}

impl WindowQuery {
    pub fn resolve(
        &self,
        state: &AppState,
    ) -> Result<(String, TimeRange, Option<String>), AppError> {
        let region = params::region(state.upstream.regions(), self.region.as_deref())?;
        let range = time::time_range(
            self.start.as_deref(),
            self.end.as_deref(),
            self.window.as_deref(),
            state.settings.now(),
        )?;
        let group = match self.group.as_deref().filter(|g| !g.is_empty()) {
            Some(group) => Some(
                params::checked(
                    group,
                    names::is_group_name,
                    "group",
                    "1 to 32 letters, digits, - or _",
                )?
                .to_owned(),
            ),
            None => None,
        };
        Ok((region, range, group))
    }
}

pub async fn map(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiQuery(query): ApiQuery<WindowQuery>,
) -> Result<JsonAnswer<ServiceMap>, AppError> {
    let (region, range, group) = query.resolve(&state)?;
    let request = MapRequest {
        region,
        range,
        group,
    };
    Ok(JsonAnswer(
        state.upstream.service_map(request).await?,
        accept,
    ))
}

#[derive(Debug, Deserialize)]
pub struct SeriesQuery {
    #[serde(flatten)]
    window: WindowQuery,
    /// A node by name (and optionally type)...
    node: Option<String>,
    #[serde(rename = "type")]
    node_type: Option<String>,
    /// ...or an edge by its two node names.
    source: Option<String>,
    target: Option<String>,
    /// Seconds per point: 60 (default) or 300.
    period: Option<String>,
}

pub async fn timeseries(
    State(state): State<AppState>,
    accept: AcceptEncoding,
    ApiQuery(query): ApiQuery<SeriesQuery>,
) -> Result<JsonAnswer<TimeSeries>, AppError> {
    let (region, range, group) = query.window.resolve(&state)?;
    let request = TimeSeriesRequest {
        region,
        range,
        entity: entity(&query)?,
        period: period(query.period.as_deref())?,
        group,
    };
    Ok(JsonAnswer(
        state.upstream.time_series(request).await?,
        accept,
    ))
}

fn entity(query: &SeriesQuery) -> Result<Entity, AppError> {
    let node_name = |name: &str, param: &str| {
        params::checked(
            name,
            names::is_node_name,
            param,
            "a service-map node name, without quotes or backslashes",
        )
        .map(str::to_owned)
    };
    match (&query.node, &query.source, &query.target) {
        (Some(node), None, None) => Ok(Entity::Node {
            name: node_name(node, "node")?,
            node_type: match query.node_type.as_deref() {
                Some(t) => Some(
                    params::checked(
                        t,
                        names::is_node_type,
                        "type",
                        "a node type like AWS::AppRunner::Service",
                    )?
                    .to_owned(),
                ),
                None => None,
            },
        }),
        (None, Some(source), Some(target)) => Ok(Entity::Edge {
            source: node_name(source, "source")?,
            target: node_name(target, "target")?,
        }),
        _ => Err(AppError::bad_parameter(
            "node",
            "give `node` (with an optional `type`) for a node, or `source` and `target` for an edge",
        )),
    }
}

fn period(text: Option<&str>) -> Result<i32, AppError> {
    match text.map(str::trim) {
        None | Some("60") => Ok(60),
        Some("300") => Ok(300),
        Some(_) => Err(AppError::bad_parameter(
            "period",
            "`period` is 60 or 300 (seconds)",
        )),
    }
}
