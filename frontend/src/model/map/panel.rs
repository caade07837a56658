//! What the panel of the selected node or edge shows, gathered from the map: its figures, its
//! histogram, what its time series is asked for, which trace links it gets, and the lines of its
//! two charts once the series has arrived.

use std::ops::Range;

use shared::api::{Derived, HistogramBin, NodeKind, ServiceMap, Stats, TimeSeries};

use super::hit::Hit;
use super::selection::Selection;
use super::style::{Palette, kind_label};

/// What a time series is of: a node by name and type, or an edge by its two node names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entity {
    Node { name: String, node_type: String },
    Edge { source: String, target: String },
}

/// The panel's subject.
#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    pub title: String,
    pub kind: &'static str,
    pub derived: Derived,
    pub stats: Stats,
    pub histogram: Vec<HistogramBin>,
    pub entity: Entity,
    /// By name; `None` for the client, which X-Ray cannot filter by.
    pub links_for: Option<Selection<String>>,
}

impl Subject {
    /// The node or edge `hit` of `map`; `None` when it is not in the map.
    pub fn of(map: &ServiceMap, hit: Hit) -> Option<Self> {
        let node = |id: i32| map.nodes.iter().find(|n| n.id == id);
        match hit {
            Hit::Node(id) => {
                let n = node(id)?;
                Some(Subject {
                    title: n.name.clone(),
                    kind: kind_label(n.kind),
                    derived: n.derived,
                    stats: n.stats,
                    histogram: n.response_time_histogram.clone(),
                    entity: Entity::Node {
                        name: n.name.clone(),
                        node_type: n.node_type.clone(),
                    },
                    links_for: (n.kind != NodeKind::Client)
                        .then(|| Selection::Node(n.name.clone())),
                })
            }
            Hit::Edge(source, target) => {
                let (a, b) = (node(source)?, node(target)?);
                let edge = map
                    .edges
                    .iter()
                    .find(|e| e.source == source && e.target == target)?;
                Some(Subject {
                    title: format!("{} → {}", a.name, b.name),
                    kind: "Call",
                    derived: edge.derived,
                    stats: edge.stats,
                    histogram: edge.response_time_histogram.clone(),
                    entity: Entity::Edge {
                        source: a.name.clone(),
                        target: b.name.clone(),
                    },
                    links_for: (a.kind != NodeKind::Client)
                        .then(|| Selection::Edge(a.name.clone(), b.name.clone())),
                })
            }
        }
    }
}

/// One line of a line chart, in a palette colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub label: &'static str,
    pub colour: &'static str,
    pub points: Vec<(f64, f64)>,
}

/// (requests / errors / faults per minute, mean latency in ms), x in minutes before the end.
pub fn series_lines(series: &TimeSeries, palette: &Palette) -> (Vec<Line>, Vec<Line>) {
    let end = series.points.last().map_or(0.0, |p| p.timestamp);
    let minutes_per_point = (series.period_s.max(1) as f64) / 60.0;
    let line = |label, colour, value: &dyn Fn(&Stats) -> f64| Line {
        label,
        colour,
        points: series
            .points
            .iter()
            .map(|p| {
                (
                    (p.timestamp - end) / 60.0,
                    value(&p.stats) / minutes_per_point,
                )
            })
            .collect(),
    };
    let counts = vec![
        line("Requests", palette.selected, &|s| s.total as f64),
        line("Errors", palette.error, &|s| {
            (s.error_other + s.throttle) as f64
        }),
        line("Faults", palette.fault, &|s| s.fault_other as f64),
    ];
    let latency = vec![Line {
        label: "Mean",
        colour: palette.ok,
        points: series
            .points
            .iter()
            .filter_map(|p| Some(((p.timestamp - end) / 60.0, p.derived.mean_latency_s? * 1e3)))
            .collect(),
    }];
    (counts, latency)
}

/// The histogram's axes (milliseconds across, requests up, with headroom) and its bar width.
pub fn histogram_ranges(bins: &[HistogramBin]) -> (Range<f64>, Range<f64>, f64) {
    let max_ms = bins.iter().map(|b| b.value * 1e3).fold(1.0, f64::max) * 1.1;
    let max_count = bins.iter().map(|b| b.count).max().unwrap_or(1).max(1) as f64 * 1.15;
    (0.0..max_ms, 0.0..max_count, max_ms / 80.0)
}

