use leptos::prelude::*;

/// What the toolbar asks the timeline to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolbarAction {
    ExpandAll,
    CollapseAll,
    /// Show this many levels, collapse the rest.
    Levels(usize),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    NextMatch,
    PreviousMatch,
}

/// The timeline's controls: expand / collapse, zoom, and find-in-trace (which searches collapsed
/// spans too and opens the way to a match).
#[component]
pub fn TimelineToolbar(
    on_action: Callback<ToolbarAction>,
    find: RwSignal<String>,
    /// "3 of 12", or empty.
    #[prop(into)]
    find_status: Signal<String>,
) -> impl IntoView {
    // Short faces, full names: the toolbar stays on one line beside the span details.
    let button = move |label: &'static str, name: &'static str, action: ToolbarAction| {
        view! {
            <button type="button" aria-label=name title=name on:click=move |_| on_action.run(action)>
                {label}
            </button>
        }
    };
    view! {
        <div class="tl-toolbar" role="toolbar" aria-label="Timeline">
            {button("Expand all", "Expand all", ToolbarAction::ExpandAll)}
            {button("Collapse all", "Collapse all", ToolbarAction::CollapseAll)}
            <label>
                "Levels "
                <select
                    aria-label="Levels shown"
                    on:change=move |event| {
                        if let Ok(levels) = event_target_value(&event).parse() {
                            on_action.run(ToolbarAction::Levels(levels));
                        }
                    }
                >
                    <option value="">"—"</option>
                    {[1usize, 2, 3, 4, 5].map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                </select>
            </label>
            <span class="tl-sep"></span>
            {button("+", "Zoom in", ToolbarAction::ZoomIn)}
            {button("−", "Zoom out", ToolbarAction::ZoomOut)}
            {button("1:1", "Reset zoom", ToolbarAction::ZoomReset)}
            <span class="tl-sep"></span>
            <input
                type="search"
                id="trace-find"
                placeholder="Find in trace"
                aria-label="Find in trace"
                prop:value=move || find.get()
                on:input=move |event| find.set(event_target_value(&event))
                on:keydown=move |event| {
                    if event.key() == "Enter" {
                        let action = if event.shift_key() { ToolbarAction::PreviousMatch } else { ToolbarAction::NextMatch };
                        on_action.run(action);
                    }
                }
            />
            <span class="muted" aria-live="polite">{move || find_status.get()}</span>
            {button("↑", "Previous match", ToolbarAction::PreviousMatch)}
            {button("↓", "Next match", ToolbarAction::NextMatch)}
        </div>
    }
}
