//! Building blocks of the shop's call trees: services calling each other, DynamoDB, S3, SQS,
//! PostgreSQL on RDS and external HTTP APIs, and how failures travel back up.

use rand::Rng;
use rand::rngs::SmallRng;

use super::call::{AwsCall, AwsResource, Call, RemoteCall, SqlCall, Target};

/// Incidents on a six-minute cycle, so an unattended kiosk always has something to show.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Incidents {
    /// Minute 1–2: the catalog's table answers slowly.
    pub catalog_slow: bool,
    /// Minute 3–4: the payments provider fails half of its calls.
    pub payments_down: bool,
    /// Minute 4.5–5.5: the inventory table throttles.
    pub inventory_throttled: bool,
}

impl Incidents {
    pub fn at(epoch: f64) -> Self {
        let phase = epoch.rem_euclid(360.0);
        Self {
            catalog_slow: (60.0..120.0).contains(&phase),
            payments_down: (180.0..240.0).contains(&phase),
            inventory_throttled: (270.0..330.0).contains(&phase),
        }
    }
}

pub(crate) fn dynamo(
    operation: &'static str,
    table: &str,
    rng: &mut SmallRng,
    slow: bool,
    throttled: bool,
) -> Target {
    let throttled = throttled && rng.random_bool(0.6);
    let duration = if slow {
        rng.random_range(1.2..2.5)
    } else {
        rng.random_range(0.003..0.025)
    };
    Target::Aws(AwsCall {
        service: "DynamoDB",
        operation,
        resource: AwsResource::Table(table.to_owned()),
        duration,
        status: if throttled { 400 } else { 200 },
        exception: throttled.then(|| {
            (
                "ProvisionedThroughputExceededException".into(),
                "The level of configured provisioned throughput for the table was exceeded".into(),
            )
        }),
    })
}

pub(crate) fn aws(
    service: &'static str,
    operation: &'static str,
    resource: AwsResource,
    rng: &mut SmallRng,
) -> Target {
    Target::Aws(AwsCall {
        service,
        operation,
        resource,
        duration: rng.random_range(0.005..0.04),
        status: 200,
        exception: None,
    })
}

pub(crate) fn sql(query: &'static str, rng: &mut SmallRng) -> Target {
    Target::Sql(SqlCall {
        name: "orders@orders-db.cluster-c9akciq32.us-east-1.rds.amazonaws.com".into(),
        url:
            "jdbc:postgresql://orders-db.cluster-c9akciq32.us-east-1.rds.amazonaws.com:5432/orders"
                .into(),
        query,
        duration: rng.random_range(0.002..0.03),
        fault: rng.random_bool(0.003),
    })
}

pub(crate) fn remote(
    host: &str,
    method: &'static str,
    path: &str,
    status: u16,
    rng: &mut SmallRng,
) -> Target {
    Target::Remote(RemoteCall {
        host: host.to_owned(),
        method,
        url: format!("https://{host}{path}"),
        status,
        duration: rng.random_range(0.08..0.35),
    })
}

pub(crate) fn service(call: Call) -> Target {
    Target::Service(Box::new(call))
}

/// Finishes a call and answers as real services do when a dependency failed: a throttled or
/// failed dependency makes this call fail with 500 (or 429 when it was throttled itself and
/// passes that on), naming the dependency in the exception.
pub(crate) fn settle(call: Call, rng: &mut SmallRng) -> Call {
    let call = call.finish(rng.random_range(0.002..0.012));
    if call.status >= 400 {
        return call;
    }
    match call.worst_downstream_status() {
        0 => call,
        status if status >= 500 => call.fail(
            500,
            (
                "DependencyFailureException",
                "a downstream call failed with a server error",
            ),
        ),
        400 | 429 => call.fail(
            429,
            (
                "ThrottlingException",
                "a downstream dependency is throttling requests",
            ),
        ),
        _ => call.fail(
            502,
            ("BadGatewayException", "a downstream call was refused"),
        ),
    }
}
