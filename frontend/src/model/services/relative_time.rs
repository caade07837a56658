//! "12 s ago" for the stamp beside the refresh control and the "last updated" column.

/// How long ago `then` was at `now` (both epoch seconds), in the largest whole unit. A time in
/// the future (clocks a little apart) reads as "just now".
pub fn describe_age(now: f64, then: f64) -> String {
    // Whole seconds are all a person reads; the cast saturates for absurd values.
    let seconds = (now - then).floor() as i64;
    match seconds {
        i64::MIN..=0 => "just now".to_owned(),
        1..=59 => format!("{seconds} s ago"),
        60..=3_599 => format!("{} min ago", seconds / 60),
        3_600..=86_399 => format!("{} h ago", seconds / 3_600),
        _ => format!("{} d ago", seconds / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_use_the_largest_whole_unit() {
        let check = |age: f64, expect: &str| {
            assert_eq!(
                describe_age(1_000_000.0 + age, 1_000_000.0),
                expect,
                "{age}"
            )
        };
        check(-30.0, "just now");
        check(0.4, "just now");
        check(1.0, "1 s ago");
        check(59.9, "59 s ago");
        check(60.0, "1 min ago");
        check(3_599.0, "59 min ago");
        check(7_200.0, "2 h ago");
        check(3.0 * 86_400.0, "3 d ago");
    }
}
