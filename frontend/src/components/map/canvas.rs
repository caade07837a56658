//! The map canvas: lays out each new map (keeping the previous places), paints on change only,
//! and turns pointer, wheel and keyboard input into pan, zoom, hover and selection.

use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;
use shared::api::ServiceMap;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, KeyboardEvent, PointerEvent, WheelEvent};

use super::browser::{mark, measure, pixel_ratio, theme_signal};
use crate::components::resize::use_resize_observer;
use crate::draw::map::{Scene, draw_map};
use crate::model::map::{Hit, Layout, Palette, Traffic, Viewport, hit_test, layout_map};

const MEASURE: &str = "runtrace:map:layout+draw";
const MEASURE_START: &str = "runtrace:map:layout-start";
/// Every repaint alone (a pan or zoom frame).
const DRAW: &str = "runtrace:map:draw";
const DRAW_START: &str = "runtrace:map:draw-start";
/// Up to this many nodes the canvas publishes their screen positions (`data-node-positions`),
/// for tests and tools that need to point at a node.
const PUBLISHED_POSITIONS: usize = 300;
/// A press that moves less than this (CSS px) is a click, not a drag.
const CLICK_SLOP: f64 = 4.0;

/// A drag or pinch in progress: the active pointers and whether the press has become a drag.
#[derive(Default, Clone)]
struct Gesture {
    pointers: Vec<(i32, f64, f64)>,
    /// How far the pointers have travelled since the press, in CSS px.
    travel: f64,
}

