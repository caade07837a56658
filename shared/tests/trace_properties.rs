//! Properties of assembly, rows and the critical path over generated traces.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::json;
use shared::trace::{RawSegment, Trace, assemble, critical_path, timeline_rows};

/// A random tree: span `i > 0` hangs under a parent among `0..i`, sometimes under an id that
/// does not exist, and each span is a separate document with random (possibly skewed) times.
fn documents() -> impl Strategy<Value = Vec<(usize, Option<usize>, f64, f64)>> {
    prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            0.0..100.0f64,
            -5.0..50.0f64,
            0..20u8,
        ),
        1..60,
    )
    .prop_map(|spans| {
        spans
            .into_iter()
            .enumerate()
            .map(|(i, (parent, start, length, orphan_roll))| {
                let parent = (i > 0 && orphan_roll > 0).then(|| parent.index(i));
                (i, parent, start, start + length)
            })
            .collect()
    })
}

fn raw_segments(spans: &[(usize, Option<usize>, f64, f64)], order: &[usize]) -> Vec<RawSegment> {
    order
        .iter()
        .map(|&i| {
            let (id, parent, start, end) = spans[i];
            let parent_id = match (id, parent) {
                (0, _) => None,
                (_, Some(parent)) => Some(format!("s{parent}")),
                (_, None) => Some("missing".to_owned()),
            };
            let document = json!({"id": format!("s{id}"), "name": "n", "parent_id": parent_id,
                "start_time": start, "end_time": end});
            RawSegment {
                id: format!("s{id}"),
                document: document.to_string(),
            }
        })
        .collect()
}

fn parents_by_id(trace: &Trace) -> BTreeMap<String, Option<String>> {
    trace
        .spans
        .iter()
        .map(|span| {
            (
                span.id.clone(),
                span.parent.map(|parent| trace.spans[parent].id.clone()),
            )
        })
        .collect()
}

proptest! {
    #[test]
    fn document_order_does_not_change_the_tree(spans in documents(), seed in any::<u64>()) {
        let forward: Vec<usize> = (0..spans.len()).collect();
        let mut shuffled = forward.clone();
        // A cheap deterministic shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let a = assemble(raw_segments(&spans, &forward)).trace;
        let b = assemble(raw_segments(&spans, &shuffled)).trace;
        prop_assert_eq!(parents_by_id(&a), parents_by_id(&b));
    }

    #[test]
    fn every_span_gets_exactly_one_row(spans in documents()) {
        let order: Vec<usize> = (0..spans.len()).collect();
        let trace = assemble(raw_segments(&spans, &order)).trace;
        let mut seen: Vec<usize> = timeline_rows(&trace).iter().map(|row| row.span).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, order);
    }

    #[test]
    fn the_critical_path_tiles_the_root(spans in documents()) {
        let order: Vec<usize> = (0..spans.len()).collect();
        let trace = assemble(raw_segments(&spans, &order)).trace;
        let root = &trace.spans[0];
        let (start, end) = (root.start_time.unwrap_or_default(), root.end_time.unwrap_or_default());
        let path = critical_path(&trace);
        if end > start {
            prop_assert_eq!(path.first().map(|s| s.start), Some(start));
            prop_assert_eq!(path.last().map(|s| s.end), Some(end));
        } else {
            prop_assert!(path.is_empty());
        }
        for pair in path.windows(2) {
            prop_assert_eq!(pair[0].end, pair[1].start, "contiguous: {:?}", pair);
        }
        prop_assert!(path.iter().all(|section| section.start < section.end));
    }
}

proptest! {
    /// The fuzz target's property, run briefly on every `cargo test`: JSON-like noise, with
    /// the field names that matter, is reported or assembled, never a panic.
    #[test]
    fn arbitrary_documents_never_panic(
        documents in prop::collection::vec(
            r#"\{("(id|parent_id|name|start_time|end_time|subsegments|type|in_progress|cause|aws|http)"|[\[\]{}:,"0-9a-z.\- ]){0,40}\}?"#,
            0..12,
        )
    ) {
        let segments: Vec<RawSegment> = documents
            .into_iter()
            .map(|document| RawSegment { id: "fuzz".to_owned(), document })
            .collect();
        let count = segments.len();
        let assembly = assemble(segments);
        prop_assert_eq!(assembly.trace.documents.len(), count);
        prop_assert_eq!(timeline_rows(&assembly.trace).len(), assembly.trace.spans.len());
        critical_path(&assembly.trace);
    }
}
