//! After failures the kiosk asks again later and later (a throttled AWS account recovers faster
//! when nobody hammers it), but never waits longer than a minute, so recovery shows up soon.

const FIRST_RETRY_SECONDS: u32 = 5;
const LONGEST_WAIT_SECONDS: u32 = 60;

/// Seconds until the next fetch: the normal `every_seconds` when the last one worked, else an
/// exponential back-off over the consecutive `failures`.
pub fn retry_delay_seconds(failures: u32, every_seconds: u32) -> u32 {
    if failures == 0 {
        return every_seconds;
    }
    let doubled = FIRST_RETRY_SECONDS.saturating_mul(1 << failures.saturating_sub(1).min(16));
    doubled
        .min(LONGEST_WAIT_SECONDS)
        .max(every_seconds.min(LONGEST_WAIT_SECONDS))
}

#[cfg(test)]
mod tests {
    use super::retry_delay_seconds;

    #[test]
    fn backs_off_exponentially_up_to_a_minute() {
        let check = |failures, every, expect| {
            assert_eq!(
                retry_delay_seconds(failures, every),
                expect,
                "{failures} failures, every {every}"
            );
        };
        check(0, 30, 30);
        check(1, 5, 5);
        check(2, 5, 10);
        check(4, 5, 40);
        check(5, 5, 60);
        check(40, 5, 60);
        // Never faster than the normal refresh.
        check(1, 30, 30);
        check(1, 600, 60);
    }
}
