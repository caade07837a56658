//! Instants in URLs: `start=`/`end=` take epoch seconds (what runtrace writes) or RFC 3339 (what a
//! person or a portal may write), the same two forms the backend accepts.

use super::civil::{civil_from_days, days_from_civil, days_in_month};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a time; write epoch seconds (1700000000) or RFC 3339 (2026-11-23T10:00:00Z)")]
pub struct InstantError(pub String);

/// Reads epoch seconds (`1700000000`) or RFC 3339 (`2026-11-23T10:00:00Z`,
/// `2026-11-23T11:00:00.5+01:00`) as whole epoch seconds; fractions of a second are dropped.
pub fn parse_instant(text: &str) -> Result<i64, InstantError> {
    let text = text.trim();
    let invalid = || InstantError(text.to_owned());
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().map_err(|_| invalid());
    }
    parse_rfc3339(text).ok_or_else(invalid)
}

fn parse_rfc3339(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = text.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let separators_ok = bytes.len() >= 20
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && matches!(bytes[10], b'T' | b't' | b' ')
        && bytes[13] == b':'
        && bytes[16] == b':';
    if !separators_ok {
        return None;
    }
    let year = i64::from(number(0..4)?);
    let (month, day) = (number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let date_ok = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
    // 60 admits a leap second; it lands on the next minute's first second.
    if !date_ok || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let zone = skip_fraction(&text[19..])?;
    let offset_seconds = parse_offset(zone)?;
    let local =
        days_from_civil(year, month, day) * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(local - offset_seconds)
}

/// The text after an optional `.123` fraction, which must have at least one digit.
fn skip_fraction(rest: &str) -> Option<&str> {
    let Some(fraction) = rest.strip_prefix('.') else {
        return Some(rest);
    };
    let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| &fraction[digits..])
}

/// `Z` → 0, `+01:30` → 5400, `-05:00` → -18000.
fn parse_offset(zone: &str) -> Option<i64> {
    if zone.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (hours, minutes) = zone.get(1..)?.split_once(':')?;
    let field = |text: &str, max: i64| -> Option<i64> {
        let valid = text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit());
        valid
            .then(|| text.parse().ok())
            .flatten()
            .filter(|value| *value <= max)
    };
    Some(sign * (field(hours, 23)? * 3600 + field(minutes, 59)? * 60))
}

/// `2026-11-23 10:00 UTC`: how pages show an absolute instant (minutes are what a range picker
/// works in).
pub fn format_utc(epoch_seconds: i64) -> String {
    let (year, month, day) = civil_from_days(epoch_seconds.div_euclid(86_400));
    let second_of_day = epoch_seconds.rem_euclid(86_400);
    let (hour, minute) = (second_of_day / 3600, second_of_day % 3600 / 60);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_epoch_seconds_and_rfc3339() {
        let check = |input: &str, expect: i64| {
            assert_eq!(parse_instant(input), Ok(expect), "{input}");
        };
        check("0", 0);
        check("1700000000", 1_700_000_000);
        check(" 1700000000 ", 1_700_000_000);
        check("2023-11-14T22:13:20Z", 1_700_000_000);
        check("2023-11-14t22:13:20z", 1_700_000_000);
        check("2023-11-14 22:13:20Z", 1_700_000_000);
        check("2023-11-14T22:13:20.999Z", 1_700_000_000);
        check("2023-11-14T23:13:20+01:00", 1_700_000_000);
        check("2023-11-14T16:43:20-05:30", 1_700_000_000);
        check("1969-12-31T23:59:59Z", -1);
        check("2024-02-29T00:00:00Z", 1_709_164_800);
    }

    #[test]
    fn refuses_what_is_not_an_instant() {
        for input in [
            "",
            "soon",
            "-5",
            "1.5",
            "2023-11-14",
            "2023-11-14T22:13:20",
            "2023-11-14T22:13Z",
            "2023-02-29T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-11-14T24:00:00Z",
            "2023-11-14T22:13:20.Z",
            "2023-11-14T22:13:20+1:00",
            "2023-11-14T22:13:20+01:60",
            "2023-11-14T22:13:20UTC",
            "2023-11-14T22:13:20Zjunk",
            "99999999999999999999999",
        ] {
            assert_eq!(
                parse_instant(input),
                Err(InstantError(input.trim().to_owned())),
                "{input:?}"
            );
        }
    }

    #[test]
    fn formats_in_utc_to_the_minute() {
        let check = |epoch: i64, expect: &str| assert_eq!(format_utc(epoch), expect);
        check(0, "1970-01-01 00:00 UTC");
        check(1_700_000_000, "2023-11-14 22:13 UTC");
        check(-1, "1969-12-31 23:59 UTC");
    }
}
