//! Nodes: a filled circle, a ring split by outcome, the type inside. Their labels are drawn
//! after every node (`labels`), so no circle covers one.

use std::f64::consts::{FRAC_PI_2, TAU};

use shared::api::{MapNode, NodeKind};
use web_sys::CanvasRenderingContext2d;

use super::Scene;
use crate::model::map::{Hit, Placed, Viewport, ring_segments};

pub fn draw_nodes(ctx: &CanvasRenderingContext2d, scene: &Scene, view: &Viewport, detailed: bool) {
    let visible = view.visible();
    let on_screen = |placed: &&Placed| visible.contains_circle(placed.x, placed.y, placed.radius);
    if !detailed {
        // Far out: one path of dots; the ring colour would not be legible at this size.
        ctx.begin_path();
        for placed in scene.layout.nodes.iter().filter(on_screen) {
            let (x, y) = view.to_screen(placed.x, placed.y);
            ctx.rect(x - 1.5, y - 1.5, 3.0, 3.0);
        }
        ctx.set_fill_style_str(scene.palette.muted_text);
        ctx.fill();
        return;
    }
    ctx.set_text_align("center");
    for node in &scene.map.nodes {
        let Some(placed) = scene.layout.node(node.id).filter(|p| on_screen(p)) else {
            continue;
        };
        draw_node(ctx, scene, view, node, placed);
    }
}

fn draw_node(
    ctx: &CanvasRenderingContext2d,
    scene: &Scene,
    view: &Viewport,
    node: &MapNode,
    placed: &Placed,
) {
    let palette = &scene.palette;
    let (x, y) = view.to_screen(placed.x, placed.y);
    let r = placed.radius * view.scale;
    ctx.begin_path();
    let _ = ctx.arc(x, y, r, 0.0, TAU);
    ctx.set_fill_style_str(palette.node_fill);
    ctx.fill();
    let ring = (r * 0.2).max(2.0);
    ctx.set_line_width(ring);
    let mut angle = -FRAC_PI_2;
    for segment in ring_segments(&node.derived, palette) {
        let end = angle + segment.share * TAU;
        ctx.begin_path();
        let _ = ctx.arc(x, y, r - ring / 2.0, angle, end);
        ctx.set_stroke_style_str(segment.colour);
        ctx.stroke();
        angle = end;
    }
    let hit = Hit::Node(node.id);
    if scene.selected == Some(hit) || scene.hovered == Some(hit) {
        ctx.begin_path();
        let _ = ctx.arc(x, y, r + 4.0, 0.0, TAU);
        ctx.set_line_width(if scene.selected == Some(hit) {
            3.0
        } else {
            1.5
        });
        ctx.set_stroke_style_str(palette.selected);
        ctx.stroke();
    }
    ctx.set_fill_style_str(palette.text);
    ctx.set_text_baseline("middle");
    ctx.set_font(&format!(
        "600 {:.0}px system-ui, sans-serif",
        (r * 0.45).clamp(8.0, 16.0)
    ));
    let _ = ctx.fill_text(type_glyph(node.kind), x, y);
}

/// A short mark for the node type, legible in a small circle and in any font.
fn type_glyph(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Client => "USER",
        NodeKind::AppRunnerService => "APP",
        NodeKind::DynamoDbTable => "DDB",
        NodeKind::Sqs => "SQS",
        NodeKind::S3 => "S3",
        NodeKind::SqlDatabase => "SQL",
        NodeKind::RemoteApi => "API",
        NodeKind::AwsService => "AWS",
        NodeKind::Other => "?",
    }
}
