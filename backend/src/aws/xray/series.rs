//! GetTimeSeriesServiceStatistics for one node or edge.

use std::ops::ControlFlow;

use aws_smithy_types::DateTime;
use shared::api::{Derived, TimeSeries, TimeSeriesPoint};

use super::convert::{self, RawStats};
use crate::aws::UpstreamResult;
use crate::aws::limiter::Limiter;
use crate::aws::requests::{Entity, TimeSeriesRequest};

/// 6 h at one point a minute is 360 points; pages hold many, so this only stops a runaway token.
const MAX_PAGES: usize = 20;

pub async fn time_series(
    client: &aws_sdk_xray::Client,
    request: &TimeSeriesRequest,
    limiter: &Limiter,
) -> UpstreamResult<TimeSeries> {
    let region = request.region.as_str();
    const ACTION: &str = "xray:GetTimeSeriesServiceStatistics";
    let mut points = Vec::new();
    let pages = client
        .get_time_series_service_statistics()
        .start_time(DateTime::from_secs(request.range.start))
        .end_time(DateTime::from_secs(request.range.end))
        .entity_selector_expression(selector(&request.entity))
        .period(request.period)
        .set_group_name(request.group.clone())
        .into_paginator()
        .send();
    limiter
        .pages(ACTION, region, pages, MAX_PAGES, |page| {
            points.extend(page.time_series_service_statistics().iter().map(|point| {
                let raw = match (&request.entity, point.edge_summary_statistics()) {
                    (Entity::Edge { .. }, Some(edge)) => Some(RawStats::from(edge)),
                    _ => point.service_summary_statistics().map(RawStats::from),
                };
                let stats = convert::stats(raw);
                TimeSeriesPoint {
                    timestamp: point.timestamp().map_or(0.0, DateTime::as_secs_f64),
                    derived: Derived::from_stats(&stats, f64::from(request.period)),
                    stats,
                }
            }));
            ControlFlow::Continue(())
        })
        .await?;
    points.sort_by(|a, b| a.timestamp.total_cmp(&b.timestamp));
    Ok(TimeSeries {
        period_s: u64::try_from(request.period).unwrap_or(60),
        points,
    })
}

/// X-Ray's entity selector. Names were validated by the HTTP layer (no quotes or backslashes),
/// so quoting them is enough.
pub fn selector(entity: &Entity) -> String {
    match entity {
        Entity::Node {
            name,
            node_type: Some(node_type),
        } => format!("service(id(name: \"{name}\", type: \"{node_type}\"))"),
        Entity::Node {
            name,
            node_type: None,
        } => format!("service(\"{name}\")"),
        Entity::Edge { source, target } => format!("edge(\"{source}\", \"{target}\")"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        let check = |entity: Entity, expect: &str| assert_eq!(selector(&entity), expect);
        check(
            Entity::Node {
                name: "api".into(),
                node_type: None,
            },
            r#"service("api")"#,
        );
        check(
            Entity::Node {
                name: "api".into(),
                node_type: Some("AWS::AppRunner::Service".into()),
            },
            r#"service(id(name: "api", type: "AWS::AppRunner::Service"))"#,
        );
        check(
            Entity::Edge {
                source: "api".into(),
                target: "movies-app".into(),
            },
            r#"edge("api", "movies-app")"#,
        );
    }
}
