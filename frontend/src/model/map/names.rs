//! What the map calls its nodes and what it counts for them. The client node has no statistics
//! of its own in X-Ray's graph: its requests are the calls out of it, so it gets those (and reads
//! "63/min" like the node it calls, not "0/min"). A name two nodes share (a service and the table
//! named after it) gets the kind added, so the two are told apart on the canvas and in the list.

use shared::api::{Derived, NodeKind, ServiceMap, Stats};

use super::style::kind_label;

/// `map` with every client node's statistics, ratios and histogram taken from its outgoing calls.
pub fn with_client_figures(mut map: ServiceMap) -> ServiceMap {
    let window = map.end - map.start;
    let clients: Vec<i32> = map
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Client && n.stats.total == 0)
        .map(|n| n.id)
        .collect();
    for id in clients {
        let mut stats = Stats::default();
        let mut bins = Vec::new();
        let mut rate = 0.0;
        for edge in map.edges.iter().filter(|e| e.source == id) {
            stats.accumulate(&edge.stats);
            bins.extend_from_slice(&edge.response_time_histogram);
            rate += edge.derived.requests_per_minute;
        }
        if let Some(node) = map.nodes.iter_mut().find(|n| n.id == id) {
            // The calls' own rates: X-Ray's window for them may not be the map's.
            node.derived = Derived {
                requests_per_minute: rate,
                ..Derived::from_stats(&stats, window)
            };
            node.stats = stats;
            node.response_time_histogram = bins;
        }
    }
    map
}

/// Each node's shown name, in the map's order: its own, or `name · Kind` when another node has
/// it too.
pub fn display_names(map: &ServiceMap) -> Vec<String> {
    let nodes = &map.nodes;
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_unstable_by(|&a, &b| nodes[a].name.cmp(&nodes[b].name));
    let mut shared = vec![false; nodes.len()];
    for pair in order.windows(2) {
        if nodes[pair[0]].name == nodes[pair[1]].name {
            shared[pair[0]] = true;
            shared[pair[1]] = true;
        }
    }
    nodes
        .iter()
        .zip(shared)
        .map(|(node, shared)| match shared {
            true => format!("{} · {}", node.name, kind_label(node.kind)),
            false => node.name.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixture::movies;
    use super::*;
    use shared::api::HistogramBin;

    #[test]
    fn the_client_reads_the_calls_out_of_it() {
        let mut map = movies();
        map.start = 0.0;
        map.end = 600.0;
        map.edges[0].stats = Stats {
            ok: 110,
            error_other: 5,
            throttle: 1,
            fault_other: 4,
            total: 120,
            total_response_time: 6.0,
        };
        map.edges[0].response_time_histogram = vec![HistogramBin {
            value: 0.05,
            count: 120,
        }];
        let client_before = map.nodes[0].stats;
        assert_eq!(
            client_before.total, 120,
            "the fixture gives every node a total"
        );
        map.nodes[0].stats = Stats::default();
        let map = with_client_figures(map);
        let client = &map.nodes[0];
        assert_eq!(client.stats.total, 120);
        assert_eq!(client.derived.requests_per_minute, 12.0);
        assert_eq!(client.derived.mean_latency_s, Some(0.05));
        assert_eq!(client.derived.fault_ratio, 4.0 / 120.0);
        assert_eq!(client.response_time_histogram.len(), 1);
        // Other nodes keep their own figures.
        assert_eq!(map.nodes[1].derived, movies().nodes[1].derived);
    }

    #[test]
    fn shared_names_get_their_kind() {
        let mut map = movies();
        map.nodes[2].name = "movies_app".into();
        let names = display_names(&map);
        assert_eq!(
            names,
            ["client", "movies_app · App Runner", "movies_app · DynamoDB"]
        );
        let names = display_names(&movies());
        assert_eq!(names[2], "movies-app");
    }
}
