//! The timeline's keyboard, as a pure rule: which row a key selects or which span it opens or
//! closes. ↑/↓ and j/k move, Home/End jump, PageUp/PageDown move a screenful, → opens a closed
//! span, ← closes an open one or, on a leaf or a closed span, goes to its parent, Enter toggles.

use shared::trace::Row;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Select the row at this index of the visible rows.
    Select(usize),
    /// Show (`false`) or hide (`true`) the children of this span.
    Collapse { span: usize, collapse: bool },
}

/// What `key` does with `current` (an index into `rows`) selected; `parent` gives a span's
/// parent span, `page` how many rows a screen holds. `None`: the key is not the timeline's.
pub fn key_action(
    key: &str,
    rows: &[Row],
    current: Option<usize>,
    parent: impl Fn(usize) -> Option<usize>,
    page: usize,
) -> Option<KeyAction> {
    let last = rows.len().checked_sub(1)?;
    let at = current.unwrap_or(0).min(last);
    let row = current.and_then(|i| rows.get(i));
    let page = page.max(1);
    Some(match key {
        "ArrowDown" | "j" => KeyAction::Select(current.map_or(0, |i| (i + 1).min(last))),
        "ArrowUp" | "k" => KeyAction::Select(current.map_or(0, |i| i.saturating_sub(1))),
        "Home" => KeyAction::Select(0),
        "End" => KeyAction::Select(last),
        "PageDown" => KeyAction::Select((at + page).min(last)),
        "PageUp" => KeyAction::Select(at.saturating_sub(page)),
        "ArrowRight" => match row {
            Some(row) if row.has_children && row.collapsed => KeyAction::Collapse {
                span: row.span,
                collapse: false,
            },
            _ => return None,
        },
        "ArrowLeft" => match row {
            Some(row) if row.has_children && !row.collapsed => KeyAction::Collapse {
                span: row.span,
                collapse: true,
            },
            Some(row) => {
                let up = parent(row.span)?;
                KeyAction::Select(rows.iter().position(|r| r.span == up)?)
            }
            None => return None,
        },
        "Enter" => match row {
            Some(row) if row.has_children => KeyAction::Collapse {
                span: row.span,
                collapse: !row.collapsed,
            },
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::trace::SpanStatus;

    /// Span `i` at depth `depth`; `children` and `collapsed` as given.
    fn row(span: usize, depth: usize, has_children: bool, collapsed: bool) -> Row {
        Row {
            span,
            depth,
            offset: 0.0,
            duration: 0.0,
            in_progress: false,
            status: SpanStatus::Ok,
            service_span: 0,
            has_children,
            collapsed,
        }
    }

    #[test]
    fn keys_move_open_close_and_climb() {
        // 0 ─┬─ 1 ── 2 (leaf)
        //    └─ 3 (closed, has children)
        let rows = [
            row(0, 0, true, false),
            row(1, 1, true, false),
            row(2, 2, false, false),
            row(3, 1, true, true),
        ];
        let parent = |span: usize| match span {
            1 | 3 => Some(0),
            2 => Some(1),
            _ => None,
        };
        let check = |key: &str, current: Option<usize>, expect: Option<KeyAction>| {
            assert_eq!(
                key_action(key, &rows, current, parent, 2),
                expect,
                "{key} at {current:?}"
            );
        };
        use KeyAction::{Collapse, Select};
        check("ArrowDown", None, Some(Select(0)));
        check("ArrowDown", Some(3), Some(Select(3)));
        check("k", Some(2), Some(Select(1)));
        check("End", Some(0), Some(Select(3)));
        check("PageDown", Some(0), Some(Select(2)));
        check("PageDown", Some(2), Some(Select(3)));
        check("PageUp", Some(3), Some(Select(1)));
        check("PageUp", None, Some(Select(0)));
        // ← on a leaf, or on a closed span, goes to the parent; on an open one it closes it.
        check("ArrowLeft", Some(2), Some(Select(1)));
        check("ArrowLeft", Some(3), Some(Select(0)));
        check(
            "ArrowLeft",
            Some(1),
            Some(Collapse {
                span: 1,
                collapse: true,
            }),
        );
        check(
            "ArrowLeft",
            Some(0),
            Some(Collapse {
                span: 0,
                collapse: true,
            }),
        );
        check(
            "ArrowRight",
            Some(3),
            Some(Collapse {
                span: 3,
                collapse: false,
            }),
        );
        check("ArrowRight", Some(2), None);
        check(
            "Enter",
            Some(3),
            Some(Collapse {
                span: 3,
                collapse: false,
            }),
        );
        check(
            "Enter",
            Some(1),
            Some(Collapse {
                span: 1,
                collapse: true,
            }),
        );
        check("Enter", Some(2), None);
        check("x", Some(2), None);
        assert_eq!(key_action("ArrowDown", &[], None, parent, 2), None);
    }
}