#[component]
pub fn MapCanvas(
    #[prop(into)] map: Signal<Option<Arc<ServiceMap>>>,
    #[prop(into)] selected: Signal<Option<Hit>>,
    on_select: Callback<Option<Hit>>,
    /// `(zoom, cx, cy)` from the URL; the map is fitted to the canvas when `None`.
    initial_camera: Option<(f64, f64, f64)>,
    on_camera: Callback<(f64, f64, f64)>,
    /// What the node labels count: a rate (the service map) or requests (one trace's map).
    #[prop(optional)]
    traffic: Traffic,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let layout = RwSignal::new(None::<Arc<Layout>>);
    let viewport = RwSignal::new(None::<Viewport>);
    let hovered = RwSignal::new(None::<Hit>);
    let theme = theme_signal();
    let measuring = StoredValue::new(false);
    let gesture = StoredValue::new(Gesture::default());

    // A new map: lay it out (keeping the old places) and start the layout+draw measure.
    Effect::new(move |_| {
        let Some(map) = map.get() else { return };
        let Some(element) = canvas.get() else { return };
        mark(MEASURE_START);
        measuring.set_value(true);
        let previous = layout.get_untracked();
        let next = Arc::new(layout_map(&map, previous.as_deref()));
        let (width, height) = css_size(&element);
        let view = match (viewport.get_untracked(), initial_camera) {
            (Some(view), _) => view.resized(width, height),
            (None, Some((scale, cx, cy))) => Viewport {
                cx,
                cy,
                scale,
                width,
                height,
            },
            (None, None) => Viewport::fit(next.bounds, width, height),
        };
        layout.set(Some(next));
        viewport.set(Some(view));
    });

    // Paint whenever something visible changed.
    Effect::new(move |_| {
        let (Some(map), Some(layout), Some(view), Some(element)) =
            (map.get(), layout.get(), viewport.get(), canvas.get())
        else {
            return;
        };
        let scene = Scene {
            map: &map,
            layout: &layout,
            palette: Palette::for_theme(theme.get()),
            selected: selected.get(),
            hovered: hovered.get(),
            traffic,
        };
        mark(DRAW_START);
        paint(&element, &scene, &view);
        measure(DRAW, DRAW_START);
        if measuring.get_value() {
            measuring.set_value(false);
            measure(MEASURE, MEASURE_START);
        }
    });

    // The canvas can start hidden (the list view) with no size: fit once it gets one.
    use_resize_observer(canvas, move || {
        let Some(element) = canvas.try_get_untracked().flatten() else {
            return;
        };
        let (width, height) = css_size(&element);
        let fitted = layout.try_get_untracked().flatten();
        viewport.try_update(|view| {
            *view = view.map(
                |v| match (&fitted, v.width <= 1.0 && initial_camera.is_none()) {
                    (Some(layout), true) => Viewport::fit(layout.bounds, width, height),
                    _ => v.resized(width, height),
                },
            );
        });
    });

    let hit_at = move |x: f64, y: f64| -> Option<Hit> {
        let (map, layout, view) = (
            map.get_untracked()?,
            layout.get_untracked()?,
            viewport.get_untracked()?,
        );
        let edges: Vec<(i32, i32)> = map.edges.iter().map(|e| (e.source, e.target)).collect();
        hit_test(&layout, &edges, &view, x, y)
    };
    let publish_camera = move || {
        if let Some(view) = viewport.get_untracked() {
            on_camera.run((view.scale, view.cx, view.cy));
        }
    };
    let change_view = move |change: &dyn Fn(Viewport) -> Viewport| {
        viewport.update(|view| *view = view.map(change));
    };

    let on_pointer_down = move |event: PointerEvent| {
        if let Some(element) = canvas.get_untracked() {
            let _ = element.set_pointer_capture(event.pointer_id());
        }
        gesture.update_value(|g| {
            if g.pointers.is_empty() {
                g.travel = 0.0;
            }
            g.pointers.push((
                event.pointer_id(),
                event.offset_x().into(),
                event.offset_y().into(),
            ));
        });
    };
    let on_pointer_move = move |event: PointerEvent| {
        let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
        let before = gesture.with_value(|g| g.pointers.clone());
        let Some(index) = before.iter().position(|p| p.0 == event.pointer_id()) else {
            let hit = hit_at(x, y);
            if hovered.get_untracked() != hit {
                hovered.set(hit);
            }
            return;
        };
        let (_, old_x, old_y) = before[index];
        if before.len() >= 2 {
            // Pinch: zoom by the change in distance between the first two fingers.
            let other = before[1 - index.min(1)];
            let old_gap = (old_x - other.1).hypot(old_y - other.2).max(1.0);
            let new_gap = (x - other.1).hypot(y - other.2).max(1.0);
            let (mid_x, mid_y) = ((x + other.1) / 2.0, (y + other.2) / 2.0);
            change_view(&|v| v.zoom_at(mid_x, mid_y, new_gap / old_gap));
        } else {
            change_view(&|v| v.pan(x - old_x, y - old_y));
        }
        gesture.update_value(|g| {
            g.pointers[index] = (event.pointer_id(), x, y);
            g.travel += (x - old_x).abs() + (y - old_y).abs();
        });
    };
    let on_pointer_up = move |event: PointerEvent| {
        let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
        let was_click = gesture.with_value(|g| g.travel <= CLICK_SLOP && g.pointers.len() == 1);
        gesture.update_value(|g| g.pointers.retain(|p| p.0 != event.pointer_id()));
        if was_click {
            on_select.run(hit_at(x, y));
        } else {
            publish_camera();
        }
    };
    let on_pointer_cancel = move |event: PointerEvent| {
        gesture.update_value(|g| g.pointers.retain(|p| p.0 != event.pointer_id()));
    };
    let on_wheel = move |event: WheelEvent| {
        event.prevent_default();
        // Trackpad pinches arrive as wheel events with ctrlKey; both zoom.
        let factor = (-event.delta_y() * 0.002).exp();
        let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
        change_view(&|v| v.zoom_at(x, y, factor));
        publish_camera();
    };
    let fit = move || {
        if let Some(layout) = layout.get_untracked() {
            change_view(&|v| Viewport::fit(layout.bounds, v.width, v.height));
            publish_camera();
        }
    };
    let on_key = move |event: KeyboardEvent| {
        let step = 60.0;
        let (w, h) = viewport
            .get_untracked()
            .map_or((0.0, 0.0), |v| (v.width, v.height));
        let change: Option<Box<dyn Fn(Viewport) -> Viewport>> = match event.key().as_str() {
            "ArrowLeft" => Some(Box::new(move |v: Viewport| v.pan(step, 0.0))),
            "ArrowRight" => Some(Box::new(move |v: Viewport| v.pan(-step, 0.0))),
            "ArrowUp" => Some(Box::new(move |v: Viewport| v.pan(0.0, step))),
            "ArrowDown" => Some(Box::new(move |v: Viewport| v.pan(0.0, -step))),
            "+" | "=" => Some(Box::new(move |v: Viewport| {
                v.zoom_at(w / 2.0, h / 2.0, 1.25)
            })),
            "-" => Some(Box::new(move |v: Viewport| {
                v.zoom_at(w / 2.0, h / 2.0, 0.8)
            })),
            "0" => {
                fit();
                None
            }
            _ => return,
        };
        event.prevent_default();
        if let Some(change) = change {
            change_view(&*change);
            publish_camera();
        }
    };

    let zoom_by = move |factor: f64| {
        let (w, h) = viewport
            .get_untracked()
            .map_or((0.0, 0.0), |v| (v.width, v.height));
        change_view(&|v| v.zoom_at(w / 2.0, h / 2.0, factor));
        publish_camera();
    };
    let positions = move || published_positions(map.get(), layout.get(), viewport.get());
    let hovered_label = move || hovered.get().and_then(|hit| tooltip(&map.get()?, hit));

    view! {
        <div class="map-canvas-wrap">
            <canvas
                node_ref=canvas
                class="map-canvas"
                tabindex="0"
                role="img"
                aria-label="Service map. Arrow keys pan, + and - zoom, 0 fits the map; the list view reads the same nodes."
                data-node-positions=positions
                on:pointerdown=on_pointer_down
                on:pointermove=on_pointer_move
                on:pointerup=on_pointer_up
                on:pointercancel=on_pointer_cancel
                on:pointerleave=move |_| hovered.set(None)
                on:wheel=on_wheel
                on:keydown=on_key
            ></canvas>
            <div class="map-tooltip" role="status" hidden=move || hovered_label().is_none()>
                {hovered_label}
            </div>
            <div class="map-zoom" role="group" aria-label="Zoom">
                <button type="button" aria-label="Zoom in" on:click=move |_| zoom_by(1.25)>"+"</button>
                <button type="button" aria-label="Zoom out" on:click=move |_| zoom_by(0.8)>"−"</button>
                <button type="button" aria-label="Fit the map to the screen" on:click=move |_| fit()>"Fit"</button>
            </div>
        </div>
    }
}

