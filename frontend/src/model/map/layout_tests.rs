use super::*;

fn node(id: i32, key: &str) -> LayoutNode {
    LayoutNode {
        id,
        key: key.to_owned(),
        radius: 20.0,
    }
}

/// client → app → table, app → queue, plus a worker that calls the app back (a cycle).
fn movies() -> (Vec<LayoutNode>, Vec<(i32, i32)>) {
    let nodes = vec![
        node(1, "client"),
        node(2, "app"),
        node(3, "table"),
        node(4, "queue"),
        node(5, "worker"),
    ];
    (nodes, vec![(1, 2), (2, 3), (2, 4), (4, 5), (5, 2)])
}

fn overlaps(layout: &Layout) -> Vec<(i32, i32)> {
    let mut found = Vec::new();
    for (i, a) in layout.nodes.iter().enumerate() {
        for b in &layout.nodes[i + 1..] {
            if (a.x - b.x).hypot(a.y - b.y) < a.radius + b.radius {
                found.push((a.id, b.id));
            }
        }
    }
    found
}

#[test]
fn layers_follow_the_calls_and_nothing_overlaps() {
    let (nodes, edges) = movies();
    let layout = layout(nodes, &edges, None);
    let x = |id| layout.node(id).expect("placed").x;
    assert!(x(1) < x(2) && x(2) < x(3) && x(2) < x(4) && x(4) < x(5));
    assert_eq!(overlaps(&layout), vec![]);
    assert_eq!(layout.nodes.len(), 5);
}

#[test]
fn the_same_input_in_any_order_gives_the_same_layout() {
    let (nodes, edges) = movies();
    let first = layout(nodes.clone(), &edges, None);
    let mut shuffled = nodes;
    shuffled.reverse();
    let mut edges_shuffled = edges;
    edges_shuffled.rotate_left(2);
    assert_eq!(layout(shuffled, &edges_shuffled, None), first);
}

#[test]
fn a_new_node_does_not_move_the_others() {
    let (mut nodes, mut edges) = movies();
    let before = layout(nodes.clone(), &edges, None);
    nodes.push(node(6, "bucket"));
    edges.push((2, 6));
    let after = layout(nodes, &edges, Some(&before));
    for old in &before.nodes {
        let new = after.node(old.id).expect("still placed");
        assert_eq!((new.x, new.y), (old.x, old.y), "{} moved", old.key);
    }
    let bucket = after.node(6).expect("placed");
    assert_eq!(bucket.layer, 2);
    assert_eq!(overlaps(&after), vec![]);
}

#[test]
fn a_large_fan_out_has_no_overlaps() {
    let mut nodes = vec![node(0, "client")];
    let mut edges = Vec::new();
    for service in 1..=50 {
        nodes.push(node(service, &format!("svc-{service:03}")));
        edges.push((0, service));
        for table in 0..4 {
            let id = 1000 + service * 4 + table;
            nodes.push(node(id, &format!("table-{id}")));
            edges.push((service, id));
        }
        edges.push((service, 1 + (service % 50)));
    }
    let layout = layout(nodes, &edges, None);
    assert_eq!(layout.nodes.len(), 251);
    assert_eq!(overlaps(&layout), vec![]);
}

#[test]
fn edges_to_unknown_nodes_and_self_calls_are_ignored() {
    let layout = layout(
        vec![node(1, "a"), node(2, "b")],
        &[(1, 1), (1, 9), (1, 2)],
        None,
    );
    assert_eq!(layout.node(1).map(|n| n.layer), Some(0));
    assert_eq!(layout.node(2).map(|n| n.layer), Some(1));
}
