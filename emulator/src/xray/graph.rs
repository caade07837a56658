//! The service graph (GetServiceGraph, GetTraceGraph): nodes and edges aggregated from the hits
//! of a set of traces. A hit called from outside adds an edge from the `client` node.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};

use super::digest::Field;
use super::stats::{Aggregate, Histogram};
use super::view::{NodeKey, TraceView, outcome};

#[derive(Default)]
struct NodeAgg {
    totals: Aggregate,
    durations: Histogram,
    root: bool,
    inferred: bool,
    account_id: Option<String>,
}

#[derive(Default)]
pub(crate) struct Graph {
    nodes: BTreeMap<NodeKey, NodeAgg>,
    edges: BTreeMap<(NodeKey, NodeKey), Aggregate>,
}

impl Graph {
    /// Adds the trace's completed hits that started within `[start, end]` (every hit when `None`).
    pub fn add(&mut self, view: &TraceView<'_>, window: Option<(f64, f64)>) {
        let duration = view.duration();
        for (i, hit) in view.hits.iter().enumerate() {
            let Some(response_time) = hit.response_time() else {
                continue;
            };
            let start = hit.start();
            if window.is_some_and(|(from, to)| start < from || start > to) {
                continue;
            }
            let result = outcome(hit.doc);
            let node = self.nodes.entry(hit.node.clone()).or_default();
            node.totals.add(result, response_time, start);
            node.durations.add(duration);
            node.root |= view.root == Some(i);
            node.inferred = hit.inferred;
            if node.account_id.is_none() {
                node.account_id = hit.doc.field(Field::AccountId).map(str::to_owned);
            }
            let caller = match hit.parent {
                Some(parent) => view.hits[parent].node.clone(),
                None => {
                    self.nodes.entry(NodeKey::client()).or_default();
                    NodeKey::client()
                }
            };
            let edge = self.edges.entry((caller, hit.node.clone())).or_default();
            edge.add(result, response_time, start);
        }
    }

    /// X-Ray's `Services` list. Reference ids follow the nodes' (name, type) order, so the same
    /// data always gives the same ids.
    pub fn to_json(&self, account_id: &str) -> Vec<Value> {
        let ids: HashMap<&NodeKey, usize> =
            self.nodes.keys().enumerate().map(|(i, k)| (k, i)).collect();
        let mut edges_of: HashMap<&NodeKey, Vec<Value>> = HashMap::new();
        for ((from, to), agg) in &self.edges {
            edges_of.entry(from).or_default().push(json!({
                "ReferenceId": ids.get(to),
                "StartTime": agg.first,
                "EndTime": agg.last,
                "SummaryStatistics": agg.stats.to_json(),
                "ResponseTimeHistogram": agg.response_times.to_json(),
                "Aliases": [],
            }));
        }
        self.nodes
            .iter()
            .map(|(key, agg)| {
                let is_client = *key == NodeKey::client();
                let mut node = json!({
                    "ReferenceId": ids.get(key),
                    "Name": key.name,
                    "Names": [key.name],
                    "Type": key.kind,
                    "State": if is_client || agg.inferred { "unknown" } else { "active" },
                    "Edges": edges_of.remove(key).unwrap_or_default(),
                });
                if is_client {
                    node["Root"] = json!(true);
                    return node;
                }
                node["Root"] = json!(agg.root);
                node["AccountId"] = json!(agg.account_id.as_deref().unwrap_or(account_id));
                node["StartTime"] = json!(agg.totals.first);
                node["EndTime"] = json!(agg.totals.last);
                node["SummaryStatistics"] = agg.totals.stats.to_json();
                node["DurationHistogram"] = agg.durations.to_json();
                node["ResponseTimeHistogram"] = agg.totals.response_times.to_json();
                node
            })
            .collect()
    }
}
