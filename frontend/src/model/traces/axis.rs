//! Axes: tick marks at round steps (1, 2 or 5 × 10ⁿ, or clock-friendly seconds for a time of
//! day), and the timeline's labels that read well from microseconds to minutes.

/// One labelled tick: `offset` seconds from the trace start.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub offset: f64,
    pub label: String,
}

/// About `target` evenly spaced ticks covering `[from, to]` (seconds), at a round step.
pub fn ticks(from: f64, to: f64, target: usize) -> Vec<Tick> {
    let span = to - from;
    if !span.is_finite() || span <= 0.0 || target == 0 {
        return vec![Tick {
            offset: from.max(0.0),
            label: format_seconds(from.max(0.0)),
        }];
    }
    let step = round_step(span / target as f64);
    let first = (from / step).ceil() as i64;
    let last = (to / step).floor() as i64;
    (first..=last)
        .map(|index| {
            let offset = index as f64 * step;
            Tick {
                offset,
                label: format_seconds(offset),
            }
        })
        .collect()
}

/// About `target` values at a round step (1, 2 or 5 × 10ⁿ) covering `[from, to]`: a chart's
/// ticks. `clock` picks steps a clock reads (10 s, 30 s, 1 min, 5 min, 15 min, 1 h…) instead.
pub fn steps(from: f64, to: f64, target: usize, clock: bool) -> Vec<f64> {
    let span = to - from;
    if !span.is_finite() || span <= 0.0 || target == 0 {
        return vec![from];
    }
    let raw = span / target as f64;
    let step = if clock {
        CLOCK_STEPS
            .into_iter()
            .find(|step| *step >= raw)
            .unwrap_or_else(|| round_step(raw))
    } else {
        round_step(raw)
    };
    let (first, last) = ((from / step).ceil() as i64, (to / step).floor() as i64);
    (first..=last).map(|index| index as f64 * step).collect()
}

/// Seconds a time axis steps by, smallest first.
const CLOCK_STEPS: [f64; 15] = [
    1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0,
    10800.0,
];

/// The smallest 1, 2 or 5 × 10ⁿ at least `raw`.
fn round_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|factor| factor * magnitude)
        .find(|step| *step >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// `0.0123` → `12.3ms`, `75.0` → `1m 15s`: the unit a person would pick for the value.
pub fn format_seconds(seconds: f64) -> String {
    let abs = seconds.abs();
    let trimmed = |value: f64, unit: &str| {
        let text = format!("{value:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        format!("{text}{unit}")
    };
    if abs == 0.0 {
        "0".to_owned()
    } else if abs < 1e-3 {
        trimmed(seconds * 1e6, "µs")
    } else if abs < 1.0 {
        trimmed(seconds * 1e3, "ms")
    } else if abs < 60.0 {
        trimmed(seconds, "s")
    } else {
        let minutes = (seconds / 60.0).floor();
        format!("{minutes}m {}s", (seconds - minutes * 60.0).round())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_pick_a_readable_unit() {
        let check = |seconds: f64, expect: &str| assert_eq!(format_seconds(seconds), expect);
        check(0.0, "0");
        check(0.000_25, "250µs");
        check(0.0123, "12.3ms");
        check(0.5, "500ms");
        check(1.5, "1.5s");
        check(75.0, "1m 15s");
    }

    #[test]
    fn chart_steps_are_round_or_read_on_a_clock() {
        let check = |from: f64, to: f64, target: usize, clock: bool, expect: &[f64]| {
            assert_eq!(steps(from, to, target, clock), expect, "{from}..{to}");
        };
        check(0.0, 115.0, 5, false, &[0.0, 50.0, 100.0]);
        check(
            -14.0,
            0.0,
            8,
            false,
            &[-14.0, -12.0, -10.0, -8.0, -6.0, -4.0, -2.0, 0.0],
        );
        check(0.0, 0.45, 4, false, &[0.0, 0.2, 0.4]);
        // A quarter of an hour of wall clock in six: every three minutes would be odd, five is not.
        check(
            1_000_000.0,
            1_000_900.0,
            6,
            true,
            &[1_000_200.0, 1_000_500.0, 1_000_800.0],
        );
        check(0.0, 40.0, 4, true, &[0.0, 10.0, 20.0, 30.0, 40.0]);
        check(5.0, 5.0, 4, true, &[5.0]);
    }

    #[test]
    fn ticks_fall_on_round_steps_inside_the_range() {
        let check = |from: f64, to: f64, target: usize, expect: &[&str]| {
            let labels: Vec<String> = ticks(from, to, target)
                .into_iter()
                .map(|t| t.label)
                .collect();
            assert_eq!(labels, expect, "{from}..{to} in {target}");
        };
        check(
            0.0,
            1.0,
            5,
            &["0", "200ms", "400ms", "600ms", "800ms", "1s"],
        );
        // 1 ms steps would give 5 ticks for 4 asked: the step is never below span / target.
        check(0.0, 0.0042, 4, &["0", "2ms", "4ms"]);
        check(0.0, 0.0042, 5, &["0", "1ms", "2ms", "3ms", "4ms"]);
        check(0.013, 0.031, 2, &["20ms", "30ms"]);
        check(0.0, 12.0, 3, &["0", "5s", "10s"]);
        // A zero-length trace still gets one tick, not a division by zero.
        check(0.0, 0.0, 5, &["0"]);
    }
}
