use std::sync::Arc;

use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use shared::trace::Row;

use super::after_paint::after_first_paint;
use crate::draw::draw_minimap;
use crate::model::traces::{Minimap, Zoom};

const HEIGHT: u32 = 48;

/// The whole trace in a strip: one hairline per span, drawn once on a canvas; the zoom window
/// on top is dragged with the pointer (or drawn anew by dragging outside it).
#[component]
pub fn TraceMinimap(rows: Arc<Vec<Row>>, total: f64, zoom: RwSignal<Zoom>) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let strip = NodeRef::<Div>::new();
    let drag = RwSignal::new(None::<(f64, Zoom)>);
    // The whole trace, rasterized: after the first rows are on screen.
    canvas.on_load(move |canvas| {
        after_first_paint(move || draw_minimap(&canvas, &rows, total, HEIGHT));
    });

    let map = move || Minimap {
        width: strip
            .get_untracked()
            .map_or(0.0, |s| f64::from(s.client_width())),
    };
    let on_down = move |event: leptos::ev::PointerEvent| {
        let x = f64::from(event.offset_x());
        drag.set(Some((x, zoom.get_untracked())));
        if let Some(strip) = strip.get_untracked() {
            let _ = strip.set_pointer_capture(event.pointer_id());
        }
    };
    let on_move = move |event: leptos::ev::PointerEvent| {
        if let Some((from, before)) = drag.get_untracked()
            && event.buttons() & 1 == 1
        {
            zoom.set(map().drag(before, from, f64::from(event.offset_x())));
        }
    };
    let on_up = move |event: leptos::ev::PointerEvent| {
        if let Some((from, before)) = drag.get_untracked() {
            zoom.set(map().drag(before, from, f64::from(event.offset_x())));
        }
        drag.set(None);
    };
    let window_style = move || {
        let z = zoom.get();
        format!(
            "left:{:.3}%;width:{:.3}%",
            z.start * 100.0,
            z.width() * 100.0
        )
    };
    view! {
        <div
            class="tl-minimap"
            node_ref=strip
            role="slider"
            aria-label="Visible part of the trace"
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=move || format!("{:.0}", zoom.get().start * 100.0)
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
        >
            <canvas node_ref=canvas width="1000" height=HEIGHT></canvas>
            <div class="tl-minimap-window" style=window_style></div>
        </div>
    }
}
