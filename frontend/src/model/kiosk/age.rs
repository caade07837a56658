//! "Updated 40 s ago": a kiosk is read from across the room, so the age is short and rounded.

/// The age of data fetched at `fetched_ms`, seen at `now_ms` (both epoch milliseconds).
pub fn data_age_label(fetched_ms: f64, now_ms: f64) -> String {
    let seconds = ((now_ms - fetched_ms) / 1000.0).max(0.0).floor() as u64;
    match seconds {
        0..5 => "updated just now".to_owned(),
        5..120 => format!("updated {seconds} s ago"),
        120..7200 => format!("updated {} min ago", seconds / 60),
        _ => format!("updated {} h ago", seconds / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::data_age_label;

    #[test]
    fn ages_read_well_from_a_distance() {
        let check = |age_ms: f64, expect: &str| {
            assert_eq!(
                data_age_label(1_000_000.0, 1_000_000.0 + age_ms),
                expect,
                "{age_ms}"
            );
        };
        check(-3_000.0, "updated just now");
        check(4_999.0, "updated just now");
        check(42_000.0, "updated 42 s ago");
        check(125_000.0, "updated 2 min ago");
        check(3.0 * 3_600_000.0, "updated 3 h ago");
    }
}
