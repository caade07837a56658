//! App Runner and ECS Express services: `GET /api/v1/services`,
//! `GET /api/v1/services/{region}/{name}` and `PUT /api/v1/services/{region}/{name}/tracing`.
//! Express services carry their own part ([`super::express`]) beside the fields both kinds share.

use serde::{Deserialize, Serialize};

use super::aws_enum::aws_enum;
use super::express::{
    DeploymentProgress, ExpressChange, ExpressDetail, ExpressSummary, ServiceKind,
};
use super::operations::Operation;

aws_enum! {
    /// App Runner's `Service.Status`. An Express service maps onto it: `ACTIVE` is `RUNNING`
    /// (`OPERATION_IN_PROGRESS` while a deployment runs), `INACTIVE` is `DELETED`, `DRAINING`
    /// stays itself; its own status is in [`ExpressSummary::status`].
    ServiceStatus {
        Running => "RUNNING",
        OperationInProgress => "OPERATION_IN_PROGRESS",
        Paused => "PAUSED",
        CreateFailed => "CREATE_FAILED",
        Deleted => "DELETED",
        DeleteFailed => "DELETE_FAILED",
    }
}

aws_enum! {
    /// An observability configuration revision's `Status`.
    ObservabilityStatus {
        Active => "ACTIVE",
        Inactive => "INACTIVE",
    }
}

/// A service's tracing state, from `Service.ObservabilityConfiguration`. For an Express
/// service, `enabled` says its configuration exports to X-Ray's OTLP endpoint (what turning
/// tracing on sets up); the finer state is in [`ExpressSummary::setup`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracing {
    pub enabled: bool,
    /// Set only while tracing is enabled.
    #[serde(default)]
    pub configuration_arn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub region: String,
    pub name: String,
    /// App Runner's service id; `{cluster}/{name}` for an Express service.
    pub id: String,
    pub arn: String,
    /// The service's host name, without a scheme (as App Runner returns it).
    #[serde(default)]
    pub url: Option<String>,
    pub status: ServiceStatus,
    /// Epoch seconds.
    pub created_at: f64,
    /// Epoch seconds.
    pub updated_at: f64,
    /// `None` when DescribeService failed for this service, so its tracing state is unknown.
    #[serde(default)]
    pub tracing: Option<Tracing>,
    #[serde(default)]
    pub kind: ServiceKind,
    /// Set for Express services only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub express: Option<ExpressSummary>,
    /// Only in the quick list (`GET /api/v1/services?describe=known`): the service as its
    /// listing shows it, its description still being read. `tracing` is then not known *yet*
    /// (not unknown), and an Express service's status, URL and setup too; the full list has
    /// them. Absent (false) in every full answer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pending: bool,
}

impl ServiceList {
    /// Whether some row is still being described (only a quick list has such rows).
    pub fn pending(&self) -> bool {
        self.services.iter().any(|service| service.pending)
    }
}

/// Every service in every configured region; a region that failed is listed in `failures`
/// instead of failing the whole list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ServiceList {
    pub services: Vec<ServiceSummary>,
    #[serde(default)]
    pub failures: Vec<RegionFailure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionFailure {
    pub region: String,
    /// The kind of services that could not be listed; `None`: the whole region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ServiceKind>,
    /// One of [`super::codes`].
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceDetail {
    pub service: ServiceSummary,
    /// The instance role needs X-Ray write permissions for traces to appear.
    #[serde(default)]
    pub instance_role_arn: Option<String>,
    /// The observability configuration in use; `None` when tracing is off.
    #[serde(default)]
    pub observability: Option<ObservabilityConfiguration>,
    /// Recent operations, newest first (an Express service's deployments, as operations).
    #[serde(default)]
    pub operations: Vec<Operation>,
    /// Set for Express services only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub express: Option<ExpressDetail>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObservabilityConfiguration {
    pub arn: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub revision: Option<i64>,
    /// The trace vendor; `AWSXRAY` is the only one AWS has.
    #[serde(default)]
    pub vendor: Option<String>,
    #[serde(default)]
    pub status: Option<ObservabilityStatus>,
    /// Whether this is the latest revision of its name.
    #[serde(default)]
    pub latest: Option<bool>,
}

/// Body of `PUT /api/v1/services/{region}/{name}/tracing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTracingRequest {
    pub enabled: bool,
}

/// The `202 Accepted` answer to [`SetTracingRequest`]: poll the operation until it finishes.
/// For an Express service the operation is its deployment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetTracingAccepted {
    pub operation_id: String,
    pub service_arn: String,
    /// Set for Express services only: the deployment and the variables changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub express: Option<ExpressChange>,
}

/// `GET /api/v1/services/{region}/{name}/operations/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationProgress {
    pub operation: Operation,
    pub service_status: ServiceStatus,
    /// The tracing state read back from the service once the operation has finished, to confirm
    /// the change took effect; `None` while it runs.
    #[serde(default)]
    pub tracing: Option<Tracing>,
    /// Set for Express deployments only: the stage, the canary's share, a rollback's reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment: Option<DeploymentProgress>,
}
