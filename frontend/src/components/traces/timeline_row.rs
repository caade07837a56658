use leptos::prelude::*;
use shared::trace::{Row, SpanStatus};

use crate::model::traces::{LabelPlace, Zoom, format_seconds, label_place, label_px};

/// Pixels per row: fixed, so the list can be virtualized by arithmetic.
pub const ROW_HEIGHT: usize = 24;
/// Indentation stops growing here, so a 5,000-deep chain still leaves room for its bars.
const MAX_INDENT_LEVELS: usize = 24;

/// What one waterfall row shows, resolved from the trace by the timeline.
#[derive(Clone)]
pub struct RowView {
    pub index: usize,
    pub row: Row,
    pub name: String,
    pub service: String,
    pub critical: bool,
    pub selected: bool,
    pub matched: bool,
}

/// One span on the waterfall: an indented name with its toggle, and its bar on the time axis.
#[component]
pub fn TimelineRow(
    view: RowView,
    zoom: Zoom,
    /// The trace's length, seconds.
    total: f64,
    /// The bars' track, CSS px (0 until measured).
    track: f64,
    on_toggle: Callback<usize>,
    on_select: Callback<usize>,
) -> impl IntoView {
    let RowView {
        index,
        row,
        name,
        service,
        critical,
        selected,
        matched,
    } = view;
    let total = if total > 0.0 { total } else { 1.0 };
    let left = zoom.to_view(row.offset / total) * 100.0;
    let width = (row.duration / total / zoom.width() * 100.0).max(0.15);
    let indent = row.depth.min(MAX_INDENT_LEVELS) * 12;
    let status = status_name(row.status);
    let duration = format_seconds(row.duration);
    // Never cut off: inside the bar when it fits, else after it, else before it.
    let px = |percent: f64| percent / 100.0 * track;
    let place = label_place(px(left), px(width), label_px(&duration), track);
    let (label_class, label_style) = match place {
        LabelPlace::Inside => (
            "tl-duration inside",
            format!(
                "left:{:.4}%;width:{:.4}%",
                left.max(0.0),
                (left + width).min(100.0) - left.max(0.0)
            ),
        ),
        LabelPlace::After => ("tl-duration", format!("left:{:.4}%", left + width)),
        LabelPlace::Before => ("tl-duration before", format!("right:{:.4}%", 100.0 - left)),
    };
    let class = format!(
        "tl-row{}{}{}",
        if selected { " selected" } else { "" },
        if critical { " critical" } else { "" },
        if matched { " matched" } else { "" }
    );
    let toggle = row.has_children.then(|| {
        let label = if row.collapsed { "Expand" } else { "Collapse" };
        view! {
            <button
                type="button"
                class="tl-toggle"
                tabindex="-1"
                aria-label=format!("{label} {name}")
                on:click=move |event| {
                    event.stop_propagation();
                    on_toggle.run(row.span);
                }
            >
                {if row.collapsed { "▸" } else { "▾" }}
            </button>
        }
    });
    let deep = (row.depth > MAX_INDENT_LEVELS)
        .then(|| view! { <span class="tl-depth">{format!("L{}", row.depth)}</span> });
    let name_attr = name.clone();
    let title = format!(
        "{name} ({service}) — {} at +{}",
        format_seconds(row.duration),
        format_seconds(row.offset)
    );
    view! {
        <div
            class=class
            role="treeitem"
            attr:aria-level=(row.depth + 1).to_string()
            aria-selected=selected.to_string()
            aria-expanded=row.has_children.then(|| (!row.collapsed).to_string())
            data-span=row.span
            data-name=name_attr
            style=format!("height:{ROW_HEIGHT}px")
            on:click=move |_| on_select.run(index)
        >
            <div class="tl-label" style=format!("padding-left:{indent}px") title=title.clone()>
                {toggle}
                {deep}
                <span class="tl-name">{name}</span>
                <span class="tl-service muted">{service}</span>
            </div>
            <div class="tl-track">
                <div
                    class=format!("tl-bar status-{status}{}", if row.in_progress { " in-progress" } else { "" })
                    style=format!("left:{left:.4}%;width:{width:.4}%")
                    title=title
                ></div>
                <span class=label_class style=label_style>{duration}</span>
            </div>
        </div>
    }
}

pub fn status_name(status: SpanStatus) -> &'static str {
    match status {
        SpanStatus::Ok => "ok",
        SpanStatus::Error => "error",
        SpanStatus::Throttle => "throttle",
        SpanStatus::Fault => "fault",
    }
}
