//! Service maps recorded from `runtrace demo` (`/api/v1/map?window=15m`, the `shop` scenario and
//! the `large` scenario's groups `large-100` and `large-1000`), reduced to what the layout reads:
//! the window, each node's id, type, request count and name, and each call's count. The
//! 10,000-node map is built from the `large` scenario's shape instead (see
//! `emulator/src/scenario/large.rs`): a file of it would be half a megabyte.

use shared::api::{Derived, MapEdge, MapNode, NodeKind, ServiceMap, Stats};

fn stats(total: u64) -> Stats {
    Stats {
        ok: total,
        total,
        total_response_time: total as f64 * 0.02,
        ..Stats::default()
    }
}

fn node(id: i32, node_type: &str, total: u64, name: &str, window: f64) -> MapNode {
    MapNode {
        id,
        name: name.to_owned(),
        names: vec![],
        node_type: node_type.to_owned(),
        kind: NodeKind::from_node_type(node_type),
        account_id: None,
        root: node_type == "client",
        state: None,
        stats: stats(total),
        derived: Derived::from_stats(&stats(total), window),
        response_time_histogram: vec![],
        duration_histogram: vec![],
    }
}

fn edge(source: i32, target: i32, total: u64, window: f64) -> MapEdge {
    MapEdge {
        source,
        target,
        stats: stats(total),
        derived: Derived::from_stats(&stats(total), window),
        response_time_histogram: vec![],
        edge_type: None,
    }
}

/// Reads a recording: `window\tSECONDS`, then `id\ttype\ttotal\tname` per node and
/// `source>target\ttotal` per call.
fn parse(text: &str) -> ServiceMap {
    let mut map = ServiceMap::default();
    let mut window = 900.0;
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["window", seconds] => window = seconds.parse().expect("seconds"),
            [ids, total] => {
                let (source, target) = ids.split_once('>').expect("source>target");
                map.edges.push(edge(
                    source.parse().expect("id"),
                    target.parse().expect("id"),
                    total.parse().expect("count"),
                    window,
                ));
            }
            [id, node_type, total, name] => map.nodes.push(node(
                id.parse().expect("id"),
                node_type,
                total.parse().expect("count"),
                name,
                window,
            )),
            _ => panic!("not a recording line: {line:?}"),
        }
    }
    map.end = window;
    map
}

pub fn shop() -> ServiceMap {
    parse(include_str!("fixtures/shop.txt"))
}

pub fn large_100() -> ServiceMap {
    parse(include_str!("fixtures/large-100.txt"))
}

pub fn large_1000() -> ServiceMap {
    parse(include_str!("fixtures/large-1000.txt"))
}

/// The `large` scenario's whole map: a client calling 2,000 services, each calling its four
/// tables and its partner service (`i XOR 1`).
pub fn large_10000() -> ServiceMap {
    let window = 900.0;
    let mut map = ServiceMap {
        end: window,
        ..ServiceMap::default()
    };
    map.nodes.push(node(0, "client", 0, "client", window));
    for service in 0..2000 {
        let id = 1 + service * 5;
        map.nodes.push(node(
            id,
            "AWS::AppRunner::Service",
            240,
            &format!("svc-{service:04}"),
            window,
        ));
        map.edges.push(edge(0, id, 120, window));
        map.edges.push(edge(id, 1 + (service ^ 1) * 5, 120, window));
        for table in 1..=4 {
            map.nodes.push(node(
                id + table,
                "AWS::DynamoDB::Table",
                240,
                &format!("svc-{service:04}-table-{table}"),
                window,
            ));
            map.edges.push(edge(id, id + table, 240, window));
        }
    }
    map
}
