//! `performance.mark` and `performance.measure` for the benchmark (`e2e/src/bin/bench` reads the
//! measures by name: `runtrace:map:*`, `runtrace:trace:*`, `runtrace:kiosk:*`,
//! `runtrace:services:*`). One bound for all: a mark is replaced, not added to, and a name never
//! holds more than [`MEASURES_KEPT`] measures (fewer on the kiosk: [`set_measures_kept`]), so a page left open for days does not fill the
//! browser's performance timeline. A browser without the Performance API is just not measured.

use std::cell::Cell;

/// Measures of one name kept in the performance timeline; past it the older ones are cleared.
pub const MEASURES_KEPT: u32 = 1_000;

thread_local! {
    static KEPT: Cell<u32> = const { Cell::new(MEASURES_KEPT) };
}

/// Sets how many measures of one name are kept (at least one), answering the previous bound. The
/// kiosk keeps few: at a measure per rotation, a thousand would take hours to reach, and its JS
/// heap would grow by each one until then (~140 bytes a measure, the only growth the heap
/// snapshots of 100 rotations found).
pub fn set_measures_kept(kept: u32) -> u32 {
    KEPT.with(|k| k.replace(kept.max(1)))
}

/// Where a measure starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since<'a> {
    /// A mark set by [`mark`]; the mark is used up by the measure.
    Mark(&'a str),
    /// A mark set by [`mark`], left for a later measure from it.
    MarkKept(&'a str),
    /// The page's navigation (a deep link's load counts).
    PageLoad,
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// Sets the mark `name`, replacing an earlier one of that name.
pub fn mark(name: &str) {
    if let Some(performance) = performance() {
        performance.clear_marks_with_mark_name(name);
        // Only fails for a reserved name, which ours are not; a lost mark loses one sample.
        let _ = performance.mark(name);
    }
}

/// Whether the mark `name` is set (and not yet used up).
pub fn is_marked(name: &str) -> bool {
    performance().is_some_and(|performance| {
        performance
            .get_entries_by_name_with_entry_type(name, "mark")
            .length()
            > 0
    })
}

/// Records the measure `name` from `since` to now.
pub fn measure(name: &str, since: Since) {
    let Some(performance) = performance() else {
        return;
    };
    if performance.get_entries_by_name(name).length() >= KEPT.with(Cell::get) {
        performance.clear_measures_with_measure_name(name);
    }
    // Fails only when the start mark is gone (measured already): then there is nothing to record.
    match since {
        Since::Mark(start) => {
            let _ = performance.measure_with_start_mark(name, start);
            performance.clear_marks_with_mark_name(start);
        }
        Since::MarkKept(start) => {
            let _ = performance.measure_with_start_mark(name, start);
        }
        Since::PageLoad => {
            let _ = performance.measure(name);
        }
    }
}

/// Starts the measure `name`, for [`finish`] to record (its start is the mark `{name}:start`).
pub fn start(name: &str) {
    mark(&start_of(name));
}

/// Records the measure `name` from its [`start`] to now.
pub fn finish(name: &str) {
    measure(name, Since::Mark(&start_of(name)));
}

fn start_of(name: &str) -> String {
    format!("{name}:start")
}

/// Runs `work`, recording its duration as the measure `name`.
pub fn measured<T>(name: &str, work: impl FnOnce() -> T) -> T {
    start(name);
    let result = work();
    finish(name);
    result
}
