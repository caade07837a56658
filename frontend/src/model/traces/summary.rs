//! The line under the search that says how much of the window the page shows: how many traces
//! match, what the counts and the plot cover, what the table lists, and, when nothing matches, how
//! to widen the search.

use crate::model::words::{count, grouped};
use crate::model::{PRESET_WINDOWS, TimeRange};

/// What a search found, as far as the summary needs it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    /// Rows in the table.
    pub listed: usize,
    /// The table has more pages.
    pub more: bool,
    /// The window's overview: how many points, and whether that is every match.
    pub overview: Option<(usize, bool)>,
    /// The overview is still being read.
    pub counting: bool,
    /// Why the answer holds less than asked (X-Ray failed a page after the first).
    pub partial: Option<String>,
}

/// `since` is when an incomplete overview's points start, as the page shows times.
pub fn results_summary(found: &Found, since: &str) -> String {
    let listed = if found.more {
        format!("the table lists the newest {}", grouped(found.listed))
    } else {
        "the table lists them all".to_owned()
    };
    let covered = match found.overview {
        Some((n, false)) if found.partial.is_some() => format!(
            "The counts and the plot cover the {} read, from {since} on; {listed}.",
            count(n, "trace")
        ),
        Some((n, true)) => {
            let verb = if n == 1 { "matches" } else { "match" };
            format!("{} {verb} in this window; {listed}.", count(n, "trace"))
        }
        Some((n, false)) => format!(
            "More than {} match: the counts and the plot cover the newest {}, from {since} on; {listed}.",
            count(n, "trace"),
            grouped(n)
        ),
        None => format!(
            "{} loaded{}; {}",
            count(found.listed, "trace"),
            if found.more { ", more available" } else { "" },
            if found.counting {
                "counting the whole window…"
            } else {
                "the counts and the plot cover these only."
            }
        ),
    };
    match &found.partial {
        Some(reason) => format!("Partial answer: {reason}. {covered}"),
        None => covered,
    }
}

/// The next preset window longer than `range`: what "widen the search" offers. `None` for a
/// fixed range or the longest window.
pub fn wider_window(range: TimeRange) -> Option<u64> {
    let TimeRange::Relative { seconds } = range else {
        return None;
    };
    PRESET_WINDOWS.into_iter().find(|&preset| preset > seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_says_what_the_counts_and_the_table_cover() {
        let check = |found: Found, expect: &str| {
            assert_eq!(results_summary(&found, "10:32:10"), expect, "{found:?}");
        };
        check(
            Found {
                listed: 100,
                more: true,
                overview: Some((2_763, true)),
                counting: false,
                partial: None,
            },
            "2,763 traces match in this window; the table lists the newest 100.",
        );
        check(
            Found {
                listed: 1,
                more: false,
                overview: Some((1, true)),
                counting: false,
                partial: None,
            },
            "1 trace matches in this window; the table lists them all.",
        );
        check(
            Found {
                listed: 100,
                more: true,
                overview: Some((4_000, false)),
                counting: false,
                partial: None,
            },
            "More than 4,000 traces match: the counts and the plot cover the newest 4,000, from 10:32:10 on; the table lists the newest 100.",
        );
        check(
            Found {
                listed: 50,
                more: true,
                overview: None,
                counting: false,
                partial: None,
            },
            "50 traces loaded, more available; the counts and the plot cover these only.",
        );
        check(
            Found {
                listed: 50,
                more: true,
                overview: None,
                counting: true,
                partial: None,
            },
            "50 traces loaded, more available; counting the whole window…",
        );
        check(
            Found {
                listed: 100,
                more: true,
                overview: Some((300, false)),
                counting: false,
                partial: Some("X-Ray throttled page 4 of the search: this answer holds the 300 traces read before it".into()),
            },
            "Partial answer: X-Ray throttled page 4 of the search: this answer holds the 300 traces read before it. The counts and the plot cover the 300 traces read, from 10:32:10 on; the table lists the newest 100.",
        );
    }

    #[test]
    fn widening_offers_the_next_preset() {
        let check = |range: TimeRange, expect: Option<u64>| {
            assert_eq!(wider_window(range), expect, "{range:?}");
        };
        check(TimeRange::Relative { seconds: 300 }, Some(900));
        check(TimeRange::Relative { seconds: 900 }, Some(3600));
        check(TimeRange::Relative { seconds: 2 * 3600 }, Some(3 * 3600));
        check(TimeRange::Relative { seconds: 6 * 3600 }, None);
        check(TimeRange::Absolute { start: 0, end: 60 }, None);
    }
}
