//! GetServiceGraph (the map of a window) and GetTraceGraph (the map of one trace), every page,
//! merged into one map.

use std::collections::HashSet;
use std::ops::ControlFlow;

use aws_smithy_types::DateTime;
use shared::api::ServiceMap;

use super::convert;
use crate::aws::UpstreamResult;
use crate::aws::limiter::Limiter;
use crate::aws::requests::MapRequest;

/// X-Ray caps a map at 10,000 nodes; pages are far bigger than 1 node, so this only stops a
/// token that never ends.
const MAX_PAGES: usize = 50;

pub async fn service_map(
    client: &aws_sdk_xray::Client,
    request: &MapRequest,
    limiter: &Limiter,
) -> UpstreamResult<ServiceMap> {
    let region = request.region.as_str();
    let window_seconds = request.range.seconds() as f64;
    let mut map = ServiceMap {
        start: request.range.start as f64,
        end: request.range.end as f64,
        ..ServiceMap::default()
    };
    let mut seen = HashSet::new();
    let pages = client
        .get_service_graph()
        .start_time(DateTime::from_secs(request.range.start))
        .end_time(DateTime::from_secs(request.range.end))
        .set_group_name(request.group.clone())
        .into_paginator()
        .send();
    limiter
        .pages("xray:GetServiceGraph", region, pages, MAX_PAGES, |page| {
            map.contains_old_group_versions |= page.contains_old_group_versions();
            for service in page.services() {
                let Some((node, edges)) = convert::node_and_edges(service, window_seconds) else {
                    continue;
                };
                // A node split across pages is kept once.
                if seen.insert(node.id) {
                    map.nodes.push(node);
                    map.edges.extend(edges);
                }
            }
            ControlFlow::Continue(())
        })
        .await?;
    Ok(map)
}

/// One trace's services and the calls between them. X-Ray's statistics here count that trace's
/// requests; they are derived over one minute, so "requests per minute" reads as "requests".
pub async fn trace_map(
    client: &aws_sdk_xray::Client,
    region: &str,
    trace_id: &str,
    limiter: &Limiter,
) -> UpstreamResult<ServiceMap> {
    let mut graph = TraceGraph::default();
    let pages = client
        .get_trace_graph()
        .trace_ids(trace_id)
        .into_paginator()
        .send();
    limiter
        .pages("xray:GetTraceGraph", region, pages, MAX_PAGES, |page| {
            page.services()
                .iter()
                .for_each(|service| graph.add(service));
            ControlFlow::Continue(())
        })
        .await?;
    Ok(graph.map)
}

/// One trace's map gathered page by page (GetTraceGraph, GetRetrievedTracesGraph): each service
/// once, the map's span widened to cover it. X-Ray's statistics here count that trace's requests;
/// they are derived over one minute, so "requests per minute" reads as "requests".
#[derive(Default)]
pub struct TraceGraph {
    pub map: ServiceMap,
    seen: HashSet<i32>,
}

impl TraceGraph {
    const PER_TRACE_SECONDS: f64 = 60.0;

    pub fn add(&mut self, service: &aws_sdk_xray::types::Service) {
        let Some((node, edges)) = convert::node_and_edges(service, Self::PER_TRACE_SECONDS) else {
            return;
        };
        if !self.seen.insert(node.id) {
            return;
        }
        let map = &mut self.map;
        if let Some(start) = service.start_time().map(DateTime::as_secs_f64) {
            map.start = if map.start == 0.0 {
                start
            } else {
                map.start.min(start)
            };
        }
        if let Some(end) = service.end_time().map(DateTime::as_secs_f64) {
            map.end = map.end.max(end);
        }
        map.nodes.push(node);
        map.edges.extend(edges);
    }
}
