//! The response-time scatter plot's geometry: one dot per trace (when it started, how long it
//! took to answer), the scales between data and the plot's pixels, which dot a click hits, and
//! which time range a drag selects. The drawing reads the plot area plotters laid out, so the
//! dots and the hit-testing agree to the pixel.

use shared::api::TracePoint;

/// A press that moves less than this (CSS px) is a click on a dot, not a range selection.
pub const DRAG_SLOP: f64 = 4.0;
/// How near (CSS px) a click must be to a dot's centre to open its trace.
pub const HIT_RADIUS: f64 = 6.0;

/// The rectangle the dots are drawn in, in CSS pixels of the canvas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotArea {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// What a dot says about its trace, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Ok,
    Error,
    Throttle,
    Fault,
}

/// One trace on the plot: `trace` indexes the points it was made from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dot {
    pub trace: usize,
    /// Epoch seconds.
    pub at: f64,
    pub ms: f64,
    pub tone: Tone,
}

/// A dot per trace that has a time to show (the response time, else the duration); the worst
/// status wins the colour: fault, then throttle, then error.
pub fn dots(points: &[TracePoint]) -> Vec<Dot> {
    points
        .iter()
        .enumerate()
        .filter_map(|(trace, point)| {
            let seconds = point.seconds?;
            (seconds.is_finite() && point.at.is_finite()).then_some(())?;
            Some(Dot {
                trace,
                at: point.at,
                ms: seconds.max(0.0) * 1000.0,
                tone: tone(point),
            })
        })
        .collect()
}

/// The worst outcome of a trace: fault, then throttle, then error.
pub fn tone(point: &TracePoint) -> Tone {
    if point.fault {
        Tone::Fault
    } else if point.throttle {
        Tone::Throttle
    } else if point.error {
        Tone::Error
    } else {
        Tone::Ok
    }
}

/// The top of the y axis: the next 1, 2 or 5 × 10ⁿ ms above the slowest dot (at least 1 ms),
/// so the axis labels are round numbers.
pub fn y_max_ms(dots: &[Dot]) -> f64 {
    let slowest = dots.iter().map(|d| d.ms).fold(0.0, f64::max).max(1.0);
    let mut decade = 10f64.powf(slowest.log10().floor());
    loop {
        for step in [1.0, 2.0, 5.0] {
            if step * decade >= slowest * 1.05 {
                return step * decade;
            }
        }
        decade *= 10.0;
    }
}

/// Data ↔ pixels: `start..end` (epoch seconds) across, `0..max_ms` up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scales {
    pub area: PlotArea,
    pub start: f64,
    pub end: f64,
    pub max_ms: f64,
}

impl Scales {
    pub fn x(&self, at: f64) -> f64 {
        let span = (self.end - self.start).max(f64::EPSILON);
        self.area.left + (at - self.start) / span * (self.area.right - self.area.left)
    }

    pub fn y(&self, ms: f64) -> f64 {
        let share = (ms / self.max_ms.max(f64::EPSILON)).clamp(0.0, 1.0);
        self.area.bottom - share * (self.area.bottom - self.area.top)
    }

    /// The time under a horizontal pixel position, kept within the axis.
    pub fn time_at(&self, x: f64) -> f64 {
        let width = (self.area.right - self.area.left).max(f64::EPSILON);
        let share = ((x - self.area.left) / width).clamp(0.0, 1.0);
        self.start + share * (self.end - self.start)
    }
}

/// The trace whose dot is nearest to `(x, y)`, if one is within [`HIT_RADIUS`].
pub fn nearest_dot(dots: &[Dot], scales: &Scales, x: f64, y: f64) -> Option<usize> {
    dots.iter()
        .map(|dot| {
            let (dx, dy) = (scales.x(dot.at) - x, scales.y(dot.ms) - y);
            (dot.trace, dx * dx + dy * dy)
        })
        .filter(|(_, distance)| *distance <= HIT_RADIUS * HIT_RADIUS)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(trace, _)| trace)
}

