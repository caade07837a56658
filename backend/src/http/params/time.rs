//! `start`, `end` and `window` query parameters → a validated [`TimeRange`].
//!
//! Times are RFC 3339 (`2026-11-23T21:00:00Z`) or epoch seconds; `window=15m` is a length. With
//! neither, the window is the last 15 minutes. Windows are at most 6 h (X-Ray's console limit)
//! and may not start before X-Ray's 30-day retention.

use shared::api::{MAX_WINDOW_SECONDS, codes, format_window, parse_window};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::aws::TimeRange;
use crate::http::error::AppError;

pub const DEFAULT_WINDOW_SECONDS: i64 = 15 * 60;
const RETENTION_SECONDS: i64 = 30 * 86_400;
/// "Now" is rounded down to this step, so browsers asking for "the last 15 minutes" within the
/// same few seconds share one cached answer.
pub const NOW_STEP_SECONDS: i64 = 5;

/// Epoch seconds (fractions dropped) or an RFC 3339 timestamp.
pub fn parse_instant(text: &str) -> Result<i64, String> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<f64>() {
        if seconds.is_finite() && (0.0..1e11).contains(&seconds) {
            return Ok(seconds.floor() as i64);
        }
        return Err(format!("`{text}` is not a plausible time in epoch seconds"));
    }
    OffsetDateTime::parse(text, &Rfc3339)
        .map(OffsetDateTime::unix_timestamp)
        .map_err(|_| {
            format!(
                "`{text}` is not a time: write RFC 3339 (2026-11-23T21:00:00Z) or epoch seconds"
            )
        })
}

/// Resolves the three parameters against `now` (epoch seconds).
pub fn time_range(
    start: Option<&str>,
    end: Option<&str>,
    window: Option<&str>,
    now: i64,
) -> Result<TimeRange, AppError> {
    let instant = |name: &str, text: Option<&str>| {
        text.map(|t| {
            parse_instant(t).map_err(|m| AppError::parameter(codes::INVALID_WINDOW, name, m))
        })
        .transpose()
    };
    let start = instant("start", start)?;
    let end = instant("end", end)?;
    let window = window
        .map(|w| {
            parse_window(w)
                .map(|s| s as i64)
                .map_err(|e| AppError::parameter(codes::INVALID_WINDOW, "window", e.to_string()))
        })
        .transpose()?;
    let now = now - now.rem_euclid(NOW_STEP_SECONDS);
    let range = match (start, end, window) {
        (Some(_), Some(_), Some(_)) => {
            return Err(AppError::parameter(
                codes::INVALID_WINDOW,
                "window",
                "give `window` or both `start` and `end`, not all three",
            ));
        }
        (Some(start), Some(end), None) => TimeRange { start, end },
        (Some(start), None, window) => TimeRange {
            start,
            end: window.map_or(now, |w| start + w),
        },
        (None, Some(end), window) => TimeRange {
            start: end - window.unwrap_or(DEFAULT_WINDOW_SECONDS),
            end,
        },
        (None, None, window) => TimeRange {
            start: now - window.unwrap_or(DEFAULT_WINDOW_SECONDS),
            end: now,
        },
    };
    validate(range, now)
}

/// A window checked like every window: not reversed, at most 6 h, within X-Ray's retention
/// (also what a cursor carries, whoever made it).
pub fn validate(range: TimeRange, now: i64) -> Result<TimeRange, AppError> {
    let refuse = |message: String| AppError::parameter(codes::INVALID_WINDOW, "start", message);
    if range.start >= range.end {
        return Err(refuse("`start` must be before `end`".to_owned()));
    }
    let max = MAX_WINDOW_SECONDS as i64;
    if range.seconds() > max {
        return Err(refuse(format!(
            "the time window is {} long; the longest X-Ray allows per query is {}",
            format_window(range.seconds().unsigned_abs()),
            format_window(MAX_WINDOW_SECONDS),
        )));
    }
    if range.start < now - RETENTION_SECONDS {
        return Err(refuse(
            "the window starts more than 30 days ago, beyond what X-Ray keeps".to_owned(),
        ));
    }
    Ok(range)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000;

    #[test]
    fn instants() {
        let check = |text: &str, expect: Option<i64>| {
            assert_eq!(parse_instant(text).ok(), expect, "{text}");
        };
        check("1795000000", Some(1_795_000_000));
        check("1795000000.75", Some(1_795_000_000));
        check("2026-11-23T21:00:00Z", Some(1_795_467_600));
        check("2026-11-23T22:00:00+01:00", Some(1_795_467_600));
        check("-5", None);
        check("NaN", None);
        check("1e300", None);
        check("yesterday", None);
        check("", None);
    }

    #[test]
    fn ranges() {
        let check = |start: Option<&str>,
                     end: Option<&str>,
                     window: Option<&str>,
                     expect: Option<(i64, i64)>| {
            let got = time_range(start, end, window, NOW + 3)
                .ok()
                .map(|r| (r.start, r.end));
            assert_eq!(got, expect, "{start:?} {end:?} {window:?}");
        };
        // NOW is a multiple of the step, so NOW + 3 rounds down to NOW.
        check(None, None, None, Some((NOW - 900, NOW)));
        check(None, None, Some("1h"), Some((NOW - 3600, NOW)));
        check(
            Some("1794999000"),
            Some("1795000000"),
            None,
            Some((1_794_999_000, NOW)),
        );
        check(Some("1794999000"), None, None, Some((1_794_999_000, NOW)));
        check(
            Some("1794990000"),
            None,
            Some("5m"),
            Some((1_794_990_000, 1_794_990_300)),
        );
        check(
            None,
            Some("1794990000"),
            None,
            Some((1_794_989_100, 1_794_990_000)),
        );
        check(None, None, Some("7h"), None);
        check(None, None, Some("0m"), None);
        check(None, None, Some("15 minutes"), None);
        check(Some("1795000000"), Some("1794999000"), None, None);
        check(Some("1794000000"), Some("1795000000"), None, None);
        check(Some("1"), Some("1000"), None, None);
        check(Some("1794999000"), Some("1795000000"), Some("5m"), None);
        check(Some("soon"), None, None, None);
    }
}
