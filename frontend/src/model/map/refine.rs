//! Local refinement after the barycenter sweeps ("sifting"): each node in turn is tried at every
//! place of its layer and left where the fewest calls cross, counted as a person sees them (the
//! straight lines between node centres, long calls included, which the sweeps only pull on). A
//! move is a run of swaps with a neighbour, and each swap's change is counted exactly, against
//! every call; so only maps of up to [`MAX_NODES`] nodes get it, a bigger map keeps the sweeps'
//! order (all a browser frame affords there).

/// Nodes beyond which the refinement is skipped.
const MAX_NODES: usize = 200;
/// Passes over all layers; they stop early once nothing improves.
const PASSES: usize = 4;

/// Improves `rows` (the nodes of each layer, top to bottom) in place. `layers[n]` is node `n`'s
/// layer, `edges` the calls; `(gap_x, gap_y)` the distance between layers and between rows.
pub fn refine(
    rows: &mut [Vec<usize>],
    layers: &[usize],
    edges: &[(usize, usize)],
    gaps: (f64, f64),
) {
    if layers.len() > MAX_NODES {
        return;
    }
    let mut incident = vec![Vec::new(); layers.len()];
    for (i, &(a, b)) in edges.iter().enumerate() {
        incident[a].push(i);
        incident[b].push(i);
    }
    let mut at = vec![(0.0, 0.0); layers.len()];
    for row in rows.iter() {
        let middle = (row.len() as f64 - 1.0) / 2.0;
        for (rank, &node) in row.iter().enumerate() {
            at[node] = (
                layers[node] as f64 * gaps.0,
                (rank as f64 - middle) * gaps.1,
            );
        }
    }
    let mut state = State {
        edges,
        incident,
        at,
    };
    for _ in 0..PASSES {
        let mut improved = false;
        for row in rows.iter_mut() {
            let nodes = row.clone();
            for node in nodes {
                improved |= state.sift(row, node);
            }
        }
        if !improved {
            break;
        }
    }
}

struct State<'a> {
    edges: &'a [(usize, usize)],
    incident: Vec<Vec<usize>>,
    at: Vec<(f64, f64)>,
}

impl State<'_> {
    /// How many more crossings there are after swapping `row[k - 1]` and `row[k]` (done).
    fn swap(&mut self, row: &mut [usize], k: usize) -> i64 {
        let (u, v) = (row[k - 1], row[k]);
        let mut touched = self.incident[u].clone();
        for &edge in &self.incident[v] {
            if !touched.contains(&edge) {
                touched.push(edge);
            }
        }
        let before = crossings_with(&touched, self.edges, &self.at);
        swap_heights(&mut self.at, u, v);
        row.swap(k - 1, k);
        let after = crossings_with(&touched, self.edges, &self.at);
        after as i64 - before as i64
    }

    /// Moves `node` to the place of `row` where the fewest calls cross (its own place on a
    /// tie); whether it moved.
    fn sift(&mut self, row: &mut [usize], node: usize) -> bool {
        let Some(start) = row.iter().position(|&n| n == node) else {
            return false;
        };
        // To the top, then down to the bottom, keeping the change from where it started.
        let mut change = 0;
        for k in (1..=start).rev() {
            change += self.swap(row, k);
        }
        let (mut best, mut best_change) = (start, 0);
        if change < best_change {
            (best, best_change) = (0, change);
        }
        for k in 1..row.len() {
            change += self.swap(row, k);
            if change < best_change {
                (best, best_change) = (k, change);
            }
        }
        for k in (best + 1..row.len()).rev() {
            self.swap(row, k);
        }
        best != start
    }
}

fn swap_heights(at: &mut [(f64, f64)], u: usize, v: usize) {
    let (yu, yv) = (at[u].1, at[v].1);
    at[u].1 = yv;
    at[v].1 = yu;
}

/// Crossings that involve at least one of the calls `touched`, each pair once.
fn crossings_with(touched: &[usize], edges: &[(usize, usize)], at: &[(f64, f64)]) -> usize {
    let mut count = 0;
    for &t in touched {
        for (e, &other) in edges.iter().enumerate() {
            // A pair of touched calls is counted from its lower index only.
            if e == t || (e < t && touched.contains(&e)) {
                continue;
            }
            count += usize::from(cross(edges[t], other, at));
        }
    }
    count
}

/// Whether two calls' straight lines cross; calls that share a node never do.
pub fn cross(a: (usize, usize), b: (usize, usize), at: &[(f64, f64)]) -> bool {
    if a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1 {
        return false;
    }
    let side = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        ((q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)).signum()
    };
    let (p, q, r, s) = (at[a.0], at[a.1], at[b.0], at[b.1]);
    side(p, q, r) * side(p, q, s) < 0.0 && side(r, s, p) * side(r, s, q) < 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All crossings of `rows` laid out on a unit grid.
    fn total(rows: &[Vec<usize>], layers: &[usize], edges: &[(usize, usize)]) -> usize {
        let mut at = vec![(0.0, 0.0); layers.len()];
        for row in rows {
            let middle = (row.len() as f64 - 1.0) / 2.0;
            for (rank, &node) in row.iter().enumerate() {
                at[node] = (layers[node] as f64, rank as f64 - middle);
            }
        }
        let mut count = 0;
        for (i, &a) in edges.iter().enumerate() {
            for &b in &edges[i + 1..] {
                count += usize::from(cross(a, b, &at));
            }
        }
        count
    }

    #[test]
    fn a_long_call_is_untangled_by_a_swap() {
        // 0 → 1, 2 in layer 1; 1 → 3, 4 in layer 2; 0 → 5 (long) and 2 → 5: 5 is best below.
        let layers = [0, 1, 1, 2, 2, 2];
        let edges = [(0, 1), (0, 2), (1, 3), (1, 4), (0, 5), (2, 5)];
        let mut rows = vec![vec![0], vec![1, 2], vec![5, 3, 4]];
        let before = total(&rows, &layers, &edges);
        refine(&mut rows, &layers, &edges, (1.0, 1.0));
        let after = total(&rows, &layers, &edges);
        assert!(before > 0, "the example starts crossed");
        assert_eq!(after, 0, "{rows:?}");
    }

    #[test]
    fn big_maps_are_left_as_the_sweeps_ordered_them() {
        let layers = vec![0; MAX_NODES + 1];
        let mut rows = vec![(0..=MAX_NODES).rev().collect::<Vec<_>>()];
        let before = rows.clone();
        refine(&mut rows, &layers, &[], (1.0, 1.0));
        assert_eq!(rows, before);
    }
}
