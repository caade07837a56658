//! The time range every view shows: the last N minutes, or a fixed from–to.

use shared::api::{MAX_WINDOW_SECONDS, format_window};

use super::instant::format_utc;

/// The windows the picker offers, in seconds: 5m, 15m, 1h, 3h, 6h.
pub const PRESET_WINDOWS: [u64; 5] = [300, 900, 3600, 3 * 3600, 6 * 3600];

/// The window when the URL names none. Not 1h, so that choosing 1h is a visible change.
pub const DEFAULT_WINDOW_SECONDS: u64 = 900;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeRange {
    /// The last `seconds`, moving with the clock (`window=15m`).
    Relative { seconds: u64 },
    /// A fixed range in epoch seconds (`start=…&end=…`); `start < end` and at most
    /// [`MAX_WINDOW_SECONDS`] apart once built by [`TimeRange::absolute`].
    Absolute { start: i64, end: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("the end of the time range must be after its start")]
    EndNotAfterStart,
    #[error(
        "the time range is longer than the maximum of {}",
        format_window(MAX_WINDOW_SECONDS)
    )]
    TooLong,
}

impl Default for TimeRange {
    fn default() -> Self {
        TimeRange::Relative {
            seconds: DEFAULT_WINDOW_SECONDS,
        }
    }
}

impl TimeRange {
    /// A fixed range, refused when reversed, empty, or longer than the backend accepts.
    pub fn absolute(start: i64, end: i64) -> Result<TimeRange, RangeError> {
        if end <= start {
            return Err(RangeError::EndNotAfterStart);
        }
        if end.abs_diff(start) > MAX_WINDOW_SECONDS {
            return Err(RangeError::TooLong);
        }
        Ok(TimeRange::Absolute { start, end })
    }

    /// The query parameters that say this range, in the order they are written.
    pub fn to_pairs(self) -> Vec<(&'static str, String)> {
        match self {
            TimeRange::Relative { seconds } => vec![("window", format_window(seconds))],
            TimeRange::Absolute { start, end } => {
                vec![("start", start.to_string()), ("end", end.to_string())]
            }
        }
    }

    /// The value of the picker's `<select>`: the window (`1h`), or `custom` for a fixed range.
    pub fn picker_value(self) -> String {
        match self {
            TimeRange::Relative { seconds } => format_window(seconds),
            TimeRange::Absolute { .. } => CUSTOM.to_owned(),
        }
    }

    /// For a person: `the last 15m`, `2026-11-23 10:00 UTC – 2026-11-23 11:00 UTC`.
    pub fn describe(self) -> String {
        match self {
            TimeRange::Relative { seconds } => format!("the last {}", format_window(seconds)),
            TimeRange::Absolute { start, end } => {
                format!("{} – {}", format_utc(start), format_utc(end))
            }
        }
    }
}

/// The picker's value for "Custom…".
pub const CUSTOM: &str = "custom";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_ranges_must_be_ordered_and_bounded() {
        let check = |start: i64, end: i64, expect: Result<TimeRange, RangeError>| {
            assert_eq!(TimeRange::absolute(start, end), expect, "{start}..{end}");
        };
        check(
            100,
            200,
            Ok(TimeRange::Absolute {
                start: 100,
                end: 200,
            }),
        );
        check(
            0,
            6 * 3600,
            Ok(TimeRange::Absolute {
                start: 0,
                end: 6 * 3600,
            }),
        );
        check(200, 200, Err(RangeError::EndNotAfterStart));
        check(200, 100, Err(RangeError::EndNotAfterStart));
        check(0, 6 * 3600 + 1, Err(RangeError::TooLong));
        check(i64::MIN, i64::MAX, Err(RangeError::TooLong));
    }

    #[test]
    fn ranges_become_query_pairs_picker_values_and_prose() {
        let hour = TimeRange::Relative { seconds: 3600 };
        assert_eq!(hour.to_pairs(), vec![("window", "1h".to_owned())]);
        assert_eq!(hour.picker_value(), "1h");
        assert_eq!(hour.describe(), "the last 1h");

        let fixed = TimeRange::Absolute {
            start: 1_700_000_000,
            end: 1_700_003_600,
        };
        let expect = vec![
            ("start", "1700000000".to_owned()),
            ("end", "1700003600".to_owned()),
        ];
        assert_eq!(fixed.to_pairs(), expect);
        assert_eq!(fixed.picker_value(), CUSTOM);
        assert_eq!(
            fixed.describe(),
            "2023-11-14 22:13 UTC – 2023-11-14 23:13 UTC"
        );
    }

    #[test]
    fn presets_are_valid_windows_and_the_default_is_one_of_them() {
        for seconds in PRESET_WINDOWS {
            assert_eq!(
                shared::api::parse_window(&format_window(seconds)),
                Ok(seconds)
            );
        }
        assert!(PRESET_WINDOWS.contains(&DEFAULT_WINDOW_SECONDS));
    }
}
