//! GetServiceGraph, GetTraceGraph and GetTimeSeriesServiceStatistics: aggregates computed from
//! the stored traces on every call.

use serde::Deserialize;
use serde_json::{Value, json};
use shared::filter::Expr;

use super::eval::eval;
use super::eval_trace::TraceSubject;
use super::graph::Graph;
use super::ops_traces::{TraceIdsInput, trace_ids};
use super::selector::parse_entity;
use super::timeseries::{Period, TimeSeries};
use super::view::TraceView;
use super::window::Window;
use super::{XRay, groups};
use crate::DEFAULT_ACCOUNT_ID;
use crate::protocol::{AwsResult, page};

const POINTS_PAGE_SIZE: usize = 1_000;

#[derive(Default, Deserialize)]
pub(crate) struct GraphInput {
    #[serde(rename = "StartTime")]
    start_time: Option<f64>,
    #[serde(rename = "EndTime")]
    end_time: Option<f64>,
    #[serde(rename = "GroupName")]
    group_name: Option<String>,
    #[serde(rename = "GroupARN")]
    group_arn: Option<String>,
    #[serde(rename = "EntitySelectorExpression")]
    entity_selector_expression: Option<String>,
    #[serde(rename = "Period")]
    period: Option<i64>,
    #[serde(rename = "NextToken")]
    next_token: Option<String>,
}

/// Calls `visit` with every retained trace of the region that overlaps the window and passes the
/// group's filter.
fn for_each_trace(
    xray: &XRay,
    region: &str,
    window: Window,
    filter: Option<&Expr>,
    mut visit: impl FnMut(&TraceView<'_>),
) {
    let now = xray.now();
    let store = xray.read_store();
    let Some(traces) = store.region(region) else {
        return;
    };
    for trace in traces.live_traces(store.retained_since(now)) {
        let (first, last) = trace.bounds();
        if last < window.start || first > window.end {
            continue;
        }
        let view = TraceView::new(trace);
        let subject = TraceSubject {
            view: &view,
            account_id: DEFAULT_ACCOUNT_ID,
        };
        if filter.is_none_or(|f| eval(f, &subject)) {
            visit(&view);
        }
    }
}

pub(crate) fn get_service_graph(xray: &XRay, region: &str, input: GraphInput) -> AwsResult<Value> {
    let window = Window::required(input.start_time, input.end_time)?;
    let group = groups::selected(
        xray,
        region,
        input.group_name.as_deref(),
        input.group_arn.as_deref(),
    )?;
    let filter = groups::group_filter(xray, region, group.as_ref())?;
    let mut graph = Graph::default();
    for_each_trace(xray, region, window, filter.as_ref(), |view| {
        graph.add(view, Some((window.start, window.end)));
    });
    Ok(json!({
        "StartTime": window.start,
        "EndTime": window.end,
        "Services": graph.to_json(DEFAULT_ACCOUNT_ID),
        "ContainsOldGroupVersions": false,
    }))
}

pub(crate) fn get_trace_graph(xray: &XRay, region: &str, input: TraceIdsInput) -> AwsResult<Value> {
    let ids = trace_ids(input)?;
    let now = xray.now();
    let store = xray.read_store();
    let retained_since = store.retained_since(now);
    let mut graph = Graph::default();
    for id in &ids {
        let trace = store
            .region(region)
            .and_then(|r| r.traces.get(id.as_str()))
            .filter(|t| t.first_stored >= retained_since);
        if let Some(trace) = trace {
            graph.add(&TraceView::new(trace), None);
        }
    }
    Ok(json!({ "Services": graph.to_json(DEFAULT_ACCOUNT_ID) }))
}

pub(crate) fn get_time_series(xray: &XRay, region: &str, input: GraphInput) -> AwsResult<Value> {
    let window = Window::required(input.start_time, input.end_time)?;
    let period = Period::parse(input.period)?;
    let entity = parse_entity(input.entity_selector_expression.as_deref())?;
    let group = groups::selected(
        xray,
        region,
        input.group_name.as_deref(),
        input.group_arn.as_deref(),
    )?;
    let filter = groups::group_filter(xray, region, group.as_ref())?;
    let mut series = TimeSeries::new(entity, period, window);
    for_each_trace(xray, region, window, filter.as_ref(), |view| {
        series.add(view, DEFAULT_ACCOUNT_ID)
    });
    let points = series.to_json();
    let (points, next) = page(&points, input.next_token.as_deref(), POINTS_PAGE_SIZE)?;
    Ok(json!({
        "TimeSeriesServiceStatistics": points,
        "ContainsOldGroupVersions": false,
        "NextToken": next,
    }))
}
