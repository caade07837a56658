//! A small service map for the tests, native and in the browser: client (id 0) → movies_app (1)
//! → the movies-app DynamoDB table (2), with traffic on both calls.

use shared::api::{Derived, HistogramBin, MapEdge, MapNode, NodeKind, ServiceMap, Stats};

fn derived(requests_per_minute: f64, mean: f64, errors: f64, faults: f64) -> Derived {
    Derived {
        requests_per_minute,
        mean_latency_s: Some(mean),
        error_ratio: errors,
        fault_ratio: faults,
        throttle_ratio: 0.0,
        ok_ratio: 1.0 - errors - faults,
    }
}

fn node(id: i32, name: &str, node_type: &str, derived: Derived) -> MapNode {
    MapNode {
        id,
        name: name.to_owned(),
        names: vec![],
        node_type: node_type.to_owned(),
        kind: NodeKind::from_node_type(node_type),
        account_id: None,
        root: id == 0,
        state: None,
        stats: Stats {
            total: 120,
            ..Stats::default()
        },
        derived,
        response_time_histogram: vec![HistogramBin {
            value: 0.04,
            count: 120,
        }],
        duration_histogram: vec![],
    }
}

/// The map, as X-Ray would answer it for the `movies` scenario.
pub fn movies() -> ServiceMap {
    let edge = |source, target, derived| MapEdge {
        source,
        target,
        stats: Stats::default(),
        derived,
        response_time_histogram: vec![],
        edge_type: None,
    };
    ServiceMap {
        nodes: vec![
            node(0, "client", "client", Derived::default()),
            node(
                1,
                "movies_app",
                "AWS::AppRunner::Service",
                derived(12.0, 0.042, 0.05, 0.01),
            ),
            node(
                2,
                "movies-app",
                "AWS::DynamoDB::Table",
                derived(24.0, 0.003, 0.0, 0.0),
            ),
        ],
        edges: vec![
            edge(0, 1, derived(12.0, 0.045, 0.05, 0.01)),
            edge(1, 2, derived(24.0, 0.004, 0.0, 0.0)),
        ],
        ..ServiceMap::default()
    }
}
