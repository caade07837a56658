//! Pan and zoom: which part of the layout (world units) the canvas (CSS pixels) shows.

/// Zoom limits: far enough out for 10,000 nodes, close enough in to read a label.
pub const MIN_SCALE: f64 = 0.0005;
pub const MAX_SCALE: f64 = 4.0;
/// The empty border fit-to-screen leaves above and below, in CSS pixels (the last row's labels
/// hang into it)...
const FIT_MARGIN: f64 = 48.0;
/// ...and left and right: half the widest label (less on a narrow canvas).
const FIT_SIDE_MARGIN: f64 = 100.0;
/// Fitting magnifies a small map at most this much.
pub const MAX_FIT_SCALE: f64 = 2.0;

/// An axis-aligned box in world units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bounds {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl Bounds {
    /// The box around circles `(x, y, radius)`; an empty box at the origin when there are none.
    pub fn around(circles: impl Iterator<Item = (f64, f64, f64)>) -> Self {
        let mut bounds: Option<Bounds> = None;
        for (x, y, r) in circles {
            let b = bounds.get_or_insert(Bounds {
                min_x: x - r,
                min_y: y - r,
                max_x: x + r,
                max_y: y + r,
            });
            b.min_x = b.min_x.min(x - r);
            b.min_y = b.min_y.min(y - r);
            b.max_x = b.max_x.max(x + r);
            b.max_y = b.max_y.max(y + r);
        }
        bounds.unwrap_or_default()
    }

    pub fn contains_circle(&self, x: f64, y: f64, r: f64) -> bool {
        x + r >= self.min_x && x - r <= self.max_x && y + r >= self.min_y && y - r <= self.max_y
    }
}

/// The world point at the canvas centre and the zoom; the canvas size in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub cx: f64,
    pub cy: f64,
    pub scale: f64,
    pub width: f64,
    pub height: f64,
}

impl Viewport {
    /// The whole of `bounds`, centred, filling the canvas: a small map is magnified (up to
    /// [`MAX_FIT_SCALE`]), so its nodes and labels grow with the canvas. The sides keep room for
    /// the labels of the first and last layers.
    pub fn fit(bounds: Bounds, width: f64, height: f64) -> Self {
        let span_x = (bounds.max_x - bounds.min_x).max(1.0);
        let span_y = (bounds.max_y - bounds.min_y).max(1.0);
        let side = FIT_SIDE_MARGIN.min(width * 0.08);
        let scale = ((width - 2.0 * side) / span_x)
            .min((height - 2.0 * FIT_MARGIN) / span_y)
            .clamp(MIN_SCALE, MAX_FIT_SCALE);
        Viewport {
            cx: (bounds.min_x + bounds.max_x) / 2.0,
            cy: (bounds.min_y + bounds.max_y) / 2.0,
            scale,
            width,
            height,
        }
    }

    pub fn to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        (
            (x - self.cx) * self.scale + self.width / 2.0,
            (y - self.cy) * self.scale + self.height / 2.0,
        )
    }

    pub fn to_world(&self, sx: f64, sy: f64) -> (f64, f64) {
        (
            (sx - self.width / 2.0) / self.scale + self.cx,
            (sy - self.height / 2.0) / self.scale + self.cy,
        )
    }

    /// The world box on screen, for culling.
    pub fn visible(&self) -> Bounds {
        let (min_x, min_y) = self.to_world(0.0, 0.0);
        let (max_x, max_y) = self.to_world(self.width, self.height);
        Bounds {
            min_x,
            min_y,
            max_x,
            max_y,
        }
    }

    /// Moves the view by a drag of `(dx, dy)` CSS pixels.
    pub fn pan(self, dx: f64, dy: f64) -> Self {
        Viewport {
            cx: self.cx - dx / self.scale,
            cy: self.cy - dy / self.scale,
            ..self
        }
    }

    /// Zooms by `factor` keeping the world point under `(sx, sy)` where it is, as maps do.
    pub fn zoom_at(self, sx: f64, sy: f64, factor: f64) -> Self {
        let (wx, wy) = self.to_world(sx, sy);
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        Viewport {
            cx: wx - (sx - self.width / 2.0) / scale,
            cy: wy - (sy - self.height / 2.0) / scale,
            scale,
            ..self
        }
    }

    /// The same view on a canvas of another size.
    pub fn resized(self, width: f64, height: f64) -> Self {
        Viewport {
            width,
            height,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> Viewport {
        Viewport {
            cx: 100.0,
            cy: 50.0,
            scale: 2.0,
            width: 800.0,
            height: 600.0,
        }
    }

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn screen_and_world_are_inverse() {
        let v = view();
        assert_eq!(v.to_screen(100.0, 50.0), (400.0, 300.0));
        assert!(close(v.to_world(410.0, 320.0), (105.0, 60.0)));
        assert!(close(v.to_screen(105.0, 60.0), (410.0, 320.0)));
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let check = |sx: f64, sy: f64, factor: f64| {
            let before = view().to_world(sx, sy);
            let zoomed = view().zoom_at(sx, sy, factor);
            assert!(close(zoomed.to_world(sx, sy), before), "{sx},{sy}×{factor}");
        };
        check(0.0, 0.0, 1.5);
        check(700.0, 20.0, 0.5);
        check(400.0, 300.0, 1.1);
        assert_eq!(view().zoom_at(0.0, 0.0, 1e9).scale, MAX_SCALE);
    }

    #[test]
    fn pan_moves_the_world_with_the_pointer() {
        let moved = view().pan(20.0, -10.0);
        assert!(close(moved.to_screen(100.0, 50.0), (420.0, 290.0)));
    }

    #[test]
    fn fit_shows_every_node_and_magnifies_small_maps_within_a_bound() {
        let bounds = Bounds::around([(0.0, 0.0, 10.0), (1000.0, 200.0, 10.0)].into_iter());
        let fit = Viewport::fit(bounds, 800.0, 600.0);
        let visible = fit.visible();
        assert!(
            visible.min_x <= -10.0 && visible.max_x >= 1010.0,
            "{visible:?}"
        );
        assert!(
            visible.min_y <= -10.0 && visible.max_y >= 210.0,
            "{visible:?}"
        );
        let tiny = Bounds::around([(0.0, 0.0, 10.0)].into_iter());
        assert_eq!(Viewport::fit(tiny, 800.0, 600.0).scale, MAX_FIT_SCALE);
    }
}
