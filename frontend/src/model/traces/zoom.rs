//! The part of the trace the timeline shows, as fractions of the whole trace (0 = start,
//! 1 = end). The minimap drags it, the wheel and the selection zoom it; it never leaves [0, 1]
//! and never gets narrower than [`Zoom::MIN_WIDTH`], so bars stay measurable.

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Zoom {
    pub start: f64,
    pub end: f64,
}

impl Default for Zoom {
    fn default() -> Self {
        Self::ALL
    }
}

impl Zoom {
    pub const ALL: Zoom = Zoom {
        start: 0.0,
        end: 1.0,
    };
    /// One ten-thousandth of the trace: 10 µs of a 100 ms trace.
    pub const MIN_WIDTH: f64 = 1e-4;

    /// The window `[a, b]` (either order), widened to the minimum and kept inside the trace.
    pub fn between(a: f64, b: f64) -> Self {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let width = (high - low).clamp(Self::MIN_WIDTH, 1.0);
        let middle = (low + high) / 2.0;
        Self::centered(middle, width)
    }

    fn centered(middle: f64, width: f64) -> Self {
        let start = (middle - width / 2.0).clamp(0.0, 1.0 - width);
        Zoom {
            start,
            end: start + width,
        }
    }

    pub fn width(self) -> f64 {
        self.end - self.start
    }

    pub fn is_all(self) -> bool {
        self.width() >= 1.0
    }

    /// Zoomed by `factor` (< 1 zooms in) around the fraction `anchor`, which stays in place.
    pub fn scaled(self, factor: f64, anchor: f64) -> Self {
        let width = (self.width() * factor).clamp(Self::MIN_WIDTH, 1.0);
        let share = if self.width() > 0.0 {
            (anchor - self.start) / self.width()
        } else {
            0.5
        };
        let start = (anchor - share * width).clamp(0.0, 1.0 - width);
        Zoom {
            start,
            end: start + width,
        }
    }

    /// Moved by `delta` (a fraction of the trace), stopping at either end.
    pub fn panned(self, delta: f64) -> Self {
        let width = self.width();
        let start = (self.start + delta).clamp(0.0, 1.0 - width);
        Zoom {
            start,
            end: start + width,
        }
    }

    /// Where the trace fraction `at` falls in the view, 0–1 (outside that range when off-screen).
    pub fn to_view(self, at: f64) -> f64 {
        (at - self.start) / self.width()
    }

    /// The trace fraction at view position `x` (0–1).
    pub fn from_view(self, x: f64) -> f64 {
        self.start + x * self.width()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Zoom, b: Zoom) -> bool {
        (a.start - b.start).abs() < 1e-9 && (a.end - b.end).abs() < 1e-9
    }

    #[test]
    fn windows_stay_inside_the_trace() {
        let check =
            |zoom: Zoom, expect: Zoom| assert!(close(zoom, expect), "{zoom:?} != {expect:?}");
        check(
            Zoom::between(0.6, 0.2),
            Zoom {
                start: 0.2,
                end: 0.6,
            },
        );
        check(
            Zoom::between(0.5, 0.5),
            Zoom {
                start: 0.5 - 5e-5,
                end: 0.5 + 5e-5,
            },
        );
        check(
            Zoom::ALL.scaled(0.5, 0.0),
            Zoom {
                start: 0.0,
                end: 0.5,
            },
        );
        check(
            Zoom::ALL.scaled(0.5, 1.0),
            Zoom {
                start: 0.5,
                end: 1.0,
            },
        );
        check(
            Zoom::ALL.scaled(0.5, 0.5),
            Zoom {
                start: 0.25,
                end: 0.75,
            },
        );
        check(
            Zoom {
                start: 0.25,
                end: 0.75,
            }
            .scaled(4.0, 0.5),
            Zoom::ALL,
        );
        check(
            Zoom {
                start: 0.2,
                end: 0.4,
            }
            .panned(0.1),
            Zoom {
                start: 0.3,
                end: 0.5,
            },
        );
        check(
            Zoom {
                start: 0.2,
                end: 0.4,
            }
            .panned(0.9),
            Zoom {
                start: 0.8,
                end: 1.0,
            },
        );
        check(
            Zoom {
                start: 0.2,
                end: 0.4,
            }
            .panned(-0.9),
            Zoom {
                start: 0.0,
                end: 0.2,
            },
        );
    }

    #[test]
    fn view_and_trace_positions_round_trip() {
        let zoom = Zoom {
            start: 0.2,
            end: 0.6,
        };
        assert!((zoom.to_view(0.4) - 0.5).abs() < 1e-9);
        assert!((zoom.from_view(0.5) - 0.4).abs() < 1e-9);
        assert!(
            zoom.to_view(0.1) < 0.0,
            "a span before the window is off to the left"
        );
        assert!(!zoom.is_all());
        assert!(Zoom::ALL.is_all());
    }
}
