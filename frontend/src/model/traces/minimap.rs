//! The minimap: the whole trace squeezed into a strip of `width` pixels, with the zoom window
//! drawn on it and dragged by the pointer.

use shared::trace::{Row, SpanStatus};

use super::zoom::Zoom;

/// The whole trace as RGBA pixels, `width` × `height`, for one `putImageData`: each row is a
/// line at its place in the list (x: its time), in its status colour; where rows share a pixel the
/// worst status shows (fault, then throttle, then error). Rasterizing here instead of one
/// `fillRect` per span keeps a 100,000-span trace's minimap to a few milliseconds.
pub fn minimap_pixels(
    rows: &[Row],
    total: f64,
    (width, height): (usize, usize),
    colour: impl Fn(SpanStatus) -> [u8; 4],
) -> Vec<u8> {
    let mut pixels = vec![0u8; width * height * 4];
    let mut worst = vec![0u8; width * height];
    if rows.is_empty() || total <= 0.0 || width == 0 || height == 0 {
        return pixels;
    }
    let rank = |status: SpanStatus| match status {
        SpanStatus::Ok => 1,
        SpanStatus::Error => 2,
        SpanStatus::Throttle => 3,
        SpanStatus::Fault => 4,
    };
    // Asked once per status, not once per row (a colour may be parsed from its CSS text).
    let palette = [
        SpanStatus::Ok,
        SpanStatus::Error,
        SpanStatus::Throttle,
        SpanStatus::Fault,
    ]
    .map(&colour);
    let count = rows.len();
    for (index, row) in rows.iter().enumerate() {
        let top = index * height / count;
        let bottom = ((index + 1) * height / count).max(top + 1).min(height);
        let left = ((row.offset / total * width as f64).floor().max(0.0) as usize).min(width - 1);
        let right = (((row.offset + row.duration) / total * width as f64).ceil() as usize)
            .clamp(left + 1, width);
        let rank = rank(row.status);
        let rgba = palette[usize::from(rank - 1)];
        for y in top..bottom {
            for x in left..right {
                let at = y * width + x;
                if worst[at] < rank {
                    worst[at] = rank;
                    pixels[at * 4..at * 4 + 4].copy_from_slice(&rgba);
                }
            }
        }
    }
    pixels
}

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

    fn row(offset: f64, duration: f64, status: SpanStatus) -> Row {
        Row {
            span: 0,
            depth: 0,
            offset,
            duration,
            in_progress: false,
            status,
            service_span: 0,
            has_children: false,
            collapsed: false,
        }
    }

    /// The picture as one letter per pixel: `.` empty, `o` ok, `e` error, `t` throttle, `f` fault.
    fn picture(rows: &[Row], total: f64, size: (usize, usize)) -> Vec<String> {
        let colour = |status| match status {
            SpanStatus::Ok => [1, 0, 0, 255],
            SpanStatus::Error => [2, 0, 0, 255],
            SpanStatus::Throttle => [3, 0, 0, 255],
            SpanStatus::Fault => [4, 0, 0, 255],
        };
        let pixels = minimap_pixels(rows, total, size, colour);
        pixels
            .chunks(size.0 * 4)
            .map(|line| {
                line.chunks(4)
                    .map(|p| ['.', 'o', 'e', 't', 'f'][usize::from(p[0])])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn rows_are_lines_at_their_time_and_place() {
        let rows = [
            row(0.0, 10.0, SpanStatus::Ok),
            row(2.0, 3.0, SpanStatus::Fault),
            row(5.0, 0.0, SpanStatus::Error),
            row(8.0, 2.0, SpanStatus::Throttle),
        ];
        assert_eq!(
            picture(&rows, 10.0, (10, 4)),
            ["oooooooooo", "..fff.....", ".....e....", "........tt"]
        );
    }

    #[test]
    fn rows_sharing_a_pixel_show_the_worst_status() {
        let rows = [
            row(0.0, 4.0, SpanStatus::Fault),
            row(0.0, 4.0, SpanStatus::Ok),
            row(2.0, 2.0, SpanStatus::Ok),
            row(2.0, 2.0, SpanStatus::Error),
        ];
        assert_eq!(picture(&rows, 4.0, (4, 2)), ["ffff", "..ee"]);
        assert_eq!(picture(&[], 4.0, (2, 1)), [".."]);
        assert_eq!(picture(&rows, 0.0, (2, 1)), [".."]);
    }

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
