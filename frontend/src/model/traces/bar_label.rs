//! Where a timeline bar's duration goes so that it is never cut off: inside the bar when it
//! fits there, after the bar when the track has room to its right, else before it.

/// Average width of a character of the duration labels (0.7rem of the UI font), CSS px, and
/// the label's padding: an estimate a little on the wide side, so "fits" means fits.
const CHAR_PX: f64 = 6.6;
const PADDING_PX: f64 = 8.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelPlace {
    Inside,
    After,
    Before,
}

/// The label's width in CSS px, estimated from its text.
pub fn label_px(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_PX + PADDING_PX
}

/// Where a label `label` px wide goes for a bar from `left` to `left + width` px on a track
/// `track` px wide. Past both ends (a bar wider than the track) it goes inside.
pub fn label_place(left: f64, width: f64, label: f64, track: f64) -> LabelPlace {
    let (start, end) = (left.max(0.0), (left + width).min(track));
    if end - start >= label {
        LabelPlace::Inside
    } else if left + width + label <= track {
        LabelPlace::After
    } else if left >= label {
        LabelPlace::Before
    } else {
        LabelPlace::Inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_goes_where_it_is_whole() {
        let check = |left: f64, width: f64, expect: LabelPlace| {
            assert_eq!(
                label_place(left, width, 50.0, 500.0),
                expect,
                "{left}+{width}"
            );
        };
        check(0.0, 500.0, LabelPlace::Inside);
        check(100.0, 60.0, LabelPlace::Inside);
        check(100.0, 10.0, LabelPlace::After);
        check(440.0, 10.0, LabelPlace::After);
        check(460.0, 10.0, LabelPlace::Before);
        check(495.0, 5.0, LabelPlace::Before);
        // Zoomed in: the bar runs past the track's ends; what is visible is what counts.
        check(-1000.0, 1020.0, LabelPlace::After);
        check(-1000.0, 3000.0, LabelPlace::Inside);
        check(480.0, 600.0, LabelPlace::Before);
        assert!((label_px("441.4ms") - (7.0 * CHAR_PX + PADDING_PX)).abs() < 1e-9);
    }
}
