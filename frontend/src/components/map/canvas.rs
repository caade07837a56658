//! The map canvas: lays out each new map (keeping the previous places), paints on change only,
//! and hands pointer, wheel and keyboard input to `model::map`'s gestures, which say how the view
//! moves and whether a press was a click.

use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;
use shared::api::ServiceMap;
use web_sys::{KeyboardEvent, PointerEvent, WheelEvent};

use crate::browser::perf::{self, Since};
use crate::browser::{pixel_ratio, theme_signal};
use crate::components::resize::use_resize_observer;
use crate::draw::map::{Scene, paint_map};
use crate::model::map::{
    Gesture, Hit, Layout, Palette, Release, Traffic, ViewChange, Viewport, ZOOM_IN, ZOOM_OUT,
    hit_test, key_change, layout_map, published_positions, tooltip, wheel_change,
};

/// From a new map to its first paint.
const MEASURE: &str = "runtrace:map:layout+draw";
const MEASURE_START: &str = "runtrace:map:layout-start";
/// Every repaint alone (a pan or zoom frame).
const DRAW: &str = "runtrace:map:draw";
const DRAW_START: &str = "runtrace:map:draw-start";

#[component]
pub fn MapCanvas(
    #[prop(into)] map: Signal<Option<Arc<ServiceMap>>>,
    /// Drawn highlighted; nothing when not given.
    #[prop(optional, into)]
    selected: Signal<Option<Hit>>,
    /// Called with what a click hit (`None`: empty canvas); a map without it is only looked at.
    #[prop(optional)]
    on_select: Option<Callback<Option<Hit>>>,
    /// `(zoom, cx, cy)` from the URL; the map is fitted to the canvas when `None`.
    #[prop(optional_no_strip)]
    initial_camera: Option<(f64, f64, f64)>,
    /// Called with `(zoom, cx, cy)` after every pan or zoom, to keep it in the URL.
    #[prop(optional)]
    on_camera: Option<Callback<(f64, f64, f64)>>,
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
        perf::mark(MEASURE_START);
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
        perf::mark(DRAW_START);
        paint_map(&element, &scene, &view, pixel_ratio());
        perf::measure(DRAW, Since::Mark(DRAW_START));
        if measuring.get_value() {
            measuring.set_value(false);
            perf::measure(MEASURE, Since::Mark(MEASURE_START));
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
        if let (Some(view), Some(on_camera)) = (viewport.get_untracked(), on_camera) {
            on_camera.run((view.scale, view.cx, view.cy));
        }
    };
    let change_view = move |change: ViewChange| {
        if let Some(layout) = layout.get_untracked() {
            viewport.update(|view| *view = view.map(|v| change.apply(v, layout.bounds)));
        }
    };
    let change_and_publish = move |change: ViewChange| {
        change_view(change);
        publish_camera();
    };

    let on_pointer_down = move |event: PointerEvent| {
        if let Some(element) = canvas.get_untracked() {
            let _ = element.set_pointer_capture(event.pointer_id());
        }
        let (x, y) = offset(&event);
        gesture.update_value(|g| g.press(event.pointer_id(), x, y));
    };
    let on_pointer_move = move |event: PointerEvent| {
        let (x, y) = offset(&event);
        let change = gesture
            .try_update_value(|g| g.moved(event.pointer_id(), x, y))
            .flatten();
        match change {
            Some(change) => change_view(change),
            None => {
                let hit = hit_at(x, y);
                if hovered.get_untracked() != hit {
                    hovered.set(hit);
                }
            }
        }
    };
    let on_pointer_up = move |event: PointerEvent| {
        let (x, y) = offset(&event);
        let release = gesture.try_update_value(|g| g.release(event.pointer_id()));
        match release {
            Some(Release::Click) => {
                if let Some(on_select) = on_select {
                    on_select.run(hit_at(x, y));
                }
            }
            _ => publish_camera(),
        }
    };
    let on_pointer_cancel = move |event: PointerEvent| {
        gesture.update_value(|g| g.cancel(event.pointer_id()));
    };
    let on_wheel = move |event: WheelEvent| {
        event.prevent_default();
        let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
        change_and_publish(wheel_change(x, y, event.delta_y()));
    };
    let on_key = move |event: KeyboardEvent| {
        if let Some(change) = key_change(&event.key()) {
            event.prevent_default();
            change_and_publish(change);
        }
    };

    let positions = move || {
        let (map, layout, view) = (map.get()?, layout.get()?, viewport.get()?);
        published_positions(&map, &layout, &view)
    };
    let hovered_label = move || {
        let (hit, map) = (hovered.get()?, map.get()?);
        tooltip(&map, hit)
    };

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
                <button type="button" aria-label="Zoom in" on:click=move |_| change_and_publish(ViewChange::ZoomCentre(ZOOM_IN))>"+"</button>
                <button type="button" aria-label="Zoom out" on:click=move |_| change_and_publish(ViewChange::ZoomCentre(ZOOM_OUT))>"−"</button>
                <button type="button" aria-label="Fit the map to the screen" on:click=move |_| change_and_publish(ViewChange::Fit)>"Fit"</button>
            </div>
        </div>
    }
}

fn offset(event: &PointerEvent) -> (f64, f64) {
    (f64::from(event.offset_x()), f64::from(event.offset_y()))
}

fn css_size(element: &web_sys::HtmlCanvasElement) -> (f64, f64) {
    (
        f64::from(element.client_width().max(1)),
        f64::from(element.client_height().max(1)),
    )
}