/// The axes of a line chart: every point across (a minute before the end when there are none),
/// zero up to the highest point with headroom.
pub fn line_ranges(lines: &[Line]) -> (Range<f64>, Range<f64>) {
    let all = || lines.iter().flat_map(|l| l.points.iter());
    let min_x = all().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let max_x = all().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let x = if min_x < max_x {
        min_x..max_x
    } else {
        -1.0..0.0
    };
    let max_y = all().map(|p| p.1).fold(0.0, f64::max).max(1.0) * 1.15;
    (x, 0.0..max_y)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::movies;
    use super::*;
    use crate::model::Theme;
    use shared::api::TimeSeriesPoint;

    #[test]
    fn nodes_and_edges_become_subjects_and_the_client_gets_no_links() {
        let map = movies();
        let check = |hit: Hit, expect: Option<(&str, &str, Entity, bool)>| {
            let subject = Subject::of(&map, hit);
            let got = subject.as_ref().map(|s| {
                (
                    s.title.as_str(),
                    s.kind,
                    s.entity.clone(),
                    s.links_for.is_some(),
                )
            });
            assert_eq!(got, expect, "{hit:?}");
        };
        let node = |name: &str, node_type: &str| Entity::Node {
            name: name.into(),
            node_type: node_type.into(),
        };
        check(
            Hit::Node(1),
            Some((
                "movies_app",
                "App Runner",
                node("movies_app", "AWS::AppRunner::Service"),
                true,
            )),
        );
        check(
            Hit::Node(0),
            Some(("client", "Client", node("client", "client"), false)),
        );
        let edge = Entity::Edge {
            source: "movies_app".into(),
            target: "movies-app".into(),
        };
        check(
            Hit::Edge(1, 2),
            Some(("movies_app → movies-app", "Call", edge, true)),
        );
        check(Hit::Edge(2, 1), None);
        check(Hit::Node(5), None);
        let app = Subject::of(&map, Hit::Node(1)).expect("a node");
        assert_eq!(app.histogram.len(), 1);
        assert_eq!(app.stats.total, 120);
    }

    #[test]
    fn series_become_rates_per_minute_and_latencies_in_ms_up_to_the_end() {
        let point = |timestamp: f64, total: u64, errors: u64, mean: Option<f64>| TimeSeriesPoint {
            timestamp,
            stats: Stats {
                total,
                error_other: errors,
                throttle: 1,
                fault_other: 2,
                ..Stats::default()
            },
            derived: Derived {
                mean_latency_s: mean,
                ..Derived::default()
            },
        };
        let series = TimeSeries {
            period_s: 300,
            points: vec![point(1000.0, 50, 4, Some(0.02)), point(1300.0, 10, 0, None)],
        };
        let palette = Palette::for_theme(Theme::Light);
        let (counts, latency) = series_lines(&series, &palette);
        let points = |line: &Line| line.points.clone();
        assert_eq!(points(&counts[0]), [(-5.0, 10.0), (0.0, 2.0)]);
        assert_eq!(points(&counts[1]), [(-5.0, 1.0), (0.0, 0.2)]);
        assert_eq!(points(&counts[2]), [(-5.0, 0.4), (0.0, 0.4)]);
        assert_eq!(points(&latency[0]), [(-5.0, 20.0)]);
        assert_eq!(
            counts.iter().map(|l| l.colour).collect::<Vec<_>>(),
            [palette.selected, palette.error, palette.fault]
        );
    }

    #[test]
    fn charts_get_axes_with_headroom_and_sane_ones_without_data() {
        let bin = |value: f64, count: u64| HistogramBin { value, count };
        let (x, y, bar) = histogram_ranges(&[bin(0.1, 10), bin(0.2, 4)]);
        assert!(
            (x.end - 220.0).abs() < 1e-9 && (y.end - 11.5).abs() < 1e-9,
            "{x:?} {y:?}"
        );
        assert!((bar - 2.75).abs() < 1e-9, "{bar}");
        let (x, y, _) = histogram_ranges(&[]);
        assert!(
            (x.end - 1.1).abs() < 1e-9 && (y.end - 1.15).abs() < 1e-9,
            "{x:?} {y:?}"
        );

        let line = |points: Vec<(f64, f64)>| Line {
            label: "l",
            colour: "#000000",
            points,
        };
        let (x, y) = line_ranges(&[
            line(vec![(-10.0, 4.0), (0.0, 2.0)]),
            line(vec![(-5.0, 8.0)]),
        ]);
        assert_eq!(x, -10.0..0.0);
        assert!((y.end - 9.2).abs() < 1e-9, "{y:?}");
        let (x, y) = line_ranges(&[line(vec![(0.0, 0.0)])]);
        assert_eq!(x, -1.0..0.0);
        assert!((y.end - 1.15).abs() < 1e-9, "{y:?}");
    }
}
