//! Proleptic Gregorian calendar arithmetic (Howard Hinnant's `days_from_civil` and
//! `civil_from_days`), so timestamps can be read and written without a date crate in the bundle.

/// Days since 1970-01-01 of the given date; `month` is 1–12, `day` is 1–31.
pub(super) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The (year, month, day) of a count of days since 1970-01-01.
pub(super) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both fit: day is 1–31 and month 1–12 by construction.
    (year, month as u32, day as u32)
}

/// Days in `month` of `year`, for validating dates people type.
pub(super) fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates_map_to_known_day_counts() {
        let check = |(year, month, day): (i64, u32, u32), days: i64| {
            assert_eq!(
                days_from_civil(year, month, day),
                days,
                "{year}-{month}-{day}"
            );
            assert_eq!(civil_from_days(days), (year, month, day), "day {days}");
        };
        check((1970, 1, 1), 0);
        check((1969, 12, 31), -1);
        check((2000, 2, 29), 11_016);
        check((2000, 3, 1), 11_017);
        check((2026, 11, 23), 20_780);
        check((1900, 3, 1), -25_508);
    }

    #[test]
    fn every_day_of_four_centuries_round_trips() {
        let first = days_from_civil(1900, 1, 1);
        let last = days_from_civil(2300, 1, 1);
        for days in first..last {
            let (year, month, day) = civil_from_days(days);
            assert!(day <= days_in_month(year, month), "{year}-{month}-{day}");
            assert_eq!(days_from_civil(year, month, day), days);
        }
    }
}
