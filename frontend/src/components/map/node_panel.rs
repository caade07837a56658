//! The panel for the selected node or edge: its figures, the response-time histogram (a drag
//! across it narrows the trace links to that latency band, as the X-Ray console does), its
//! requests / errors / faults and latency over the window, and links to its traces.

use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::{ServiceMap, TimeSeries};
use web_sys::PointerEvent;

use crate::api::{self, MapRequest, SeriesRequest};
use crate::browser::theme_signal;
use crate::draw::{draw_histogram, draw_lines};
use crate::model::map::{
    Hit, Palette, Subject, format_latency, format_rate, histogram_ranges, latency_band,
    series_lines, trace_links,
};
use crate::model::traces::PlotArea;
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
    // The latency band a drag selected (seconds), and where the drag started (CSS px).
    let band = RwSignal::new(None::<(f64, f64)>);
    let press = RwSignal::new(None::<(f64, f64)>);
    let plot = StoredValue::new(None::<PlotArea>);
    let ms_range = histogram_ranges(&bins).0;
    Effect::new(move |_| {
        let palette = Palette::for_theme(theme.get());
        if let Some(canvas) = histogram_canvas.get() {
            let drawn = draw_histogram(&canvas, &bins, band.get(), &palette);
            report(drawn.map(|area| plot.set_value(Some(area))));
        }
    });
    let offset = |event: &PointerEvent| f64::from(event.offset_x());
    let on_down = move |event: PointerEvent| {
        let x = offset(&event);
        press.set(Some((x, x)));
        if let Some(canvas) = histogram_canvas.get_untracked() {
            let _ = canvas.set_pointer_capture(event.pointer_id());
        }
    };
    let on_up = move |event: PointerEvent| {
        let (Some((x0, _)), Some(area)) = (press.get_untracked(), plot.get_value()) else {
            return;
        };
        press.set(None);
        // The canvas is scaled to the panel's width: its pixels are not CSS pixels.
        let scale = histogram_canvas.get_untracked().map_or(1.0, |canvas| {
            f64::from(canvas.width()) / f64::from(canvas.client_width().max(1))
        });
        let x1 = offset(&event);
        let picked = latency_band((area.left, area.right), &ms_range, x0 * scale, x1 * scale);
        if picked.is_some() {
            band.set(picked);
        }
    };
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
        for (canvas, lines) in [
            (requests_canvas.get(), counts),
            (latency_canvas.get(), latency),
        ] {
            if let Some(canvas) = canvas {
                report(draw_lines(&canvas, &lines, &palette));
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
    let band_of = band;
    let links_for = subject.links_for.clone();
    // The links, and the band they are narrowed to (if any) with the way back to all.
    let links = move || {
        let band = band.get();
        let links = links_for
            .as_ref()
            .map(|selection| trace_links(selection, band));
        let links = links.unwrap_or_default().into_iter().map(|link| {
            let href = view_links.href("/traces", vec![("filter".to_owned(), link.filter.clone())]);
            view! { <A href=href attr:class="button" attr:data-filter=link.filter>{link.label}</A> }
        });
        let note = band.map(|(low, high)| {
            let text = format!(
                "Response times {}–{} selected: the links show only these traces. ",
                format_latency(Some(low)),
                format_latency(Some(high))
            );
            view! { <span class="map-band">{text}<button type="button" class="link-button" on:click=move |_| band_of.set(None)>"Show all"</button></span> }
        });
        (links.collect::<Vec<_>>(), note)
    };
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
                <dt>"of which throttled (429)"</dt><dd>{percent(d.throttle_ratio)}</dd>
                <dt>"Faults (5xx)"</dt><dd>{percent(d.fault_ratio)}</dd>
            </dl>
            <nav class="map-links" aria-label="Traces">{links}</nav>
            <figure class="map-chart" data-histogram-bins=bin_count>
                <figcaption>"Response time distribution: requests by milliseconds. Drag across it to narrow the links."</figcaption>
                <canvas class="chart-drag" node_ref=histogram_canvas width="380" height="200" role="img"
                    aria-label=format!("Histogram of response times over {bin_count} buckets")
                    on:pointerdown=on_down on:pointerup=on_up
                    on:pointercancel=move |_| press.set(None)></canvas>
            </figure>
            <p class="map-note" hidden=move || series_state().is_none()>{series_state}</p>
            <figure class="map-chart" hidden=move || series_state().is_some()>
                <figcaption>"Per minute, over the window (minutes before its end)"</figcaption>
                <canvas node_ref=requests_canvas width="380" height="200" role="img"
                    aria-label="Requests, errors and faults per minute over the window"></canvas>
                <p class="chart-legend">
                    <span class="swatch requests"></span>"Requests "
                    <span class="swatch error"></span>"Errors (4xx, throttles included) "
                    <span class="swatch fault"></span>"Faults (5xx)"
                </p>
            </figure>
            <figure class="map-chart" hidden=move || series_state().is_some()>
                <figcaption>"Mean latency in milliseconds, over the window"</figcaption>
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
