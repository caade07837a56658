//! Links spans across documents by `parent_id`, and repairs what does not fit in a tree.
//!
//! - A `parent_id` naming no span leaves the span an orphan: a root, flagged.
//! - Several spans with one id: `parent_id` links go to the first finished one; the others are
//!   flagged as duplicates and reported once per id.
//! - `parent_id`s forming a loop: the loop is cut at one span, which becomes a flagged root.

use std::collections::HashMap;

use super::span::{DocumentProblem, Trace};

pub(super) fn link_across_documents(trace: &mut Trace, problems: &mut Vec<DocumentProblem>) {
    let links = resolve_parent_ids(trace, problems);
    for (child, parent) in links {
        match parent {
            Some(parent) if parent != child => {
                trace.spans[child].parent = Some(parent);
                trace.spans[parent].children.push(child);
            }
            _ => trace.spans[child].orphan = true,
        }
    }
    break_cycles(trace, problems);
    order_children_and_roots(trace);
}

/// For every span without a parent in its own document but with a `parent_id`: the span that id
/// names, if any. Also flags duplicates.
fn resolve_parent_ids(
    trace: &mut Trace,
    problems: &mut Vec<DocumentProblem>,
) -> Vec<(usize, Option<usize>)> {
    let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(trace.spans.len());
    let mut duplicates = Vec::new();
    for (index, span) in trace.spans.iter().enumerate() {
        if span.id.is_empty() {
            continue;
        }
        match by_id.get(span.id.as_str()).copied() {
            None => {
                by_id.insert(&span.id, index);
            }
            Some(kept) => {
                // A finished copy is worth more than an in-progress one sent earlier.
                if trace.spans[kept].in_progress && !span.in_progress {
                    by_id.insert(&span.id, index);
                    duplicates.push(kept);
                } else {
                    duplicates.push(index);
                }
            }
        }
    }
    let links = trace
        .spans
        .iter()
        .enumerate()
        .filter(|(_, span)| span.parent.is_none())
        .filter_map(|(index, span)| {
            let parent_id = span.parent_id.as_deref()?;
            Some((index, by_id.get(parent_id).copied()))
        })
        .collect();
    drop(by_id);
    report_duplicates(trace, duplicates, problems);
    links
}

fn report_duplicates(
    trace: &mut Trace,
    duplicates: Vec<usize>,
    problems: &mut Vec<DocumentProblem>,
) {
    let mut reported = std::collections::HashSet::new();
    for index in duplicates {
        let span = &mut trace.spans[index];
        span.duplicate = true;
        if reported.insert(span.id.clone()) {
            problems.push(DocumentProblem {
                segment_id: span.id.clone(),
                message: "several spans have this id; child spans are attached to the first \
                          finished one"
                    .to_owned(),
            });
        }
    }
}

/// Spans not reachable from a root sit on (or under) a loop of `parent_id`s. Walking up from each
/// finds the loop; cutting it at the span where the walk closes makes that span a root.
fn break_cycles(trace: &mut Trace, problems: &mut Vec<DocumentProblem>) {
    let count = trace.spans.len();
    let mut reached = vec![false; count];
    let roots: Vec<usize> = (0..count)
        .filter(|&i| trace.spans[i].parent.is_none())
        .collect();
    for root in roots {
        mark_subtree(trace, root, &mut reached);
    }
    // `walked[i] == start + 1` means span i was seen on the walk up from `start`.
    let mut walked = vec![0usize; count];
    for start in 0..count {
        if reached[start] {
            continue;
        }
        let mut current = start;
        while walked[current] != start + 1 {
            walked[current] = start + 1;
            match trace.spans[current].parent {
                Some(parent) => current = parent,
                None => break,
            }
        }
        detach(trace, current);
        trace.spans[current].orphan = true;
        problems.push(DocumentProblem {
            segment_id: trace.spans[current].id.clone(),
            message: "the parent_id chain of this span loops back to itself; shown as a root"
                .to_owned(),
        });
        mark_subtree(trace, current, &mut reached);
    }
}

fn detach(trace: &mut Trace, index: usize) {
    if let Some(parent) = trace.spans[index].parent.take() {
        trace.spans[parent].children.retain(|&child| child != index);
    }
}

fn mark_subtree(trace: &Trace, root: usize, reached: &mut [bool]) {
    let mut pending = vec![root];
    while let Some(index) = pending.pop() {
        if !std::mem::replace(&mut reached[index], true) {
            pending.extend_from_slice(&trace.spans[index].children);
        }
    }
}

/// Children and roots by start time (spans without one last, ties in document order); real
/// roots before orphans.
fn order_children_and_roots(trace: &mut Trace) {
    let starts: Vec<f64> = trace
        .spans
        .iter()
        .map(|span| span.start_time.unwrap_or(f64::INFINITY))
        .collect();
    let by_start = |a: &usize, b: &usize| starts[*a].total_cmp(&starts[*b]).then(a.cmp(b));
    for span in &mut trace.spans {
        span.children.sort_by(by_start);
    }
    let mut roots: Vec<usize> = (0..trace.spans.len())
        .filter(|&i| trace.spans[i].parent.is_none())
        .collect();
    roots.sort_by(|a, b| {
        let orphan = |i: &usize| trace.spans[*i].orphan;
        orphan(a).cmp(&orphan(b)).then_with(|| by_start(a, b))
    });
    trace.roots = roots;
}
