//! Layer assignment: callers left of callees. Cycles (a service calling back its caller) are
//! broken by reversing the DFS back edges, visited from the nodes in their stable order, so the
//! same graph always gives the same layers.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Control, DfsEvent, depth_first_search};

/// The layer of every node (`0` = leftmost). `edges` are `(caller, callee)` indices into
/// `0..node_count`, without self-loops.
pub fn assign_layers(node_count: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut graph = DiGraph::<(), ()>::with_capacity(node_count, edges.len());
    for _ in 0..node_count {
        graph.add_node(());
    }
    for &(from, to) in edges {
        graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), ());
    }
    let mut back_edges = Vec::new();
    // Roots first (nodes nobody calls), so a cycle is cut at the edge pointing back at them.
    let roots = (0..node_count).filter(|&n| {
        graph
            .neighbors_directed(NodeIndex::new(n), petgraph::Incoming)
            .next()
            .is_none()
    });
    let starts: Vec<NodeIndex> = roots.chain(0..node_count).map(NodeIndex::new).collect();
    depth_first_search(&graph, starts, |event| {
        if let DfsEvent::BackEdge(from, to) = event {
            back_edges.push((from.index(), to.index()));
        }
        Control::<()>::Continue
    });
    back_edges.sort_unstable();
    let acyclic: Vec<(usize, usize)> = edges
        .iter()
        .map(|&edge| {
            if back_edges.binary_search(&edge).is_ok() {
                (edge.1, edge.0)
            } else {
                edge
            }
        })
        .collect();
    longest_path_layers(node_count, &acyclic)
}

/// Kahn's algorithm: each node one layer right of its deepest caller.
fn longest_path_layers(node_count: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut callees = vec![Vec::new(); node_count];
    let mut pending_callers = vec![0usize; node_count];
    for &(from, to) in edges {
        callees[from].push(to);
        pending_callers[to] += 1;
    }
    let mut layers = vec![0usize; node_count];
    let mut ready: Vec<usize> = (0..node_count)
        .filter(|&n| pending_callers[n] == 0)
        .collect();
    while let Some(node) = ready.pop() {
        for &callee in &callees[node] {
            layers[callee] = layers[callee].max(layers[node] + 1);
            pending_callers[callee] -= 1;
            if pending_callers[callee] == 0 {
                ready.push(callee);
            }
        }
    }
    layers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callers_sit_left_of_callees_and_cycles_are_cut() {
        let check = |count: usize, edges: &[(usize, usize)], expect: &[usize]| {
            assert_eq!(assign_layers(count, edges), expect, "{edges:?}");
        };
        check(3, &[(0, 1), (1, 2)], &[0, 1, 2]);
        // A shortcut does not pull the callee left: the longest path wins.
        check(3, &[(0, 1), (1, 2), (0, 2)], &[0, 1, 2]);
        // client → a ⇄ b: the edge back to a is reversed, so a stays left of b.
        check(3, &[(0, 1), (1, 2), (2, 1)], &[0, 1, 2]);
        // A pure cycle with no root is cut at the first node.
        check(2, &[(0, 1), (1, 0)], &[0, 1]);
        check(2, &[], &[0, 0]);
    }
}
