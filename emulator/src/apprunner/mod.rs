//! The App Runner API (awsJson1_0): services, their operations and observability configurations.

mod arn;
mod input;
mod observability;
mod seed;
mod services;
mod shapes;
mod state;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;

use crate::clock::Clock;
use crate::protocol::{AwsError, AwsResult, parse_body};
pub(crate) use arn::resource_id;
pub use state::ServiceStatus;
use state::{ConfigRevision, RegionState};

/// The reserved name of the configuration App Runner provides in every region.
pub const DEFAULT_CONFIGURATION: &str = "DefaultConfiguration";

#[derive(Clone, Debug)]
pub struct AppRunnerOptions {
    /// How long UpdateService, PauseService and ResumeService stay OPERATION_IN_PROGRESS.
    pub operation_seconds: f64,
    pub account_id: String,
}

/// A service a scenario installs.
#[derive(Clone, Debug)]
pub struct ServiceSeed {
    pub region: String,
    pub name: String,
    pub tracing_enabled: bool,
    /// RUNNING when left out.
    pub status: Option<ServiceStatus>,
    pub instance_role_arn: Option<String>,
}

#[derive(Clone)]
pub struct AppRunner {
    inner: Arc<Inner>,
}

struct Inner {
    clock: Clock,
    options: AppRunnerOptions,
    regions: Mutex<HashMap<String, RegionState>>,
}

/// What an operation handler works on: one region's state at one instant.
pub(crate) struct Ctx<'a> {
    pub region: &'a str,
    pub account: &'a str,
    pub now: f64,
    pub operation_seconds: f64,
    pub state: &'a mut RegionState,
}

impl AppRunner {
    pub fn new(clock: Clock, options: AppRunnerOptions) -> Self {
        Self {
            inner: Arc::new(Inner {
                clock,
                options,
                regions: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Serves one call; `operation` is the part of `X-Amz-Target` after `AppRunner.`.
    pub fn handle(&self, region: &str, operation: &str, body: &[u8]) -> AwsResult<Value> {
        self.with_region(region, |ctx| match operation {
            "ListServices" => services::list(ctx, parse_body(body)?),
            "DescribeService" => services::describe(ctx, parse_body(body)?),
            "UpdateService" => services::update(ctx, parse_body(body)?),
            "PauseService" => services::pause(ctx, parse_body(body)?),
            "ResumeService" => services::resume(ctx, parse_body(body)?),
            "ListOperations" => services::list_operations(ctx, parse_body(body)?),
            "CreateObservabilityConfiguration" => observability::create(ctx, parse_body(body)?),
            "ListObservabilityConfigurations" => observability::list(ctx, parse_body(body)?),
            "DescribeObservabilityConfiguration" => observability::describe(ctx, parse_body(body)?),
            "DeleteObservabilityConfiguration" => observability::delete(ctx, parse_body(body)?),
            other => Err(AwsError::unknown_operation(format!(
                "The emulator does not implement the App Runner operation '{other}'"
            ))),
        })
    }

    /// Installs a RUNNING (or the given status) service created a week ago; returns its ARN.
    /// Installing a name twice returns the existing service.
    pub fn add_service(&self, seed: ServiceSeed) -> String {
        let region = seed.region.clone();
        self.with_region(&region, |ctx| seed::install(ctx, &seed))
    }

    /// What the service's app emits now: true when its settled observability is enabled and it
    /// is not paused. Unknown services emit nothing.
    pub fn tracing_enabled(&self, region: &str, name: &str) -> bool {
        self.with_region(region, |ctx| {
            ctx.state
                .services
                .iter()
                .any(|s| s.name == name && s.emits_traces())
        })
    }

    /// The names of the services in a region, for scenarios that generate their traffic.
    pub fn service_names(&self, region: &str) -> Vec<String> {
        self.with_region(region, |ctx| {
            ctx.state.services.iter().map(|s| s.name.clone()).collect()
        })
    }

    fn with_region<T>(&self, region: &str, f: impl FnOnce(&mut Ctx<'_>) -> T) -> T {
        let now = self.inner.clock.now();
        let account = &self.inner.options.account_id;
        let mut regions = self
            .inner
            .regions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let state = regions
            .entry(region.to_owned())
            .or_insert_with(|| new_region(region, account, now));
        state.settle(now);
        f(&mut Ctx {
            region,
            account,
            now,
            operation_seconds: self.inner.options.operation_seconds,
            state,
        })
    }
}

/// Like AWS, every region starts with the default observability configuration (X-Ray tracing).
fn new_region(region: &str, account: &str, now: f64) -> RegionState {
    let id = arn::resource_id(&[region, DEFAULT_CONFIGURATION, "1"]);
    RegionState {
        services: Vec::new(),
        configs: vec![ConfigRevision {
            name: DEFAULT_CONFIGURATION.to_owned(),
            revision: 1,
            arn: arn::observability_arn(region, account, DEFAULT_CONFIGURATION, 1, &id),
            traces: true,
            created_at: now,
            deleted_at: None,
        }],
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
