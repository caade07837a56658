//! Row virtualization: which rows of a long list are worth putting in the DOM for the current
//! scroll position, so 100,000 spans cost as much as the screenful that is visible.

use std::ops::Range;

/// The rows to render and the blank space standing in for the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowsWindow {
    pub rows: Range<usize>,
    /// Pixels of the rows above `rows`, and below it.
    pub space_before: usize,
    pub space_after: usize,
}

/// The rows visible in a viewport of `height` pixels scrolled to `scroll_top`, plus `overscan`
/// rows on each side so fast scrolling does not show blank space before the next frame.
pub fn rows_window(
    total: usize,
    row_height: usize,
    scroll_top: usize,
    height: usize,
    overscan: usize,
) -> RowsWindow {
    let row_height = row_height.max(1);
    let first_visible = (scroll_top / row_height).min(total);
    let visible = height.div_ceil(row_height) + 1;
    let start = first_visible.saturating_sub(overscan);
    let end = (first_visible + visible + overscan).min(total);
    RowsWindow {
        rows: start..end,
        space_before: start * row_height,
        space_after: (total - end) * row_height,
    }
}

/// The scroll position that brings row `index` into a viewport of `height` pixels scrolled to
/// `scroll_top`, or `None` when it is already fully visible.
pub fn scroll_to_reveal(
    index: usize,
    row_height: usize,
    scroll_top: usize,
    height: usize,
) -> Option<usize> {
    let top = index * row_height;
    let bottom = top + row_height;
    if top < scroll_top {
        Some(top)
    } else if bottom > scroll_top + height {
        Some(bottom.saturating_sub(height))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_visible_rows_and_the_overscan_are_rendered() {
        let check = |total, scroll_top, expect: Range<usize>| {
            let window = rows_window(total, 20, scroll_top, 200, 5);
            assert_eq!(window.rows, expect, "{total} rows at {scroll_top}");
            let rendered = window.rows.len() * 20;
            assert_eq!(
                window.space_before + rendered + window.space_after,
                total * 20
            );
        };
        check(0, 0, 0..0);
        check(8, 0, 0..8);
        check(100_000, 0, 0..16);
        check(100_000, 1_000_000, 49_995..50_016);
        check(100_000, 1_999_800, 99_985..100_000);
        // Scrolled past the end (the list shrank under a collapse): nothing breaks.
        check(10, 1_000_000, 5..10);
    }

    #[test]
    fn revealing_a_row_scrolls_the_least() {
        let check = |index, scroll_top, expect| {
            assert_eq!(scroll_to_reveal(index, 20, scroll_top, 200), expect)
        };
        check(5, 0, None);
        check(9, 0, None);
        check(10, 0, Some(20));
        check(2, 100, Some(40));
    }
}
