//! Amazon ECS (awsJson1_1, `X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Op>`), as far as
//! Express Mode services need it: clusters, Express services with their configurations
//! (revisions) and canary deployments, and the list calls that find them.
//!
//! Express services have no tracing switch: whether one sends spans follows the OpenTelemetry
//! environment of the configuration that serves ([`otel`]), so a scenario asks [`Ecs::traced`]
//! before it emits a service's segments.

mod arn;
mod deployment;
mod deployments;
mod errors;
mod express;
mod input;
mod listing;
mod otel;
mod seed;
mod settings;
mod shapes;
mod state;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use rand::SeedableRng;
use rand::rngs::SmallRng;
use serde_json::Value;

use crate::clock::Clock;
use crate::faults::Faults;
use crate::protocol::{AwsResult, parse_body};
pub use errors::{server as server_error, throttling};
pub use otel::Export;
use state::RegionState;

/// The cluster Express creates when a create names none.
pub const DEFAULT_CLUSTER: &str = "default";

#[derive(Clone, Debug)]
pub struct EcsOptions {
    /// How long a deployment takes from creation to SUCCESSFUL (and a delete to INACTIVE).
    pub deployment_seconds: f64,
    pub account_id: String,
}

/// An Express service a scenario installs, deployed a week ago.
#[derive(Clone, Debug)]
pub struct ExpressSeed {
    pub region: String,
    pub name: String,
    pub image: String,
    /// The primary container's environment, in order.
    pub environment: Vec<(String, String)>,
    pub task_role_arn: Option<String>,
}

/// Where the tasks of a traced Express service run: what the ECS resource detector reports
/// and the X-Ray exporter writes into each segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TracedTask {
    pub service_arn: String,
    pub cluster_arn: String,
    pub task_arn: String,
    pub task_family: String,
    pub container_id: String,
    pub availability_zone: String,
}

#[derive(Clone)]
pub struct Ecs {
    inner: Arc<Inner>,
}

struct Inner {
    clock: Clock,
    options: EcsOptions,
    faults: Faults,
    regions: Mutex<HashMap<String, RegionState>>,
    rng: Mutex<SmallRng>,
}

/// What an operation handler works on: one region's state at one instant.
pub(crate) struct Ctx<'a> {
    pub region: &'a str,
    pub account: &'a str,
    pub now: f64,
    pub deployment_seconds: f64,
    /// Whether deployments started now roll back (the `rollback_deployments` fault).
    pub rollback: bool,
    pub state: &'a mut RegionState,
    pub rng: &'a mut SmallRng,
}

impl Ecs {
    pub fn new(clock: Clock, faults: Faults, options: EcsOptions, seed: u64) -> Self {
        Self {
            inner: Arc::new(Inner {
                clock,
                options,
                faults,
                regions: Mutex::new(HashMap::new()),
                rng: Mutex::new(SmallRng::seed_from_u64(seed)),
            }),
        }
    }

    /// Serves one call; `operation` is the part of `X-Amz-Target` after the service's prefix.
    pub fn handle(&self, region: &str, operation: &str, body: &[u8]) -> AwsResult<Value> {
        self.with_region(region, |ctx| match operation {
            "ListClusters" => listing::list_clusters(ctx, parse_body(body)?),
            "ListServices" => listing::list_services(ctx, parse_body(body)?),
            "CreateExpressGatewayService" => express::create(ctx, parse_body(body)?),
            "DescribeExpressGatewayService" => express::describe(ctx, parse_body(body)?),
            "UpdateExpressGatewayService" => express::update(ctx, parse_body(body)?),
            "DeleteExpressGatewayService" => express::delete(ctx, parse_body(body)?),
            "ListServiceDeployments" => deployments::list(ctx, parse_body(body)?),
            "DescribeServiceDeployments" => deployments::describe(ctx, parse_body(body)?),
            other => Err(errors::unknown_operation(other)),
        })
    }

    /// Installs an ACTIVE Express service in the `default` cluster, deployed a week ago; returns
    /// its ARN. Installing a name twice returns the existing service.
    pub fn add_express_service(&self, seed: ExpressSeed) -> String {
        let region = seed.region.clone();
        self.with_region(&region, |ctx| seed::install(ctx, &seed))
    }

    /// Where the service's spans go now, from the configuration that serves all its traffic;
    /// `None` for a service that does not exist or has no serving configuration.
    pub fn export(&self, region: &str, name: &str) -> Option<Export> {
        self.with_region(region, |ctx| {
            let teardown = ctx.deployment_seconds;
            let service = ctx.state.services.iter().find(|s| {
                s.name == name && s.lifecycle(ctx.now, teardown) == state::Lifecycle::Active
            })?;
            Some(otel::export(&service.serving(ctx.now)?.settings, region))
        })
    }

    /// The task a service's segments come from, when its spans reach X-Ray now.
    pub fn traced(&self, region: &str, name: &str) -> Option<TracedTask> {
        if !self.export(region, name)?.reaches_xray() {
            return None;
        }
        self.with_region(region, |ctx| seed::traced_task(ctx, name))
    }

    /// The service's endpoint host (its URL without the scheme).
    pub fn endpoint(&self, region: &str, name: &str) -> Option<String> {
        self.with_region(region, |ctx| {
            ctx.state
                .services
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.endpoint.clone())
        })
    }

    fn with_region<T>(&self, region: &str, f: impl FnOnce(&mut Ctx<'_>) -> T) -> T {
        let now = self.inner.clock.now();
        let rollback = self.inner.faults.config().rollback_deployments;
        let mut regions = self
            .inner
            .regions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut rng = self
            .inner
            .rng
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let state = regions.entry(region.to_owned()).or_default();
        f(&mut Ctx {
            region,
            account: &self.inner.options.account_id,
            now,
            deployment_seconds: self.inner.options.deployment_seconds,
            rollback,
            state,
            rng: &mut rng,
        })
    }
}

#[cfg(test)]
mod tests;
