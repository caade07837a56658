//! Time windows written as `15m`, `1h`, `90s`: the `window=` query parameter of the API and the
//! frontend's URLs.

/// Windows longer than this are refused: the X-Ray console caps its ranges at 6 h and longer
/// calls to GetServiceGraph / GetTraceSummaries are slow or rejected.
pub const MAX_WINDOW_SECONDS: u64 = 6 * 3600;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("the time window is empty; write it like 15m, 1h or 90s")]
    Empty,
    #[error("`{0}` is not a time window; write a whole number and a unit: s, m, h or d (e.g. 15m)")]
    Malformed(String),
    #[error("the time window must be longer than zero")]
    Zero,
    #[error("`{0}` is longer than the maximum of 6h")]
    TooLong(String),
}

/// Parses `90s`, `15m`, `1h`, `6h` (units `s`, `m`, `h`, `d`; surrounding spaces ignored) into
/// seconds, refusing zero and anything above [`MAX_WINDOW_SECONDS`].
pub fn parse_window(text: &str) -> Result<u64, WindowError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(WindowError::Empty);
    }
    let malformed = || WindowError::Malformed(trimmed.to_owned());
    let unit_at = trimmed.len() - trimmed.chars().last().map_or(0, char::len_utf8);
    let (digits, unit) = trimmed.split_at(unit_at);
    let unit_seconds: u64 = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(malformed()),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed());
    }
    // Too many digits for a u64 is still just "too long", not malformed.
    let count: u64 = digits.parse().unwrap_or(u64::MAX);
    let seconds = count.saturating_mul(unit_seconds);
    if seconds == 0 {
        return Err(WindowError::Zero);
    }
    if seconds > MAX_WINDOW_SECONDS {
        return Err(WindowError::TooLong(trimmed.to_owned()));
    }
    Ok(seconds)
}

/// The shortest form [`parse_window`] reads back as the same number of seconds: `3600` → `1h`,
/// `900` → `15m`, `90` → `90s`.
pub fn format_window(seconds: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(86_400, "d"), (3600, "h"), (60, "m")];
    for (unit_seconds, unit) in UNITS {
        if seconds != 0 && seconds.is_multiple_of(unit_seconds) {
            return format!("{}{unit}", seconds / unit_seconds);
        }
    }
    format!("{seconds}s")
}
