//! Input on the map canvas as changes of the viewport: a press that moves pans (two pointers
//! pinch), a press that stays put is a click, the wheel zooms at the pointer, keys pan and zoom.

use super::viewport::{Bounds, Viewport};

/// A press that moves less than this (CSS px) is a click, not a drag.
const CLICK_SLOP: f64 = 4.0;
/// How far an arrow key pans, in CSS px.
const KEY_STEP: f64 = 60.0;
/// The zoom of one "+" (key or button); "-" is its inverse, rounded as the buttons have it.
pub const ZOOM_IN: f64 = 1.25;
pub const ZOOM_OUT: f64 = 0.8;

/// One change of the view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ViewChange {
    /// A drag by `(dx, dy)` CSS px.
    Pan(f64, f64),
    /// Zoom by `factor` keeping the point under `(x, y)` in place.
    ZoomAt { x: f64, y: f64, factor: f64 },
    /// Zoom by `factor` about the canvas centre.
    ZoomCentre(f64),
    /// The whole map on screen.
    Fit,
}

impl ViewChange {
    /// The view after this change; `bounds` is the laid-out map's, for [`ViewChange::Fit`].
    pub fn apply(self, view: Viewport, bounds: Bounds) -> Viewport {
        match self {
            ViewChange::Pan(dx, dy) => view.pan(dx, dy),
            ViewChange::ZoomAt { x, y, factor } => view.zoom_at(x, y, factor),
            ViewChange::ZoomCentre(factor) => {
                view.zoom_at(view.width / 2.0, view.height / 2.0, factor)
            }
            ViewChange::Fit => Viewport::fit(bounds, view.width, view.height),
        }
    }
}

/// What a key does: arrows pan, `+`/`=` and `-` zoom, `0` fits; `None` leaves the key alone.
pub fn key_change(key: &str) -> Option<ViewChange> {
    Some(match key {
        "ArrowLeft" => ViewChange::Pan(KEY_STEP, 0.0),
        "ArrowRight" => ViewChange::Pan(-KEY_STEP, 0.0),
        "ArrowUp" => ViewChange::Pan(0.0, KEY_STEP),
        "ArrowDown" => ViewChange::Pan(0.0, -KEY_STEP),
        "+" | "=" => ViewChange::ZoomCentre(ZOOM_IN),
        "-" => ViewChange::ZoomCentre(ZOOM_OUT),
        "0" => ViewChange::Fit,
        _ => return None,
    })
}

/// A wheel turn of `delta_y` at `(x, y)`. Trackpad pinches arrive as wheel events too.
pub fn wheel_change(x: f64, y: f64, delta_y: f64) -> ViewChange {
    ViewChange::ZoomAt {
        x,
        y,
        factor: (-delta_y * 0.002).exp(),
    }
}

/// How a press ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Release {
    /// One pointer that hardly moved: select what is under it.
    Click,
    /// A pan or pinch: the camera moved.
    Drag,
}

/// The pointers pressed on the canvas and how far they have travelled since the press.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gesture {
    pointers: Vec<(i32, f64, f64)>,
    travel: f64,
}

impl Gesture {
    pub fn press(&mut self, pointer: i32, x: f64, y: f64) {
        if self.pointers.is_empty() {
            self.travel = 0.0;
        }
        self.pointers.push((pointer, x, y));
    }

    /// `pointer` moved to `(x, y)`: the pan (one pointer) or pinch (two) it makes, or `None` when
    /// that pointer is not pressed, which is a hover.
    pub fn moved(&mut self, pointer: i32, x: f64, y: f64) -> Option<ViewChange> {
        let index = self.pointers.iter().position(|p| p.0 == pointer)?;
        let (_, old_x, old_y) = self.pointers[index];
        let change = if self.pointers.len() >= 2 {
            // Zoom by the change in distance between the first two pointers.
            let other = self.pointers[1 - index.min(1)];
            let old_gap = (old_x - other.1).hypot(old_y - other.2).max(1.0);
            let new_gap = (x - other.1).hypot(y - other.2).max(1.0);
            ViewChange::ZoomAt {
                x: (x + other.1) / 2.0,
                y: (y + other.2) / 2.0,
                factor: new_gap / old_gap,
            }
        } else {
            ViewChange::Pan(x - old_x, y - old_y)
        };
        self.pointers[index] = (pointer, x, y);
        self.travel += (x - old_x).abs() + (y - old_y).abs();
        Some(change)
    }

    pub fn release(&mut self, pointer: i32) -> Release {
        let click = self.travel <= CLICK_SLOP && self.pointers.len() == 1;
        self.cancel(pointer);
        if click { Release::Click } else { Release::Drag }
    }

