//! The minimap: the whole trace squeezed into a strip of `width` pixels, with the zoom window
//! drawn on it and dragged by the pointer.

use super::zoom::Zoom;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Minimap {
    /// Pixels.
    pub width: f64,
}

impl Minimap {
    /// The trace fraction under pixel `x`, clamped to the trace.
    pub fn fraction_at(self, x: f64) -> f64 {
        if self.width <= 0.0 {
            0.0
        } else {
            (x / self.width).clamp(0.0, 1.0)
        }
    }

    /// The pixel span `[left, right]` that draws `zoom`.
    pub fn window_pixels(self, zoom: Zoom) -> (f64, f64) {
        (zoom.start * self.width, zoom.end * self.width)
    }

    /// The zoom after a drag from pixel `from` to pixel `to`: inside the window, the window
    /// moves; elsewhere, the dragged stretch becomes the window (a click centres it).
    pub fn drag(self, zoom: Zoom, from: f64, to: f64) -> Zoom {
        let (left, right) = self.window_pixels(zoom);
        if (left..=right).contains(&from) {
            return zoom.panned(self.fraction_at(to) - self.fraction_at(from));
        }
        if (to - from).abs() < 3.0 {
            let middle = self.fraction_at(to);
            return zoom.panned(middle - (zoom.start + zoom.end) / 2.0);
        }
        Zoom::between(self.fraction_at(from), self.fraction_at(to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drags_move_or_draw_the_window() {
        let map = Minimap { width: 200.0 };
        let window = Zoom {
            start: 0.25,
            end: 0.5,
        };
        let check = |from: f64, to: f64, expect: (f64, f64)| {
            let zoom = map.drag(window, from, to);
            let ok = (zoom.start - expect.0).abs() < 1e-9 && (zoom.end - expect.1).abs() < 1e-9;
            assert!(ok, "drag {from}→{to} gave {zoom:?}, expected {expect:?}");
        };
        // Inside the window (pixels 50–100): the window follows the pointer.
        check(60.0, 80.0, (0.35, 0.6));
        // Past the end: it stops at the end.
        check(60.0, 400.0, (0.75, 1.0));
        // Outside: the dragged stretch becomes the window, in either direction.
        check(180.0, 120.0, (0.6, 0.9));
        // A click outside centres the window there.
        check(150.0, 150.0, (0.625, 0.875));
        assert_eq!(map.window_pixels(window), (50.0, 100.0));
        assert_eq!(Minimap { width: 0.0 }.fraction_at(10.0), 0.0);
    }
}
