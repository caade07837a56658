//! One Express service's page: its configuration (image, cpu/memory, scaling, roles, the
//! OpenTelemetry environment), its recent deployments, the evidence of spans, what turning
//! tracing on or off would change, and whether Transaction Search is on.

use shared::api::{ExpressDetail, NodeRef, ServiceDetail, TracingChangePlan};

use super::listing::Listed;
use super::{calls, convert, summary, toggle};
use crate::aws::UpstreamResult;
use crate::aws::clients::RegionClients;
use crate::aws::limiter::Limiter;

pub async fn detail(
    clients: &RegionClients,
    region: &str,
    listed: &Listed,
    nodes: Option<&[NodeRef]>,
    limiter: &Limiter,
) -> UpstreamResult<ServiceDetail> {
    let client = &clients.ecs;
    let (service, deployments, transaction_search) = futures::join!(
        calls::describe(client, region, &listed.arn, limiter),
        calls::deployments(client, region, &listed.cluster, &listed.arn, limiter),
        calls::transaction_search(&clients.xray, region, limiter),
    );
    let (service, deployments) = (service?, deployments?);
    let summary = summary::summarize(region, listed, &service, Some(&deployments), nodes);
    let config = convert::newest_configuration(&service);
    let (turn_on, turn_on_refused) = split(toggle::plan_on(listed, config, region));
    let (turn_off, turn_off_refused) = split(toggle::plan_off(listed, config));
    Ok(ServiceDetail {
        instance_role_arn: config.and_then(|c| c.task_role_arn()).map(str::to_owned),
        observability: None,
        operations: deployments
            .iter()
            .map(|d| convert::operation(d, &listed.arn))
            .collect(),
        express: Some(ExpressDetail {
            infrastructure_role_arn: service.infrastructure_role_arn().map(str::to_owned),
            configuration: config.map(convert::configuration),
            active_configurations: service.active_configurations().len(),
            deployments,
            plan: Some(TracingChangePlan {
                turn_on,
                turn_on_refused,
                turn_off,
                turn_off_refused,
            }),
            transaction_search,
        }),
        service: summary,
    })
}

fn split(
    plan: Result<super::plan::Change, String>,
) -> (Vec<shared::api::EnvChange>, Option<String>) {
    match plan {
        Ok(change) => (change.changes, None),
        Err(reason) => (Vec::new(), Some(reason)),
    }
}
