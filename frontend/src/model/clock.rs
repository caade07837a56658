//! How the app writes an instant: one format everywhere, in the browser's time zone or in UTC
//! (the zone itself is named once, in the status line). The zone is an offset in minutes east of
//! UTC that the browser supplies per instant (daylight saving moves it), so this stays pure.

use super::civil::civil_from_days;

/// How much of an instant a place shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// `2026-12-05 10:37:29`
    DateTime,
    /// `2026-12-05 10:37`
    Minutes,
    /// `10:37:29`
    Time,
    /// `10:37:29.123`
    Millis,
}

/// `epoch` (seconds) as `shown`, at `offset` minutes east of UTC.
pub fn clock_text(epoch: f64, offset: i32, shown: Shown) -> String {
    if !epoch.is_finite() {
        return "—".to_owned();
    }
    // Whole milliseconds, rounded, so 0.9995 s reads .000 of the next second, never .1000.
    let millis = (epoch * 1000.0).round() as i64 + i64::from(offset) * 60_000;
    let (seconds, milli) = (millis.div_euclid(1000), millis.rem_euclid(1000));
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let of_day = seconds.rem_euclid(86_400);
    let (hour, minute, second) = (of_day / 3600, of_day % 3600 / 60, of_day % 60);
    match shown {
        Shown::DateTime => {
            format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
        }
        Shown::Minutes => format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}"),
        Shown::Time => format!("{hour:02}:{minute:02}:{second:02}"),
        Shown::Millis => format!("{hour:02}:{minute:02}:{second:02}.{milli:03}"),
    }
}

/// `UTC`, `UTC+01:00`, `UTC−05:30`: the zone times are shown in.
pub fn zone_name(offset: i32) -> String {
    if offset == 0 {
        return "UTC".to_owned();
    }
    let sign = if offset > 0 { '+' } else { '−' };
    let minutes = offset.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_read_the_same_everywhere_in_the_chosen_zone() {
        let check = |epoch: f64, offset: i32, shown: Shown, expect: &str| {
            assert_eq!(clock_text(epoch, offset, shown), expect, "{epoch} {offset}");
        };
        let at = 1_700_000_000.123_4;
        check(at, 0, Shown::DateTime, "2023-11-14 22:13:20");
        check(at, 0, Shown::Minutes, "2023-11-14 22:13");
        check(at, 0, Shown::Time, "22:13:20");
        check(at, 0, Shown::Millis, "22:13:20.123");
        // East of UTC the day turns over; west of it, half-hour zones.
        check(at, 120, Shown::DateTime, "2023-11-15 00:13:20");
        check(at, -330, Shown::Millis, "16:43:20.123");
        check(0.999_6, 0, Shown::Millis, "00:00:01.000");
        check(-0.5, 0, Shown::Millis, "23:59:59.500");
        check(f64::NAN, 0, Shown::Time, "—");
    }

    #[test]
    fn zones_are_named_by_their_offset() {
        assert_eq!(zone_name(0), "UTC");
        assert_eq!(zone_name(60), "UTC+01:00");
        assert_eq!(zone_name(-330), "UTC−05:30");
        assert_eq!(zone_name(345), "UTC+05:45");
    }
}