    /// The pointer left without a release (the browser took it over).
    pub fn cancel(&mut self, pointer: i32) {
        self.pointers.retain(|p| p.0 != pointer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> Viewport {
        Viewport {
            cx: 0.0,
            cy: 0.0,
            scale: 1.0,
            width: 800.0,
            height: 600.0,
        }
    }

    #[test]
    fn keys_pan_zoom_and_fit() {
        let check = |key: &str, expect: Option<ViewChange>| {
            assert_eq!(key_change(key), expect, "{key:?}");
        };
        check("ArrowLeft", Some(ViewChange::Pan(60.0, 0.0)));
        check("ArrowRight", Some(ViewChange::Pan(-60.0, 0.0)));
        check("ArrowUp", Some(ViewChange::Pan(0.0, 60.0)));
        check("ArrowDown", Some(ViewChange::Pan(0.0, -60.0)));
        check("+", Some(ViewChange::ZoomCentre(1.25)));
        check("=", Some(ViewChange::ZoomCentre(1.25)));
        check("-", Some(ViewChange::ZoomCentre(0.8)));
        check("0", Some(ViewChange::Fit));
        check("a", None);
        check("Enter", None);
    }

    #[test]
    fn changes_move_the_view_as_named() {
        let bounds = Bounds {
            min_x: -10.0,
            min_y: -10.0,
            max_x: 1990.0,
            max_y: 10.0,
        };
        let check = |change: ViewChange, expect: Viewport| {
            assert_eq!(change.apply(view(), bounds), expect, "{change:?}");
        };
        check(ViewChange::Pan(20.0, -10.0), view().pan(20.0, -10.0));
        check(
            ViewChange::ZoomCentre(2.0),
            view().zoom_at(400.0, 300.0, 2.0),
        );
        check(
            ViewChange::ZoomAt {
                x: 10.0,
                y: 20.0,
                factor: 0.5,
            },
            view().zoom_at(10.0, 20.0, 0.5),
        );
        check(ViewChange::Fit, Viewport::fit(bounds, 800.0, 600.0));
        // Scrolling down zooms out, up zooms in, nothing stays.
        let factor = |delta: f64| match wheel_change(0.0, 0.0, delta) {
            ViewChange::ZoomAt { factor, .. } => factor,
            other => panic!("{other:?}"),
        };
        assert!(factor(100.0) < 1.0 && factor(-100.0) > 1.0 && factor(0.0) == 1.0);
    }

    /// A gesture as a script of `(action, pointer, x, y)`: `d`own, `m`ove, `u`p.
    fn run(steps: &[(char, i32, f64, f64)]) -> (Vec<Option<ViewChange>>, Vec<Release>) {
        let mut gesture = Gesture::default();
        let (mut moves, mut releases) = (Vec::new(), Vec::new());
        for &(action, pointer, x, y) in steps {
            match action {
                'd' => gesture.press(pointer, x, y),
                'm' => moves.push(gesture.moved(pointer, x, y)),
                _ => releases.push(gesture.release(pointer)),
            }
        }
        (moves, releases)
    }

    #[test]
    fn a_still_press_is_a_click_and_a_moved_one_a_drag() {
        let check = |steps: &[(char, i32, f64, f64)], moves: &[Option<ViewChange>], releases| {
            assert_eq!(run(steps), (moves.to_vec(), releases), "{steps:?}");
        };
        check(
            &[('d', 1, 10.0, 10.0), ('u', 1, 10.0, 10.0)],
            &[],
            vec![Release::Click],
        );
        // Within the slop: still a click, though the view followed the hand.
        check(
            &[
                ('d', 1, 10.0, 10.0),
                ('m', 1, 12.0, 12.0),
                ('u', 1, 12.0, 12.0),
            ],
            &[Some(ViewChange::Pan(2.0, 2.0))],
            vec![Release::Click],
        );
        check(
            &[
                ('d', 1, 10.0, 10.0),
                ('m', 1, 30.0, 5.0),
                ('u', 1, 30.0, 5.0),
            ],
            &[Some(ViewChange::Pan(20.0, -5.0))],
            vec![Release::Drag],
        );
        // A pointer that is not pressed only hovers.
        check(&[('m', 7, 1.0, 1.0)], &[None], vec![]);
        // The next press starts counting afresh.
        check(
            &[
                ('d', 1, 0.0, 0.0),
                ('m', 1, 50.0, 0.0),
                ('u', 1, 50.0, 0.0),
                ('d', 1, 50.0, 0.0),
                ('u', 1, 50.0, 0.0),
            ],
            &[Some(ViewChange::Pan(50.0, 0.0))],
            vec![Release::Drag, Release::Click],
        );
    }

    #[test]
    fn two_pointers_pinch_about_their_middle_and_never_click() {
        let (moves, releases) = run(&[
            ('d', 1, 100.0, 100.0),
            ('d', 2, 200.0, 100.0),
            ('m', 2, 300.0, 100.0),
            ('u', 1, 100.0, 100.0),
            ('u', 2, 300.0, 100.0),
        ]);
        let expect = ViewChange::ZoomAt {
            x: 200.0,
            y: 100.0,
            factor: 2.0,
        };
        assert_eq!(moves, vec![Some(expect)]);
        assert_eq!(releases, vec![Release::Drag, Release::Drag]);
    }
}
