//! GetServiceGraph, every page, merged into one map.

use std::collections::HashSet;

use aws_smithy_types::DateTime;
use shared::api::ServiceMap;

use super::convert;
use crate::aws::UpstreamResult;
use crate::aws::error::UpstreamError;
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
    let mut next_token = None;
    for _ in 0..MAX_PAGES {
        let page = limiter
            .run(
                client
                    .get_service_graph()
                    .start_time(DateTime::from_secs(request.range.start))
                    .end_time(DateTime::from_secs(request.range.end))
                    .set_group_name(request.group.clone())
                    .set_next_token(next_token.take())
                    .send(),
            )
            .await
            .map_err(|e| UpstreamError::from_sdk("xray:GetServiceGraph", region, e))?;
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
        next_token = page.next_token().map(str::to_owned);
        if next_token.is_none() {
            break;
        }
    }
    Ok(map)
}
