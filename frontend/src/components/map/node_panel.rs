//! The panel for the selected node or edge: its figures, the response-time histogram, its
//! requests / errors / faults and latency over the window, and links to its traces.

use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{HistogramBin, ServiceMap, Stats, TimeSeries};

use super::browser::theme_signal;
use super::charts::{Line, draw_histogram, draw_lines};
use crate::api;
use crate::model::map::{
    Hit, Palette, Selection, format_latency, format_rate, kind_label, trace_links,
};
use shared::api::Derived;

/// What the panel shows, gathered from the map once.
struct Subject {
    title: String,
    kind: &'static str,
    derived: Derived,
    stats: Stats,
    histogram: Vec<HistogramBin>,
    /// `node=`/`type=` or `source=`/`target=` for the time-series route.
    series_query: Vec<(String, String)>,
    /// By name; `None` for the client, which X-Ray cannot filter by.
    links_for: Option<Selection<String>>,
}

#[component]
pub fn NodePanel(
    map: Arc<ServiceMap>,
    hit: Hit,
    /// The view's `window=`/`start=`/`end=`, `region=` and `group=`, for the time series.
    view_pairs: Vec<(String, String)>,
    /// `/traces` with the view's range and region kept; the links add `filter=`.
    traces_href: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let Some(subject) = subject(&map, hit) else {
        return view! { <aside class="map-panel"><p>"The selected node is not in this map."</p></aside> }.into_any();
    };
    let theme = theme_signal();
    let histogram_canvas = NodeRef::<Canvas>::new();
    let requests_canvas = NodeRef::<Canvas>::new();
    let latency_canvas = NodeRef::<Canvas>::new();
    let bins = subject.histogram.clone();
    let bin_count = bins.len();
    let chart_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let palette = Palette::for_theme(theme.get());
        if let Some(canvas) = histogram_canvas.get()
            && let Err(error) = draw_histogram(&canvas, &bins, &palette)
        {
            chart_error.set(Some(error));
        }
    });
    let mut query = view_pairs;
    query.extend(subject.series_query.clone());
    let series = LocalResource::new(move || {
        let query = query.clone();
        async move { api::map_timeseries(&query).await }
    });
    let theme_lines = theme_signal();
    Effect::new(move |_| {
        let palette = Palette::for_theme(theme_lines.get());
        let Some(Ok(series)) = series.get() else {
            return;
        };
        let (counts, latency) = series_lines(&series, &palette);
        for (canvas, lines, units) in [
            (requests_canvas.get(), counts, "Requests per minute"),
            (latency_canvas.get(), latency, "Mean latency (ms)"),
        ] {
            if let Some(canvas) = canvas
                && let Err(error) = draw_lines(&canvas, &lines, units, &palette)
            {
                chart_error.set(Some(error));
            }
        }
    });
    let series_state = move || match series.get() {
        None => Some("Loading the time series…".to_owned()),
        Some(Err(error)) => Some(format!("{}: {error}", error.title())),
        Some(Ok(series)) if series.points.is_empty() => {
            Some("No requests in this window.".to_owned())
        }
        Some(Ok(_)) => None,
    };
    let links = subject
        .links_for
        .as_ref()
        .map(trace_links)
        .unwrap_or_default();
    let separator = if traces_href.contains('?') { '&' } else { '?' };
    let links = links
        .into_iter()
        .map(|link| {
            let filter = String::from(js_sys::encode_uri_component(&link.filter));
            let href = format!("{traces_href}{separator}filter={filter}");
            view! { <A href=href attr:class="button" attr:data-filter=link.filter.clone()>{link.label}</A> }
        })
        .collect_view();
    let d = subject.derived;
    let percent = |ratio: f64| format!("{:.1}%", ratio * 100.0);

    view! {
        <aside class="map-panel" aria-labelledby="map-panel-title">
            <header>
                <h2 id="map-panel-title">{subject.title.clone()}</h2>
                <span class="map-kind">{subject.kind}</span>
                <button type="button" class="icon-button" aria-label="Close the panel" on:click=move |_| on_close.run(())>"×"</button>
            </header>
            <dl class="map-figures">
                <dt>"Requests"</dt><dd>{format_rate(d.requests_per_minute)}" ("{subject.stats.total}")"</dd>
                <dt>"Mean latency"</dt><dd>{format_latency(d.mean_latency_s)}</dd>
                <dt>"OK"</dt><dd>{percent(d.ok_ratio)}</dd>
                <dt>"Errors (4xx)"</dt><dd>{percent(d.error_ratio)}</dd>
                <dt>"Throttles (429)"</dt><dd>{percent(d.throttle_ratio)}</dd>
                <dt>"Faults (5xx)"</dt><dd>{percent(d.fault_ratio)}</dd>
            </dl>
            <nav class="map-links" aria-label="Traces">{links}</nav>
            <figure class="map-chart" data-histogram-bins=bin_count>
                <figcaption>"Response time distribution"</figcaption>
                <canvas node_ref=histogram_canvas width="380" height="200" role="img"
                    aria-label=format!("Histogram of response times over {bin_count} buckets")></canvas>
            </figure>
            <p class="map-note" hidden=move || series_state().is_none()>{series_state}</p>
            <figure class="map-chart" hidden=move || series_state().is_some()>
                <figcaption>"Requests, errors and faults"</figcaption>
                <canvas node_ref=requests_canvas width="380" height="200" role="img"
                    aria-label="Requests, errors and faults per minute over the window"></canvas>
            </figure>
            <figure class="map-chart" hidden=move || series_state().is_some()>
                <figcaption>"Latency"</figcaption>
                <canvas node_ref=latency_canvas width="380" height="200" role="img"
                    aria-label="Mean latency over the window"></canvas>
            </figure>
            <p class="map-note" role="alert" hidden=move || chart_error.get().is_none()>
                {move || chart_error.get().map(|e| format!("A chart could not be drawn: {e}"))}
            </p>
        </aside>
    }
    .into_any()
}

fn subject(map: &ServiceMap, hit: Hit) -> Option<Subject> {
    let node = |id: i32| map.nodes.iter().find(|n| n.id == id);
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    match hit {
        Hit::Node(id) => {
            let n = node(id)?;
            let filterable = n.kind != shared::api::NodeKind::Client;
            Some(Subject {
                title: n.name.clone(),
                kind: kind_label(n.kind),
                derived: n.derived,
                stats: n.stats,
                histogram: n.response_time_histogram.clone(),
                series_query: vec![pair("node", &n.name), pair("type", &n.node_type)],
                links_for: filterable.then(|| Selection::Node(n.name.clone())),
            })
        }
        Hit::Edge(source, target) => {
            let (a, b) = (node(source)?, node(target)?);
            let edge = map
                .edges
                .iter()
                .find(|e| e.source == source && e.target == target)?;
            let filterable = a.kind != shared::api::NodeKind::Client;
            Some(Subject {
                title: format!("{} → {}", a.name, b.name),
                kind: "Call",
                derived: edge.derived,
                stats: edge.stats,
                histogram: edge.response_time_histogram.clone(),
                series_query: vec![pair("source", &a.name), pair("target", &b.name)],
                links_for: filterable.then(|| Selection::Edge(a.name.clone(), b.name.clone())),
            })
        }
    }
}

/// (requests / errors / faults per minute, mean latency in ms), x in minutes before the end.
fn series_lines(series: &TimeSeries, palette: &Palette) -> (Vec<Line>, Vec<Line>) {
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
