//! How much room a chart leaves its axis labels: sized from the labels' measured text, so none is
//! cut off, at either end of an axis either. The drawing measures the labels and lets plotters
//! lay out the plot inside this room.

/// What the labels measure, in canvas px, in the chart's font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelText {
    /// The widest y label.
    pub widest_y: u32,
    /// The first and last x labels, which may stick out past the plot's ends by half their
    /// width (each is centred under its tick).
    pub first_x: u32,
    pub last_x: u32,
    /// A label's height.
    pub height: u32,
}

/// The room around the plot, canvas px: the margins on the four sides and the label areas
/// (the x labels' height below the plot, the y labels' width left of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelRoom {
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
    pub left: u32,
    pub x_labels: u32,
    pub y_labels: u32,
}

/// The room for `text` around a plot whose labels sit `gap` px from its axes, with at least
/// `margin` px to the canvas's edges.
pub fn label_room(text: LabelText, gap: u32, margin: u32) -> LabelRoom {
    // The y labels end `gap` px left of the axis; the first x label may reach past the axis
    // into the y labels' area and the margin, by half its width.
    let y_labels = (gap + text.widest_y).max((text.first_x / 2).saturating_sub(margin));
    LabelRoom {
        // The top y label is centred on its tick, which may be the plot's top edge.
        top: margin.max(text.height / 2 + 1),
        right: margin.max(text.last_x / 2 + 1),
        bottom: margin,
        left: margin,
        x_labels: gap + text.height,
        y_labels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_labels_get_the_room_they_measure() {
        let check = |text: LabelText, expect: LabelRoom| {
            assert_eq!(label_room(text, 8, 6), expect, "{text:?}");
        };
        let room = |top, right, x_labels, y_labels| LabelRoom {
            top,
            right,
            bottom: 6,
            left: 6,
            x_labels,
            y_labels,
        };
        // Short labels: the margins hold the ends, the y labels' width decides their area.
        let short = LabelText {
            widest_y: 30,
            first_x: 8,
            last_x: 10,
            height: 10,
        };
        check(short, room(6, 6, 18, 38));
        // A long clock label at the right end pushes the plot in by half its width.
        check(
            LabelText {
                last_x: 50,
                ..short
            },
            room(6, 26, 18, 38),
        );
        // A long first x label and narrow y labels: the left side makes room for half of it.
        check(
            LabelText {
                widest_y: 7,
                first_x: 60,
                ..short
            },
            room(6, 6, 18, 24),
        );
        // Tall text: room above the top label and below the axis for the x labels.
        check(
            LabelText {
                height: 16,
                ..short
            },
            room(9, 6, 24, 38),
        );
        // Nothing measured (no layout yet): still the gaps and margins, never less.
        check(
            LabelText {
                widest_y: 0,
                first_x: 0,
                last_x: 0,
                height: 0,
            },
            room(6, 6, 8, 8),
        );
    }
}
