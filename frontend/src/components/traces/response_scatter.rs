use leptos::html::Canvas;
use leptos::prelude::*;
use shared::api::TraceSummary;
use web_sys::PointerEvent;

use crate::browser::theme_signal;
use crate::components::resize::use_resize_observer;
use crate::draw::draw_scatter;
use crate::model::map::Palette;
use crate::model::traces::{Scales, dots, nearest_dot, selected_range, y_max_ms};

/// Response time against start time, a dot per trace in its status colour. A click on a dot opens
/// that trace; a drag across the plot selects a time range, which narrows the search to it.
#[component]
pub fn ResponseScatter(
    /// The traces found so far (every loaded page).
    #[prop(into)]
    traces: Signal<Vec<TraceSummary>>,
    /// The searched window, epoch seconds.
    #[prop(into)]
    window: Signal<(f64, f64)>,
    /// Called with the id of the trace whose dot was clicked.
    on_open: Callback<String>,
    /// Called with the whole seconds `(start, end)` a drag selected.
    on_range: Callback<(i64, i64)>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let theme = theme_signal();
    let width = RwSignal::new(0.0f64);
    let scales = RwSignal::new(None::<Scales>);
    // The press's x (CSS px) and, once it moves, the current x: the selection band.
    let press = RwSignal::new(None::<(f64, f64)>);
    let plotted = Memo::new(move |_| traces.with(|t| dots(t)));

    use_resize_observer(canvas, move || {
        if let Some(element) = canvas.try_get_untracked().flatten() {
            width.try_set(f64::from(element.client_width()));
        }
    });

    Effect::new(move |_| {
        let (Some(element), width) = (canvas.get(), width.get()) else {
            return;
        };
        if width < 1.0 {
            return;
        }
        let dots = plotted.get();
        let (start, end) = window.get();
        // Data outside the window (a late page) still gets drawn, not clipped.
        let start = dots.iter().map(|d| d.at).fold(start, f64::min);
        let end = dots
            .iter()
            .map(|d| d.at)
            .fold(end, f64::max)
            .max(start + 1.0);
        let max_ms = y_max_ms(&dots);
        element.set_width(width as u32);
        element.set_height(f64::from(element.client_height()).max(1.0) as u32);
        let palette = Palette::for_theme(theme.get());
        match draw_scatter(&element, &dots, (start, end), max_ms, &palette) {
            Ok(area) => scales.set(Some(Scales {
                area,
                start,
                end,
                max_ms,
            })),
            Err(error) => leptos::logging::warn!("the scatter plot could not be drawn: {error}"),
        }
    });

    let on_pointer_down = move |event: PointerEvent| {
        if event.button() != 0 {
            return;
        }
        let x = f64::from(event.offset_x());
        press.set(Some((x, x)));
        if let Some(element) = canvas.get_untracked() {
            let _ = element.set_pointer_capture(event.pointer_id());
        }
    };
    let on_pointer_move = move |event: PointerEvent| {
        if press.with_untracked(Option::is_some) {
            let x = f64::from(event.offset_x());
            press.update(|p| *p = p.map(|(x0, _)| (x0, x)));
        }
    };
    let on_pointer_up = move |event: PointerEvent| {
        let Some((x0, _)) = press.get_untracked() else {
            return;
        };
        press.set(None);
        let Some(scales) = scales.get_untracked() else {
            return;
        };
        let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
        if let Some(range) = selected_range(&scales, x0, x) {
            on_range.run(range);
            return;
        }
        let hit = plotted.with_untracked(|dots| nearest_dot(dots, &scales, x, y));
        if let Some(id) =
            hit.and_then(|i| traces.with_untracked(|t| t.get(i).map(|t| t.id.clone())))
        {
            on_open.run(id);
        }
    };
    let band = move || {
        press
            .get()
            .filter(|(x0, x)| (x - x0).abs() >= 1.0)
            .map(|(x0, x)| format!("left: {}px; width: {}px", x0.min(x), (x - x0).abs()))
    };
    let label = move || {
        format!(
            "Response time of {} traces over the window. Click a dot to open its trace, drag across to narrow the time range; the table below lists the same traces.",
            plotted.with(Vec::len)
        )
    };
    view! {
        <div class="scatter">
            <canvas
                node_ref=canvas
                class="scatter-canvas"
                role="img"
                aria-label=label
                data-dots=move || plotted.with(Vec::len).to_string()
                // Where the dots are, for tests and tools that need to point at one:
                // "left,top,right,bottom" of the plot in CSS px, then start,end (epoch s) and max ms.
                data-scales=move || scales.get().map(|s| format!(
                    "{},{},{},{},{},{},{}",
                    s.area.left, s.area.top, s.area.right, s.area.bottom, s.start, s.end, s.max_ms
                ))
                on:pointerdown=on_pointer_down
                on:pointermove=on_pointer_move
                on:pointerup=on_pointer_up
                on:pointercancel=move |_| press.set(None)
            ></canvas>
            <Show when=move || band().is_some()>
                <div class="scatter-band" style=move || band().unwrap_or_default()></div>
            </Show>
        </div>
    }
}
