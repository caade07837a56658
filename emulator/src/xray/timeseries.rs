//! GetTimeSeriesServiceStatistics: the hits of one service, one edge or every edge, bucketed by
//! start time into periods aligned to the epoch. Only periods with requests are returned.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::selector::{Entity, selects};
use super::stats::Aggregate;
use super::view::{NodeKey, TraceView, outcome};
use super::window::Window;
use crate::protocol::{AwsError, AwsResult};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Period(u32);

impl Period {
    /// 60 s when left out; X-Ray aggregates per minute or per five minutes.
    pub fn parse(seconds: Option<i64>) -> AwsResult<Self> {
        match seconds {
            None | Some(60) => Ok(Self(60)),
            Some(300) => Ok(Self(300)),
            Some(other) => Err(AwsError::invalid_request(format!(
                "Period must be 60 or 300 seconds, got {other}"
            ))),
        }
    }

    fn bucket(self, at: f64) -> u64 {
        let period = u64::from(self.0);
        (at.max(0.0) as u64) / period * period
    }
}

pub(crate) struct TimeSeries {
    entity: Entity,
    period: Period,
    window: Window,
    /// Period start → (statistics of the selected service's hits, of the selected edges).
    points: BTreeMap<u64, (Aggregate, Aggregate)>,
}

impl TimeSeries {
    pub fn new(entity: Entity, period: Period, window: Window) -> Self {
        Self {
            entity,
            period,
            window,
            points: BTreeMap::new(),
        }
    }

    pub fn add(&mut self, view: &TraceView<'_>, account_id: &str) {
        let client = NodeKey::client();
        for hit in &view.hits {
            let (Some(response_time), start) = (hit.response_time(), hit.start()) else {
                continue;
            };
            if !self.window.contains(start) {
                continue;
            }
            let caller = hit.parent.map_or(&client, |p| &view.hits[p].node);
            let (as_service, as_edge) = match &self.entity {
                Entity::AllEdges => (false, true),
                // A service's incoming edges carry the same requests as the service itself.
                Entity::Service(selector) => {
                    let hit_selected = selects(selector, &hit.node, account_id);
                    (hit_selected, hit_selected)
                }
                Entity::Edge(source, destination) => (
                    false,
                    selects(source, caller, account_id)
                        && selects(destination, &hit.node, account_id),
                ),
            };
            if !(as_service || as_edge) {
                continue;
            }
            let result = outcome(hit.doc);
            let point = self.points.entry(self.period.bucket(start)).or_default();
            if as_service {
                point.0.add(result, response_time, start);
            }
            if as_edge {
                point.1.add(result, response_time, start);
            }
        }
    }

    pub fn to_json(&self) -> Vec<Value> {
        let with_service = matches!(self.entity, Entity::Service(_));
        self.points
            .iter()
            .map(|(at, (service, edge))| {
                let mut point = json!({
                    "Timestamp": *at as f64,
                    "EdgeSummaryStatistics": edge.stats.to_json(),
                    "ResponseTimeHistogram": edge.response_times.to_json(),
                });
                if with_service {
                    point["ServiceSummaryStatistics"] = service.stats.to_json();
                }
                point
            })
            .collect()
    }
}
