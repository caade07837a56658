//! X-Ray SDK shapes → `shared::api` types, with the derived figures (req/min, mean latency,
//! ratios) computed once here rather than in every browser.

use aws_sdk_xray::types as sdk;
use shared::api::{Derived, HistogramBin, MapEdge, MapNode, NodeKind, Stats};

/// X-Ray's statistics come as two SDK types with the same fields (node and edge); both are
/// read through this view.
pub struct RawStats<'a> {
    pub ok: Option<i64>,
    pub errors: Option<&'a sdk::ErrorStatistics>,
    pub faults: Option<&'a sdk::FaultStatistics>,
    pub total: Option<i64>,
    pub total_response_time: Option<f64>,
}

impl<'a> From<&'a sdk::ServiceStatistics> for RawStats<'a> {
    fn from(s: &'a sdk::ServiceStatistics) -> Self {
        Self {
            ok: s.ok_count(),
            errors: s.error_statistics(),
            faults: s.fault_statistics(),
            total: s.total_count(),
            total_response_time: s.total_response_time(),
        }
    }
}

impl<'a> From<&'a sdk::EdgeStatistics> for RawStats<'a> {
    fn from(s: &'a sdk::EdgeStatistics) -> Self {
        Self {
            ok: s.ok_count(),
            errors: s.error_statistics(),
            faults: s.fault_statistics(),
            total: s.total_count(),
            total_response_time: s.total_response_time(),
        }
    }
}

/// Counts are never negative; a missing count is zero.
fn count(value: Option<i64>) -> u64 {
    value.map_or(0, |v| u64::try_from(v).unwrap_or(0))
}

pub fn stats(raw: Option<RawStats<'_>>) -> Stats {
    let Some(raw) = raw else {
        return Stats::default();
    };
    Stats {
        ok: count(raw.ok),
        error_other: count(raw.errors.and_then(|e| e.other_count())),
        throttle: count(raw.errors.and_then(|e| e.throttle_count())),
        fault_other: count(raw.faults.and_then(|f| f.other_count())),
        total: count(raw.total),
        total_response_time: raw.total_response_time.unwrap_or(0.0).max(0.0),
    }
}

pub fn histogram(entries: &[sdk::HistogramEntry]) -> Vec<HistogramBin> {
    entries
        .iter()
        .map(|entry| HistogramBin {
            value: entry.value(),
            count: u64::try_from(entry.count()).unwrap_or(0),
        })
        .collect()
}

/// A node and the edges that leave it (X-Ray lists each edge under its caller).
pub fn node_and_edges(
    service: &sdk::Service,
    window_seconds: f64,
) -> Option<(MapNode, Vec<MapEdge>)> {
    let id = service.reference_id()?;
    let node_stats = stats(service.summary_statistics().map(RawStats::from));
    let node_type = service.r#type().unwrap_or_default().to_owned();
    let node = MapNode {
        id,
        name: service.name().unwrap_or_default().to_owned(),
        names: service.names().to_vec(),
        kind: NodeKind::from_node_type(&node_type),
        node_type,
        account_id: service.account_id().map(str::to_owned),
        root: service.root().unwrap_or(false),
        state: service.state().map(str::to_owned),
        derived: Derived::from_stats(&node_stats, window_seconds),
        stats: node_stats,
        response_time_histogram: histogram(service.response_time_histogram()),
        duration_histogram: histogram(service.duration_histogram()),
    };
    let edges = service
        .edges()
        .iter()
        .filter_map(|edge| {
            let edge_stats = stats(edge.summary_statistics().map(RawStats::from));
            Some(MapEdge {
                source: id,
                target: edge.reference_id()?,
                derived: Derived::from_stats(&edge_stats, window_seconds),
                stats: edge_stats,
                response_time_histogram: histogram(edge.response_time_histogram()),
                edge_type: edge.edge_type().map(str::to_owned),
            })
        })
        .collect();
    Some((node, edges))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_are_flattened_and_derived() {
        let raw = sdk::ServiceStatistics::builder()
            .ok_count(90)
            .error_statistics(
                sdk::ErrorStatistics::builder()
                    .other_count(4)
                    .throttle_count(1)
                    .total_count(5)
                    .build(),
            )
            .fault_statistics(
                sdk::FaultStatistics::builder()
                    .other_count(5)
                    .total_count(5)
                    .build(),
            )
            .total_count(100)
            .total_response_time(25.0)
            .build();
        let service = sdk::Service::builder()
            .reference_id(3)
            .name("movies_app")
            .r#type("AWS::AppRunner::Service")
            .summary_statistics(raw)
            .edges(sdk::Edge::builder().reference_id(7).build())
            .build();
        let (node, edges) = node_and_edges(&service, 600.0).expect("has a reference id");
        assert_eq!(node.kind, NodeKind::AppRunnerService);
        assert_eq!(node.stats.total, 100);
        assert_eq!(node.stats.throttle, 1);
        assert_eq!(node.derived.requests_per_minute, 10.0);
        assert_eq!(node.derived.mean_latency_s, Some(0.25));
        assert_eq!(node.derived.fault_ratio, 0.05);
        assert_eq!(edges.len(), 1);
        assert_eq!((edges[0].source, edges[0].target), (3, 7));
        assert_eq!(edges[0].stats, Stats::default());
    }

    #[test]
    fn a_node_without_reference_id_is_skipped() {
        let service = sdk::Service::builder().name("ghost").build();
        assert!(node_and_edges(&service, 60.0).is_none());
    }
}
