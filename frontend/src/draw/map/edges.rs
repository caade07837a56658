//! Edges: a line from the caller's rim to the callee's rim with an arrowhead, coloured by health
//! and as wide as its traffic.

use web_sys::CanvasRenderingContext2d;

use super::Scene;
use crate::model::map::{Hit, Placed, Viewport, edge_style};

pub fn draw_edges(ctx: &CanvasRenderingContext2d, scene: &Scene, view: &Viewport, detailed: bool) {
    let visible = view.visible();
    let ends = |source: i32, target: i32| -> Option<(&Placed, &Placed)> {
        let (a, b) = (scene.layout.node(source)?, scene.layout.node(target)?);
        let off_screen = a.x.max(b.x) < visible.min_x
            || a.x.min(b.x) > visible.max_x
            || a.y.max(b.y) < visible.min_y
            || a.y.min(b.y) > visible.max_y;
        (!off_screen).then_some((a, b))
    };
    if !detailed {
        // Far out: one path per colour, no arrowheads (they would be sub-pixel anyway).
        let mut colours: Vec<&str> = Vec::new();
        for edge in &scene.map.edges {
            let colour = edge_style(&edge.derived, &scene.palette).0;
            if !colours.contains(&colour) {
                colours.push(colour);
            }
        }
        ctx.set_line_width(1.0);
        for colour in colours {
            ctx.begin_path();
            for edge in &scene.map.edges {
                if edge_style(&edge.derived, &scene.palette).0 != colour {
                    continue;
                }
                if let Some((a, b)) = ends(edge.source, edge.target) {
                    let (ax, ay) = view.to_screen(a.x, a.y);
                    let (bx, by) = view.to_screen(b.x, b.y);
                    ctx.move_to(ax, ay);
                    ctx.line_to(bx, by);
                }
            }
            ctx.set_stroke_style_str(colour);
            ctx.stroke();
        }
        return;
    }
    for edge in &scene.map.edges {
        let Some((a, b)) = ends(edge.source, edge.target) else {
            continue;
        };
        let (colour, width) = edge_style(&edge.derived, &scene.palette);
        let hit = Hit::Edge(edge.source, edge.target);
        let (colour, width) = if scene.selected == Some(hit) {
            (scene.palette.selected, width + 2.0)
        } else if scene.hovered == Some(hit) {
            (colour, width + 1.5)
        } else {
            (colour, width)
        };
        arrow(ctx, view, a, b, colour, width);
    }
}

fn arrow(
    ctx: &CanvasRenderingContext2d,
    view: &Viewport,
    a: &Placed,
    b: &Placed,
    colour: &str,
    width: f64,
) {
    let (ax, ay) = view.to_screen(a.x, a.y);
    let (bx, by) = view.to_screen(b.x, b.y);
    let length = (bx - ax).hypot(by - ay);
    let (ra, rb) = (a.radius * view.scale, b.radius * view.scale);
    if length <= ra + rb {
        return;
    }
    let (ux, uy) = ((bx - ax) / length, (by - ay) / length);
    let (sx, sy) = (ax + ux * ra, ay + uy * ra);
    let (tx, ty) = (bx - ux * (rb + 2.0), by - uy * (rb + 2.0));
    let head = 7.0 + width;
    ctx.set_stroke_style_str(colour);
    ctx.set_fill_style_str(colour);
    ctx.set_line_width(width);
    ctx.begin_path();
    ctx.move_to(sx, sy);
    ctx.line_to(tx - ux * head * 0.8, ty - uy * head * 0.8);
    ctx.stroke();
    ctx.begin_path();
    ctx.move_to(tx, ty);
    ctx.line_to(
        tx - ux * head - uy * head * 0.5,
        ty - uy * head + ux * head * 0.5,
    );
    ctx.line_to(
        tx - ux * head + uy * head * 0.5,
        ty - uy * head - ux * head * 0.5,
    );
    ctx.close_path();
    ctx.fill();
}
