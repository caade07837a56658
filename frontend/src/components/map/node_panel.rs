//! The panel for the selected node or edge: its figures, the response-time histogram, its
//! requests / errors / faults and latency over the window, and links to its traces.

use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{ServiceMap, TimeSeries};

use crate::api::{self, MapRequest, SeriesRequest};
use crate::browser::theme_signal;
use crate::draw::{draw_histogram, draw_lines};
use crate::model::map::{
    Hit, Palette, Subject, format_latency, format_rate, series_lines, trace_links,
};
use crate::polled::{erased_resource, typed};
use crate::url_state::use_view_links;

#[component]
pub fn NodePanel(
    map: Arc<ServiceMap>,
    hit: Hit,
    /// The map's request (window, region, group): the time series is over the same.
    request: MapRequest,
    on_close: Callback<()>,
) -> impl IntoView {
    let Some(subject) = Subject::of(&map, hit) else {
        return view! { <aside class="map-panel"><p>"The selected node is not in this map."</p></aside> }.into_any();
    };
    let theme = theme_signal();
    let histogram_canvas = NodeRef::<Canvas>::new();
    let requests_canvas = NodeRef::<Canvas>::new();
    let latency_canvas = NodeRef::<Canvas>::new();
    let bins = subject.histogram.clone();
    let bin_count = bins.len();
    let chart_error = RwSignal::new(None::<String>);
    let report = move |drawn: Result<(), String>| {
        if let Err(error) = drawn {
            chart_error.set(Some(error));
        }
    };
    Effect::new(move |_| {
        let palette = Palette::for_theme(theme.get());
        if let Some(canvas) = histogram_canvas.get() {
            report(draw_histogram(&canvas, &bins, &palette));
        }
    });
    let series_request = SeriesRequest {
        map: request,
        of: subject.entity.clone(),
    };
    let series = erased_resource(move || {
        let request = series_request.clone();
        async move { api::map_timeseries(&request).await }
    });
    let series = move || series.with(|answer| answer.as_ref().map(typed::<TimeSeries>));
    let theme_lines = theme_signal();
    Effect::new(move |_| {
        let palette = Palette::for_theme(theme_lines.get());
        let Some(Ok(series)) = series() else {
            return;
        };
        let (counts, latency) = series_lines(&series, &palette);
        for (canvas, lines, units) in [
            (requests_canvas.get(), counts, "Requests per minute"),
            (latency_canvas.get(), latency, "Mean latency (ms)"),
        ] {
            if let Some(canvas) = canvas {
                report(draw_lines(&canvas, &lines, units, &palette));
            }
        }
    });
    let series_state = move || match series() {
        None => Some("Loading the time series…".to_owned()),
        Some(Err(error)) => Some(format!("{}: {error}", error.title())),
        Some(Ok(series)) if series.points.is_empty() => {
            Some("No requests in this window.".to_owned())
        }
        Some(Ok(_)) => None,
    };
    let view_links = use_view_links();
    let links = subject
        .links_for
        .as_ref()
        .map(trace_links)
        .unwrap_or_default()
        .into_iter()
        .map(|link| {
            let filter = link.filter.clone();
            let href = move || view_links.href("/traces", vec![("filter".to_owned(), filter.clone())]);
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