/// The whole seconds a drag from `x0` to `x1` covers (either direction), at least one second
/// long; `None` for a press that barely moved.
pub fn selected_range(scales: &Scales, x0: f64, x1: f64) -> Option<(i64, i64)> {
    if (x1 - x0).abs() < DRAG_SLOP {
        return None;
    }
    let (from, to) = (scales.time_at(x0.min(x1)), scales.time_at(x0.max(x1)));
    let start = from.floor() as i64;
    let end = (to.ceil() as i64).max(start + 1);
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::TraceSummary;

    const AREA: PlotArea = PlotArea {
        left: 50.0,
        top: 10.0,
        right: 450.0,
        bottom: 210.0,
    };
    /// 100 s across 400 px (4 px a second), 0–1,000 ms over 200 px.
    const SCALES: Scales = Scales {
        area: AREA,
        start: 1_000.0,
        end: 1_100.0,
        max_ms: 1_000.0,
    };

    fn summary(
        start: f64,
        response: Option<f64>,
        duration: Option<f64>,
        flags: &str,
    ) -> TraceSummary {
        TraceSummary {
            id: format!("t{start}"),
            start_time: start,
            response_time: response,
            duration,
            has_fault: flags.contains('f'),
            has_error: flags.contains('e'),
            has_throttle: flags.contains('t'),
            ..TraceSummary::default()
        }
    }

    #[test]
    fn a_dot_per_timed_trace_coloured_by_its_worst_status() {
        let traces = [
            summary(1.0, Some(0.25), Some(0.3), ""),
            summary(2.0, None, Some(0.5), "e"),
            summary(3.0, None, None, "f"),
            summary(4.0, Some(0.1), None, "et"),
            summary(5.0, Some(f64::NAN), None, ""),
            summary(6.0, Some(2.0), None, "eft"),
        ];
        let points: Vec<TracePoint> = traces.iter().map(TracePoint::of).collect();
        let got: Vec<(usize, f64, Tone)> = dots(&points)
            .iter()
            .map(|d| (d.trace, d.ms, d.tone))
            .collect();
        assert_eq!(
            got,
            [
                (0, 250.0, Tone::Ok),
                (1, 500.0, Tone::Error),
                (3, 100.0, Tone::Throttle),
                (5, 2000.0, Tone::Fault)
            ]
        );
    }

    #[test]
    fn the_y_axis_ends_on_a_round_number_above_the_slowest() {
        let check = |slowest: f64, expect: f64| {
            let dot = Dot {
                trace: 0,
                at: 0.0,
                ms: slowest,
                tone: Tone::Ok,
            };
            assert_eq!(y_max_ms(&[dot]), expect, "{slowest}");
        };
        check(0.2, 2.0);
        check(1.0, 2.0);
        check(95.0, 100.0);
        check(96.0, 200.0);
        check(180.0, 200.0);
        check(450.0, 500.0);
        check(4_900.0, 10_000.0);
        assert_eq!(y_max_ms(&[]), 2.0);
    }

    #[test]
    fn scales_map_both_ways_and_clamp() {
        assert_eq!(SCALES.x(1_000.0), 50.0);
        assert_eq!(SCALES.x(1_050.0), 250.0);
        assert_eq!(SCALES.y(0.0), 210.0);
        assert_eq!(SCALES.y(500.0), 110.0);
        assert_eq!(SCALES.y(5_000.0), 10.0, "off the top is drawn at the top");
        assert_eq!(SCALES.time_at(250.0), 1_050.0);
        assert_eq!(SCALES.time_at(0.0), 1_000.0);
        assert_eq!(SCALES.time_at(999.0), 1_100.0);
    }

    #[test]
    fn a_click_opens_the_nearest_dot_within_reach() {
        let dots = [
            Dot {
                trace: 7,
                at: 1_050.0,
                ms: 500.0,
                tone: Tone::Ok,
            }, // at (250, 110)
            Dot {
                trace: 9,
                at: 1_051.0,
                ms: 500.0,
                tone: Tone::Fault,
            }, // at (254, 110)
        ];
        let check = |x: f64, y: f64, expect: Option<usize>| {
            assert_eq!(nearest_dot(&dots, &SCALES, x, y), expect, "({x}, {y})");
        };
        check(250.0, 110.0, Some(7));
        check(253.0, 111.0, Some(9));
        check(250.0, 117.0, None);
        check(100.0, 100.0, None);
        assert_eq!(nearest_dot(&[], &SCALES, 250.0, 110.0), None);
    }

    #[test]
    fn a_drag_selects_whole_seconds_in_either_direction() {
        let check = |x0: f64, x1: f64, expect: Option<(i64, i64)>| {
            assert_eq!(selected_range(&SCALES, x0, x1), expect, "{x0} → {x1}");
        };
        check(250.0, 252.0, None);
        check(250.0, 290.0, Some((1_050, 1_060)));
        check(290.0, 250.0, Some((1_050, 1_060)));
        check(251.0, 257.0, Some((1_050, 1_052)));
        check(0.0, 900.0, Some((1_000, 1_100)));
    }
}