fn css_size(element: &web_sys::HtmlCanvasElement) -> (f64, f64) {
    (
        f64::from(element.client_width().max(1)),
        f64::from(element.client_height().max(1)),
    )
}

fn paint(element: &web_sys::HtmlCanvasElement, scene: &Scene, view: &Viewport) {
    let ratio = pixel_ratio();
    let (width, height) = ((view.width * ratio) as u32, (view.height * ratio) as u32);
    // Resizing clears the canvas, so only when the size really changed.
    if element.width() != width || element.height() != height {
        element.set_width(width);
        element.set_height(height);
    }
    let context = element
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
    if let Some(context) = context {
        draw_map(&context, scene, view, ratio);
    }
}

/// `{"name": [x, y], …}` in CSS pixels from the canvas's top-left corner, for small maps.
fn published_positions(
    map: Option<Arc<ServiceMap>>,
    layout: Option<Arc<Layout>>,
    view: Option<Viewport>,
) -> Option<String> {
    let (map, layout, view) = (map?, layout?, view?);
    if map.nodes.len() > PUBLISHED_POSITIONS {
        return None;
    }
    let positions: serde_json::Map<String, serde_json::Value> = map
        .nodes
        .iter()
        .filter_map(|node| {
            let placed = layout.node(node.id)?;
            let (x, y) = view.to_screen(placed.x, placed.y);
            Some((node.name.clone(), serde_json::json!([x, y])))
        })
        .collect();
    Some(serde_json::Value::Object(positions).to_string())
}

fn tooltip(map: &Arc<ServiceMap>, hit: Hit) -> Option<String> {
    use crate::model::map::{format_latency, format_rate, kind_label};
    let name = |id: i32| map.nodes.iter().find(|n| n.id == id);
    match hit {
        Hit::Node(id) => {
            let node = name(id)?;
            Some(format!(
                "{} ({}) — {}, mean {}, {:.1}% errors, {:.1}% faults",
                node.name,
                kind_label(node.kind),
                format_rate(node.derived.requests_per_minute),
                format_latency(node.derived.mean_latency_s),
                node.derived.error_ratio * 100.0,
                node.derived.fault_ratio * 100.0,
            ))
        }
        Hit::Edge(source, target) => {
            let edge = map
                .edges
                .iter()
                .find(|e| e.source == source && e.target == target)?;
            Some(format!(
                "{} → {} — {}, mean {}",
                name(source)?.name,
                name(target)?.name,
                format_rate(edge.derived.requests_per_minute),
                format_latency(edge.derived.mean_latency_s),
            ))
        }
    }
}
