//! When the services list refreshes itself: the interval a person chose, shortened while an
//! operation runs so its end shows up promptly.

/// How often to refresh while any service is `OPERATION_IN_PROGRESS`.
pub const BUSY_REFRESH_SECONDS: u32 = 3;

/// The choices the interval control offers, in seconds.
const CHOICES: [u32; 4] = [5, 15, 30, 60];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshInterval {
    Off,
    Seconds(u32),
}

impl Default for RefreshInterval {
    fn default() -> Self {
        RefreshInterval::Seconds(15)
    }
}

impl RefreshInterval {
    /// Every choice, `Off` first.
    pub fn choices() -> Vec<RefreshInterval> {
        let every = CHOICES.into_iter().map(RefreshInterval::Seconds);
        std::iter::once(RefreshInterval::Off).chain(every).collect()
    }

    /// The URL form: `off` or `15s`.
    pub fn key(self) -> String {
        match self {
            RefreshInterval::Off => "off".to_owned(),
            RefreshInterval::Seconds(seconds) => format!("{seconds}s"),
        }
    }

    /// Only the offered choices parse: an arbitrary `refresh=1s` could hammer AWS.
    pub fn parse(text: &str) -> Option<Self> {
        Self::choices()
            .into_iter()
            .find(|choice| choice.key() == text)
    }

    pub fn label(self) -> String {
        match self {
            RefreshInterval::Off => "Off".to_owned(),
            RefreshInterval::Seconds(seconds) => format!("Every {seconds} s"),
        }
    }
}

/// Seconds between refreshes, or `None` when a person turned auto-refresh off (which holds even
/// during an operation: "off" must mean off).
pub fn refresh_period(interval: RefreshInterval, any_in_progress: bool) -> Option<u32> {
    match interval {
        RefreshInterval::Off => None,
        RefreshInterval::Seconds(seconds) if any_in_progress => {
            Some(seconds.min(BUSY_REFRESH_SECONDS))
        }
        RefreshInterval::Seconds(seconds) => Some(seconds),
    }
}

/// Whether a refresh should start at `now`, the last one having started at `last_start` (epoch
/// seconds). `None` for the period means never.
pub fn refresh_due(now: f64, last_start: f64, period: Option<u32>) -> bool {
    period.is_some_and(|period| now - last_start >= f64::from(period))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_round_trip_through_the_url_and_refuse_the_rest() {
        for choice in RefreshInterval::choices() {
            assert_eq!(RefreshInterval::parse(&choice.key()), Some(choice));
        }
        for text in ["", "1s", "15", "never", "-5s"] {
            assert_eq!(RefreshInterval::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn refreshes_faster_while_an_operation_runs_unless_off() {
        let check = |interval, busy, expect| {
            assert_eq!(
                refresh_period(interval, busy),
                expect,
                "{interval:?} {busy}"
            )
        };
        check(RefreshInterval::Seconds(30), false, Some(30));
        check(
            RefreshInterval::Seconds(30),
            true,
            Some(BUSY_REFRESH_SECONDS),
        );
        check(RefreshInterval::Seconds(1), true, Some(1));
        check(RefreshInterval::Off, true, None);
        check(RefreshInterval::Off, false, None);
    }

    #[test]
    fn a_refresh_is_due_once_the_period_has_passed() {
        let check = |now, last, period, expect| {
            assert_eq!(
                refresh_due(now, last, period),
                expect,
                "{now} {last} {period:?}"
            )
        };
        check(100.0, 90.0, Some(15), false);
        check(105.0, 90.0, Some(15), true);
        check(200.0, 90.0, Some(15), true);
        check(10_000.0, 0.0, None, false);
    }
}
