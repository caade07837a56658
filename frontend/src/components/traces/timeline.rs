use std::collections::HashSet;
use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use shared::trace::{Row, Trace, critical_spans, timeline_rows, visible_rows};

use super::after_paint::after_first_paint;
use super::marks::{STEP_ROWS, measure_scroll_frame};
use super::minimap::TraceMinimap;
use super::timeline_row::{ROW_HEIGHT, RowView, TimelineRow};
use super::timeline_toolbar::{TimelineToolbar, ToolbarAction};
use crate::browser::perf;
use crate::components::resize::use_resize_observer;
use crate::model::traces::{
    KeyAction, Zoom, ancestors, find_spans, key_action, rows_window, scroll_to_reveal, ticks,
};

/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;
/// Until the scroll box reports its height.
const DEFAULT_HEIGHT: usize = 480;

/// The waterfall: every span of the trace on a shared time axis, collapsible, zoomable, with the
/// critical path highlighted. Only the rows in view are in the DOM. `selected` is the span
/// (index into the trace's spans) whose details are shown.
#[component]
pub fn Timeline(trace: Arc<Trace>, selected: RwSignal<Option<usize>>) -> impl IntoView {
    let all_rows = perf::measured(STEP_ROWS, || Arc::new(timeline_rows(&trace)));
    // Whether each span is on the critical path: it walks the whole trace, so it is worked out
    // (and the rows on it highlighted) a frame after the first rows are drawn.
    let critical = RwSignal::new(Arc::new(Vec::<bool>::new()));
    after_first_paint({
        let trace = trace.clone();
        move || {
            critical.try_set(Arc::new(critical_spans(&trace)));
        }
    });
    let collapsed = RwSignal::new(HashSet::<usize>::new());
    let rows = RwSignal::new(all_rows.clone());
    let zoom = RwSignal::new(Zoom::ALL);
    let scroll_top = RwSignal::new(0usize);
    let height = RwSignal::new(DEFAULT_HEIGHT);
    let find = RwSignal::new(String::new());
    let found = RwSignal::new(0usize);
    let scroller = NodeRef::<Div>::new();
    let track = NodeRef::<Div>::new();
    // The bars' track in CSS px, so a duration label goes where it is not cut off.
    let track_px = RwSignal::new(0.0f64);
    use_resize_observer(track, move || {
        if let Some(element) = track.try_get_untracked().flatten() {
            track_px.try_set(f64::from(element.client_width()));
        }
    });
    let total = trace.duration();

    // After the rows change, a selection they no longer show is cleared: the details would
    // describe a span the timeline hides.
    let relayout = {
        let trace = trace.clone();
        move || {
            let next = Arc::new(visible_rows(&trace, &collapsed.get_untracked()));
            if let Some(span) = selected.get_untracked()
                && !next.iter().any(|row| row.span == span)
            {
                selected.set(None);
            }
            rows.set(next);
        }
    };
    // Every span of the trace, open or not: find reaches into collapsed subtrees.
    let matches = {
        let (trace, all_rows) = (trace.clone(), all_rows.clone());
        Memo::new(move |_| {
            let found = find_spans(&trace, &all_rows, &find.get());
            found
                .into_iter()
                .map(|i| all_rows[i].span)
                .collect::<Vec<_>>()
        })
    };
    let selected_row = move || {
        let span = selected.get()?;
        rows.with(|rows| rows.iter().position(|row| row.span == span))
    };
    let reveal = move |index: usize| {
        let Some(element) = scroller.get_untracked() else {
            return;
        };
        let top = element.scroll_top().max(0) as usize;
        if let Some(to) = scroll_to_reveal(index, ROW_HEIGHT, top, height.get_untracked()) {
            element.set_scroll_top(to as i32);
        }
    };
    let select_row = move |index: usize| {
        if let Some(row) = rows.with_untracked(|rows| rows.get(index).copied()) {
            selected.set(Some(row.span));
            reveal(index);
        }
    };
    // Opens whatever hides `span`, then selects it.
    let go_to_span = {
        let (trace, relayout) = (trace.clone(), relayout.clone());
        move |span: usize| {
            let above = ancestors(&trace, span);
            if collapsed.with_untracked(|set| above.iter().any(|a| set.contains(a))) {
                collapsed.update(|set| {
                    for span in &above {
                        set.remove(span);
                    }
                });
                relayout();
            }
            if let Some(index) =
                rows.with_untracked(|rows| rows.iter().position(|r| r.span == span))
            {
                select_row(index);
            }
        }
    };
    let toggle = {
        let relayout = relayout.clone();
        move |span: usize, collapse: Option<bool>| {
            collapsed.update(|set| {
                let now = collapse.unwrap_or(!set.contains(&span));
                if now {
                    set.insert(span)
                } else {
                    set.remove(&span)
                };
            });
            relayout();
        }
    };
    let on_action = {
        let all_rows = all_rows.clone();
        let relayout = relayout.clone();
        let go_to_span = go_to_span.clone();
        move |action: ToolbarAction| {
            let collapse_below = |levels: usize| -> HashSet<usize> {
                all_rows
                    .iter()
                    .filter(|r| r.has_children && r.depth + 1 >= levels)
                    .map(|r| r.span)
                    .collect()
            };
            match action {
                ToolbarAction::ExpandAll => collapsed.set(HashSet::new()),
                ToolbarAction::CollapseAll => collapsed.set(collapse_below(1)),
                ToolbarAction::Levels(levels) => collapsed.set(collapse_below(levels)),
                ToolbarAction::ZoomIn => {
                    zoom.update(|z| *z = z.scaled(0.5, (z.start + z.end) / 2.0))
                }
                ToolbarAction::ZoomOut => {
                    zoom.update(|z| *z = z.scaled(2.0, (z.start + z.end) / 2.0))
                }
                ToolbarAction::ZoomReset => zoom.set(Zoom::ALL),
                ToolbarAction::NextMatch | ToolbarAction::PreviousMatch => {
                    let hits = matches.get_untracked();
                    if hits.is_empty() {
                        return;
                    }
                    let step = if action == ToolbarAction::NextMatch {
                        1
                    } else {
                        hits.len() - 1
                    };
                    let next = (found.get_untracked() + step) % hits.len();
                    found.set(next);
                    go_to_span(hits[next]);
                }
            }
            if matches!(
                action,
                ToolbarAction::ExpandAll | ToolbarAction::CollapseAll | ToolbarAction::Levels(_)
            ) {
                relayout();
            }
        }
    };
    // A link may name a span far down: bring it into view once the list has its height.
    request_animation_frame(move || {
        if let Some(index) = selected_row() {
            reveal(index);
        }
    });
    let find_status = Signal::derive(move || match matches.with(Vec::len) {
        0 if find.with(|f| f.trim().is_empty()) => String::new(),
        0 => "no match".to_owned(),
        n => format!("{} of {n}", found.get().min(n - 1) + 1),
    });
    let on_keydown = {
        let (toggle, trace) = (toggle.clone(), trace.clone());
        move |event: leptos::ev::KeyboardEvent| {
            let page = height.get_untracked() / ROW_HEIGHT;
            let parent = |span: usize| trace.spans.get(span).and_then(|s| s.parent);
            let action = rows.with_untracked(|rows| {
                key_action(&event.key(), rows, selected_row(), parent, page)
            });
            match action {
                Some(KeyAction::Select(index)) => select_row(index),
                Some(KeyAction::Collapse { span, collapse }) => toggle(span, Some(collapse)),
                None => return,
            }
            event.prevent_default();
        }
    };
    let on_scroll = move |_| {
        measure_scroll_frame();
        if let Some(element) = scroller.get_untracked() {
            scroll_top.set(element.scroll_top().max(0) as usize);
            height.set(element.client_height().max(0) as usize);
        }
    };
    let axis =
        move || {
            let z = zoom.get();
            ticks(z.start * total, z.end * total, 8)
            .into_iter()
            .map(|tick| {
                let left = z.to_view(if total > 0.0 { tick.offset / total } else { 0.0 }) * 100.0;
                view! { <span class="tl-tick" style=format!("left:{left:.3}%")>{tick.label}</span> }
            })
            .collect_view()
        };
    let on_toggle = Callback::new({
        let toggle = toggle.clone();
        move |span| toggle(span, None)
    });
    let on_select = Callback::new(move |index: usize| select_row(index));
    let body = {
        let trace = trace.clone();
        move || {
            let window = rows.with(|rows| {
                rows_window(
                    rows.len(),
                    ROW_HEIGHT,
                    scroll_top.get(),
                    height.get(),
                    OVERSCAN,
                )
            });
            let chosen = selected.get();
            let critical = critical.get();
            let z = zoom.get();
            let track = track_px.get();
            let hits: HashSet<usize> = matches.with(|m| m.iter().copied().collect());
            let views: Vec<RowView> = rows.with(|rows| {
                rows[window.rows.clone()]
                    .iter()
                    .zip(window.rows.clone())
                    .map(|(row, index)| {
                        row_view(
                            &trace,
                            row,
                            index,
                            chosen,
                            &critical,
                            hits.contains(&row.span),
                        )
                    })
                    .collect()
            });
            view! {
                <div style=format!("height:{}px", window.space_before)></div>
                {views.into_iter().map(|view| view! { <TimelineRow view zoom=z total track on_toggle on_select /> }).collect_view()}
                <div style=format!("height:{}px", window.space_after)></div>
            }
        }
    };

    view! {
        <section class="timeline" aria-label="Trace timeline">
            <TimelineToolbar on_action=Callback::new(on_action) find find_status />
            <TraceMinimap rows=all_rows.clone() total zoom />
            <div class="tl-axis" aria-hidden="true">
                <div class="tl-axis-label">{move || format!("{} spans", rows.with(|r| r.len()))}</div>
                <div class="tl-axis-track" node_ref=track>{axis}</div>
            </div>
            <div
                class="tl-scroll"
                node_ref=scroller
                tabindex="0"
                role="tree"
                aria-label="Spans: arrow keys and Page Up/Down move, right opens, left closes or goes to the parent, Enter opens and closes"
                on:scroll=on_scroll
                on:keydown=on_keydown
            >
                {body}
            </div>
        </section>
    }
}

fn row_view(
    trace: &Trace,
    row: &Row,
    index: usize,
    chosen: Option<usize>,
    critical: &[bool],
    matched: bool,
) -> RowView {
    let name = trace
        .spans
        .get(row.span)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    RowView {
        index,
        row: *row,
        name,
        service: row.service_name(trace).to_owned(),
        critical: critical.get(row.span).copied().unwrap_or(false),
        selected: chosen == Some(row.span),
        matched,
    }
}
