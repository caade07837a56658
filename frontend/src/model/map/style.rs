//! How nodes and edges look, as data: sizes from traffic, ring shares from outcomes, colours
//! from health. The canvas code only paints what these return.

use shared::api::{Derived, NodeKind};

use crate::model::Theme;

pub const MIN_RADIUS: f64 = 16.0;
pub const MAX_RADIUS: f64 = 40.0;

/// Colours for one theme, as CSS colour strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub background: &'static str,
    pub node_fill: &'static str,
    pub text: &'static str,
    pub muted_text: &'static str,
    pub ok: &'static str,
    pub error: &'static str,
    pub fault: &'static str,
    pub throttle: &'static str,
    pub idle: &'static str,
    pub selected: &'static str,
}

impl Palette {
    pub fn for_theme(theme: Theme) -> Self {
        match theme {
            Theme::Light => Palette {
                background: "#ffffff",
                node_fill: "#f4f6f8",
                text: "#1b1f24",
                muted_text: "#57606a",
                ok: "#2e8b57",
                error: "#c98a00",
                fault: "#cf222e",
                throttle: "#8250df",
                idle: "#afb8c1",
                selected: "#0969da",
            },
            Theme::Dark => Palette {
                background: "#151b23",
                node_fill: "#212830",
                text: "#e6edf3",
                muted_text: "#9da7b3",
                ok: "#3fb950",
                error: "#d29922",
                fault: "#f85149",
                throttle: "#a371f7",
                idle: "#6e7681",
                selected: "#58a6ff",
            },
        }
    }
}

/// A node's radius: grows with the logarithm of its traffic, so a hot service stands out
/// without dwarfing the rest.
pub fn node_radius(requests_per_minute: f64) -> f64 {
    let grown = MIN_RADIUS + 6.0 * (1.0 + requests_per_minute.max(0.0)).log10();
    grown.min(MAX_RADIUS)
}

/// One arc of a node's ring: a fraction of the full circle and its colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RingSegment {
    pub share: f64,
    pub colour: &'static str,
}

/// The ok / error (4xx without 429) / throttle (429) / fault (5xx) shares, empty ones left out;
/// a node without requests gets a single idle ring.
pub fn ring_segments(derived: &Derived, palette: &Palette) -> Vec<RingSegment> {
    let shares = [
        (derived.ok_ratio, palette.ok),
        (derived.error_ratio - derived.throttle_ratio, palette.error),
        (derived.throttle_ratio, palette.throttle),
        (derived.fault_ratio, palette.fault),
    ];
    let segments: Vec<RingSegment> = shares
        .into_iter()
        .filter(|(share, _)| *share > 0.0)
        .map(|(share, colour)| RingSegment { share, colour })
        .collect();
    if segments.is_empty() {
        return vec![RingSegment {
            share: 1.0,
            colour: palette.idle,
        }];
    }
    segments
}

/// An edge's colour (its worst outcome above 1 %) and line width (log of traffic), in CSS px.
pub fn edge_style(derived: &Derived, palette: &Palette) -> (&'static str, f64) {
    let colour = if derived.fault_ratio > 0.01 {
        palette.fault
    } else if derived.error_ratio > 0.01 {
        palette.error
    } else if derived.requests_per_minute > 0.0 {
        palette.ok
    } else {
        palette.idle
    };
    let width = (1.0 + 1.2 * (1.0 + derived.requests_per_minute.max(0.0)).log10()).min(6.0);
    (colour, width)
}

/// The short type label drawn in a node and read out by the list view.
pub fn kind_label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Client => "Client",
        NodeKind::AppRunnerService => "App Runner",
        NodeKind::DynamoDbTable => "DynamoDB",
        NodeKind::Sqs => "SQS",
        NodeKind::S3 => "S3",
        NodeKind::SqlDatabase => "SQL",
        NodeKind::RemoteApi => "Remote API",
        NodeKind::AwsService => "AWS",
        NodeKind::Other => "Other",
    }
}

/// `#rrggbb` as its three channels; a malformed channel reads as mid-grey (128), so a typo in a
/// palette shows as grey rather than failing a drawing.
pub fn hex_rgb(hex: &str) -> [u8; 3] {
    let channel = |at: usize| {
        hex.get(at..at + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(128)
    };
    [channel(1), channel(3), channel(5)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_read_as_channels() {
        assert_eq!(hex_rgb("#3d8bfd"), [0x3d, 0x8b, 0xfd]);
        assert_eq!(hex_rgb("#zz0000"), [128, 0, 0]);
        assert_eq!(hex_rgb("#12"), [0x12, 128, 128]);
    }

    fn derived(rpm: f64, ok: f64, error: f64, throttle: f64, fault: f64) -> Derived {
        Derived {
            requests_per_minute: rpm,
            mean_latency_s: None,
            error_ratio: error,
            fault_ratio: fault,
            throttle_ratio: throttle,
            ok_ratio: ok,
        }
    }

    #[test]
    fn radius_grows_with_traffic_within_limits() {
        let check = |rpm: f64, expect: f64| {
            assert!(
                (node_radius(rpm) - expect).abs() < 1e-9,
                "{rpm}: {}",
                node_radius(rpm)
            );
        };
        check(0.0, MIN_RADIUS);
        check(9.0, MIN_RADIUS + 6.0);
        check(999.0, MIN_RADIUS + 18.0);
        check(1e12, MAX_RADIUS);
    }

    #[test]
    fn the_ring_splits_by_outcome() {
        let palette = Palette::for_theme(Theme::Light);
        let shares = |d: Derived| {
            ring_segments(&d, &palette)
                .into_iter()
                .map(|s| (s.share, s.colour))
                .collect::<Vec<_>>()
        };
        let mixed = shares(derived(10.0, 0.5, 0.3, 0.1, 0.2));
        let colours: Vec<&str> = mixed.iter().map(|(_, colour)| *colour).collect();
        assert_eq!(
            colours,
            [palette.ok, palette.error, palette.throttle, palette.fault]
        );
        let total: f64 = mixed.iter().map(|(share, _)| share).sum();
        assert!((total - 1.0).abs() < 1e-9, "{mixed:?}");
        assert_eq!(
            shares(derived(10.0, 1.0, 0.0, 0.0, 0.0)),
            vec![(1.0, palette.ok)]
        );
        assert_eq!(
            shares(derived(0.0, 0.0, 0.0, 0.0, 0.0)),
            vec![(1.0, palette.idle)]
        );
    }

    #[test]
    fn edges_show_their_worst_outcome() {
        let palette = Palette::for_theme(Theme::Dark);
        let check = |d: Derived, colour: &str| assert_eq!(edge_style(&d, &palette).0, colour);
        check(derived(5.0, 0.9, 0.0, 0.0, 0.1), palette.fault);
        check(derived(5.0, 0.9, 0.1, 0.0, 0.0), palette.error);
        check(derived(5.0, 0.995, 0.005, 0.0, 0.0), palette.ok);
        check(derived(0.0, 0.0, 0.0, 0.0, 0.0), palette.idle);
        assert!(
            edge_style(&derived(1000.0, 1.0, 0.0, 0.0, 0.0), &palette).1
                > edge_style(&derived(1.0, 1.0, 0.0, 0.0, 0.0), &palette).1
        );
    }
}
