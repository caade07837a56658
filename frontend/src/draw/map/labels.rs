//! Node labels, over everything else: the name (shortened with an ellipsis to the width
//! `model::map::label_boxes` gives it) and, when there is room, the rate and mean latency, each
//! on a band of the background so lines under it do not cross the text.

use web_sys::CanvasRenderingContext2d;

use super::Scene;
use crate::model::map::{LINE_PX, LabelBox, Viewport, format_latency, format_traffic, label_boxes};

pub fn draw_labels(ctx: &CanvasRenderingContext2d, scene: &Scene, view: &Viewport) {
    let on_screen = |b: &LabelBox| {
        let (l, t, r, bottom) = b.rect();
        r >= 0.0 && l <= view.width && bottom >= 0.0 && t <= view.height
    };
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    let layout = scene.layout;
    for label in label_boxes(layout, view).iter().filter(|b| on_screen(b)) {
        let source = layout.sources.get(label.node).copied();
        let (Some(node), Some(name)) = (
            source.and_then(|i| scene.map.nodes.get(i)),
            layout.names.get(label.node),
        ) else {
            continue;
        };
        line(
            ctx,
            scene,
            label,
            0,
            name,
            "12px system-ui, sans-serif",
            scene.palette.text,
        );
        if label.lines > 1 {
            let figures = format!(
                "{} · {}",
                format_traffic(
                    scene.traffic,
                    node.derived.requests_per_minute,
                    node.stats.total
                ),
                format_latency(node.derived.mean_latency_s)
            );
            let muted = scene.palette.muted_text;
            line(
                ctx,
                scene,
                label,
                1,
                &figures,
                "11px system-ui, sans-serif",
                muted,
            );
        }
    }
}

/// Line `index` of `label`: `text` in `font`, shortened to the label's width, on a band of the
/// background.
fn line(
    ctx: &CanvasRenderingContext2d,
    scene: &Scene,
    label: &LabelBox,
    index: usize,
    text: &str,
    font: &str,
    colour: &str,
) {
    ctx.set_font(font);
    let text = shortened(ctx, text, label.width - 4.0);
    let width = measure(ctx, &text);
    let top = label.top + index as f64 * LINE_PX;
    ctx.set_global_alpha(0.85);
    ctx.set_fill_style_str(scene.palette.background);
    ctx.fill_rect(label.x - width / 2.0 - 2.0, top, width + 4.0, LINE_PX);
    ctx.set_global_alpha(1.0);
    ctx.set_fill_style_str(colour);
    let _ = ctx.fill_text(&text, label.x, top + 1.0);
}

fn measure(ctx: &CanvasRenderingContext2d, text: &str) -> f64 {
    ctx.measure_text(text).map_or(0.0, |m| m.width())
}

/// `text`, or as much of its start as fits in `width` px followed by "…".
fn shortened(ctx: &CanvasRenderingContext2d, text: &str, width: f64) -> String {
    if measure(ctx, text) <= width {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits, found by halving: a label is measured a few times, not once
    // a character.
    let (mut fits, mut too_long) = (0, chars.len());
    while too_long - fits > 1 {
        let middle = (fits + too_long) / 2;
        let candidate: String = chars[..middle].iter().chain(['…'].iter()).collect();
        if measure(ctx, &candidate) <= width {
            fits = middle;
        } else {
            too_long = middle;
        }
    }
    chars[..fits].iter().chain(['…'].iter()).collect()
}
