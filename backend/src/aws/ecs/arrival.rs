//! Do X-Ray's spans of a service arrive? One GetServiceGraph per region over the last 15
//! minutes, cached, answers it for every Express service there: a node of the service's name
//! with an ECS type is the evidence (reference `ecs-express.md` §5). The graph is built from
//! the traces X-Ray indexes, a share of what Transaction Search keeps, so a service with very
//! little traffic can show no node although some of its spans arrive.

use std::ops::ControlFlow;

use aws_smithy_types::DateTime;
use shared::api::{NodeRef, SpanArrival};

use crate::aws::UpstreamResult;
use crate::aws::limiter::Limiter;

/// "No spans in the last 15 min".
pub const WINDOW_SECONDS: u32 = 15 * 60;
/// Pages are large; this only stops a token that never ends.
const MAX_PAGES: usize = 20;

/// The node types X-Ray gives an ECS task's segments.
fn is_ecs_type(node_type: &str) -> bool {
    node_type.starts_with("AWS::ECS::")
}

/// The ECS nodes of the region's service graph of the window ending at `now`.
pub async fn ecs_nodes(
    client: &aws_sdk_xray::Client,
    region: &str,
    now: i64,
    limiter: &Limiter,
) -> UpstreamResult<Vec<NodeRef>> {
    let mut nodes = Vec::new();
    let pages = client
        .get_service_graph()
        .start_time(DateTime::from_secs(now - i64::from(WINDOW_SECONDS)))
        .end_time(DateTime::from_secs(now))
        .into_paginator()
        .send();
    limiter
        .pages("xray:GetServiceGraph", region, pages, MAX_PAGES, |page| {
            nodes.extend(page.services().iter().filter_map(|service| {
                let node_type = service.r#type().filter(|t| is_ecs_type(t))?;
                Some(NodeRef {
                    name: service.name()?.to_owned(),
                    node_type: node_type.to_owned(),
                })
            }));
            ControlFlow::Continue(())
        })
        .await?;
    nodes.sort_by(|a, b| (&a.name, &a.node_type).cmp(&(&b.name, &b.node_type)));
    nodes.dedup();
    Ok(nodes)
}

/// Whether a node named `name` is among the ECS nodes (Fargate preferred, as Express runs there).
pub fn arrival(nodes: &[NodeRef], name: &str) -> SpanArrival {
    let mut matches: Vec<&NodeRef> = nodes.iter().filter(|n| n.name == name).collect();
    matches.sort_by_key(|n| n.node_type != "AWS::ECS::Fargate");
    SpanArrival {
        arriving: !matches.is_empty(),
        window_seconds: WINDOW_SECONDS,
        node: matches.first().map(|n| (*n).clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_arrivals() {
        let node = |name: &str, node_type: &str| NodeRef {
            name: name.into(),
            node_type: node_type.into(),
        };
        let nodes = [
            node("search", "AWS::ECS::Container"),
            node("search", "AWS::ECS::Fargate"),
            node("api", "AWS::ECS::EC2"),
        ];
        let check = |name: &str, expect: Option<&str>| {
            let arrival = arrival(&nodes, name);
            assert_eq!(arrival.arriving, expect.is_some(), "{name}");
            assert_eq!(
                arrival.node.map(|n| n.node_type).as_deref(),
                expect,
                "{name}"
            );
            assert_eq!(arrival.window_seconds, 900);
        };
        check("search", Some("AWS::ECS::Fargate"));
        check("api", Some("AWS::ECS::EC2"));
        check("cart", None);
        assert!(is_ecs_type("AWS::ECS::Fargate") && !is_ecs_type("AWS::AppRunner::Service"));
    }
}
