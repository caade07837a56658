//! The `X-Amz-Date` timestamp format, `20260101T120000Z` (always UTC), without a date crate.

/// `20260101T120000Z` → epoch seconds.
pub fn parse_amz_date(value: &str) -> Option<f64> {
    let bytes = value.as_bytes();
    if bytes.len() != 16 || bytes[8] != b'T' || bytes[15] != b'Z' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| value.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (hour, minute, second) = (num(9..11)?, num(11..13)?, num(13..15)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some((days * 86_400 + hour * 3_600 + minute * 60 + second) as f64)
}

pub fn format_amz_date(epoch_s: f64) -> String {
    let secs = epoch_s.floor() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

/// `2026-01-01 12:34:56.789`: how Logs Insights shows `@timestamp` in results (UTC).
pub fn format_log_timestamp(epoch_ms: i64) -> String {
    let (secs, ms) = (epoch_ms.div_euclid(1_000), epoch_ms.rem_euclid(1_000));
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}.{ms:03}",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

// Howard Hinnant's date algorithms: exact for the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if month <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        month,
        day,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_timestamps() {
        assert_eq!(
            format_log_timestamp(1_767_225_600_123),
            "2026-01-01 00:00:00.123"
        );
        assert_eq!(
            format_log_timestamp(1_767_225_599_999),
            "2025-12-31 23:59:59.999"
        );
    }

    #[test]
    fn check_amz_dates() {
        let check = |text: &str, epoch: Option<f64>| {
            assert_eq!(parse_amz_date(text), epoch, "{text}");
            if let Some(epoch) = epoch {
                assert_eq!(format_amz_date(epoch), text);
            }
        };
        check("19700101T000000Z", Some(0.0));
        check("20260101T000000Z", Some(1_767_225_600.0));
        check("20240229T235959Z", Some(1_709_251_199.0));
        check("2026-01-01T00:00:00Z", None);
        check("20261301T000000Z", None);
    }
}
