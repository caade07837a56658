use std::collections::HashSet;
use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use shared::trace::{Row, Trace, critical_path, timeline_rows, visible_rows};

use super::marks::measure_scroll_frame;
use super::minimap::TraceMinimap;
use super::timeline_row::{ROW_HEIGHT, RowView, TimelineRow};
use super::timeline_toolbar::{TimelineToolbar, ToolbarAction};
use crate::model::traces::{Zoom, find_spans, rows_window, scroll_to_reveal, ticks};

/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;
/// Until the scroll box reports its height.
const DEFAULT_HEIGHT: usize = 480;

/// The waterfall: every span of the trace on a shared time axis, collapsible, zoomable, with the
/// critical path highlighted. Only the rows in view are in the DOM. `selected` is the span
/// (index into the trace's spans) whose details are shown.
#[component]
pub fn Timeline(trace: Arc<Trace>, selected: RwSignal<Option<usize>>) -> impl IntoView {
    let all_rows = Arc::new(timeline_rows(&trace));
    let critical: Arc<HashSet<usize>> =
        Arc::new(critical_path(&trace).into_iter().map(|s| s.span).collect());
    let collapsed = RwSignal::new(HashSet::<usize>::new());
    let rows = RwSignal::new(all_rows.clone());
    let zoom = RwSignal::new(Zoom::ALL);
    let scroll_top = RwSignal::new(0usize);
    let height = RwSignal::new(DEFAULT_HEIGHT);
    let find = RwSignal::new(String::new());
    let found = RwSignal::new(0usize);
    let scroller = NodeRef::<Div>::new();
    let total = trace.duration();

    let relayout = {
        let trace = trace.clone();
        move || rows.set(Arc::new(visible_rows(&trace, &collapsed.get_untracked())))
    };
    let matches = {
        let trace = trace.clone();
        Memo::new(move |_| rows.with(|rows| find_spans(&trace, rows, &find.get())))
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
                    select_row(hits[next]);
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
    let find_status = Signal::derive(move || match matches.with(Vec::len) {
        0 if find.with(|f| f.trim().is_empty()) => String::new(),
        0 => "no match".to_owned(),
        n => format!("{} of {n}", found.get().min(n - 1) + 1),
    });
    let on_keydown = {
        let toggle = toggle.clone();
        move |event: leptos::ev::KeyboardEvent| {
            let count = rows.with_untracked(|rows| rows.len());
            if count == 0 {
                return;
            }
            let current = selected_row();
            let row = current.and_then(|i| rows.with_untracked(|rows| rows.get(i).copied()));
            match event.key().as_str() {
                "ArrowDown" | "j" => select_row(current.map_or(0, |i| (i + 1).min(count - 1))),
                "ArrowUp" | "k" => select_row(current.map_or(0, |i| i.saturating_sub(1))),
                "Home" => select_row(0),
                "End" => select_row(count - 1),
                "ArrowRight" => match row {
                    Some(row) if row.has_children && row.collapsed => toggle(row.span, Some(false)),
                    _ => return,
                },
                "ArrowLeft" => match row {
                    Some(row) if row.has_children && !row.collapsed => toggle(row.span, Some(true)),
                    _ => return,
                },
                _ => return,
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
            let z = zoom.get();
            let hits: HashSet<usize> = matches.with(|m| m.iter().copied().collect());
            let views: Vec<RowView> = rows.with(|rows| {
                rows[window.rows.clone()]
                    .iter()
                    .zip(window.rows.clone())
                    .map(|(row, index)| {
                        row_view(&trace, row, index, chosen, &critical, hits.contains(&index))
                    })
                    .collect()
            });
            view! {
                <div style=format!("height:{}px", window.space_before)></div>
                {views.into_iter().map(|view| view! { <TimelineRow view zoom=z total on_toggle on_select /> }).collect_view()}
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
                <div class="tl-axis-track">{axis}</div>
            </div>
            <div
                class="tl-scroll"
                node_ref=scroller
                tabindex="0"
                role="tree"
                aria-label="Spans: arrow keys move, left and right collapse and expand"
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
    critical: &HashSet<usize>,
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
        critical: critical.contains(&row.span),
        selected: chosen == Some(row.span),
        matched,
    }
}
