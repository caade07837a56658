//! ECS Express Mode services beside App Runner ones: what the services list, the service page,
//! the tracing change and its progress add for them.
//!
//! Express Mode has no tracing switch. Tracing is the app's OpenTelemetry export (reference
//! `ecs-express.md` §4), so runtrace reports two things: whether the configuration sets it up
//! ([`SetupState`], read from the environment) and whether X-Ray actually receives spans
//! ([`SpanArrival`], from the service graph). A service still exporting to `localhost:4317`
//! (App Runner's collector, absent on Express) is "configured" but receives nothing.

use serde::{Deserialize, Serialize};

use super::TransactionSearch;

use super::aws_enum::aws_enum;

/// Which AWS service runs a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    #[default]
    AppRunner,
    EcsExpress,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 2] = [ServiceKind::AppRunner, ServiceKind::EcsExpress];

    /// The wire form, also the `kind=` query value of the service routes.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::AppRunner => "app_runner",
            ServiceKind::EcsExpress => "ecs_express",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// For people: "App Runner", "ECS Express".
    pub fn label(self) -> &'static str {
        match self {
            ServiceKind::AppRunner => "App Runner",
            ServiceKind::EcsExpress => "ECS Express",
        }
    }
}

aws_enum! {
    /// `ExpressGatewayServiceStatus.statusCode`.
    ExpressStatus {
        Active => "ACTIVE",
        Draining => "DRAINING",
        Inactive => "INACTIVE",
    }
}

aws_enum! {
    /// `ServiceDeployment.status`.
    DeploymentStatus {
        Pending => "PENDING",
        InProgress => "IN_PROGRESS",
        Successful => "SUCCESSFUL",
        Stopped => "STOPPED",
        StopRequested => "STOP_REQUESTED",
        RollbackRequested => "ROLLBACK_REQUESTED",
        RollbackInProgress => "ROLLBACK_IN_PROGRESS",
        RollbackSuccessful => "ROLLBACK_SUCCESSFUL",
        RollbackFailed => "ROLLBACK_FAILED",
    }
}

impl DeploymentStatus {
    /// Whether the deployment has ended. Unknown statuses count as running, so a poller keeps
    /// going until it sees one it understands.
    pub fn is_finished(&self) -> bool {
        matches!(
            self,
            Self::Successful | Self::Stopped | Self::RollbackSuccessful | Self::RollbackFailed
        )
    }

    pub fn rolled_back(&self) -> bool {
        matches!(
            self,
            Self::RollbackRequested
                | Self::RollbackInProgress
                | Self::RollbackSuccessful
                | Self::RollbackFailed
        )
    }
}

/// What the configuration says about tracing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetupState {
    /// The environment exports traces over OTLP (to X-Ray or to a collector).
    Configured,
    /// No OpenTelemetry export in the environment, or it is switched off.
    NotConfigured,
    /// The settings are out of sight (an own task definition, secrets, the image).
    Unknown,
}

impl SetupState {
    pub fn label(self) -> &'static str {
        match self {
            SetupState::Configured => "configured",
            SetupState::NotConfigured => "not configured",
            SetupState::Unknown => "unknown",
        }
    }
}

/// Where the configured exporter sends spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exporter {
    /// `https://xray.<region>.amazonaws.com/v1/traces`, signed by the ADOT SDK.
    XrayOtlp,
    /// A collector on localhost: needs a collector sidecar, which Express does not add (App
    /// Runner's built-in collector was one; spans sent there on Express are lost).
    LocalCollector,
    /// Some other collector.
    Other,
}

/// The tracing setup read from a configuration (reference §4, "Detecting set up").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TracingSetup {
    pub state: SetupState,
    #[serde(default)]
    pub exporter: Option<Exporter>,
    /// The traces endpoint the SDK would use, when the environment names one.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Whether runtrace's own change is in place (so turning tracing off can undo it).
    #[serde(default)]
    pub set_by_runtrace: bool,
    /// What stands in the way of spans arriving, for a person (no task role, the localhost trap).
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// Whether X-Ray received spans of the service recently: a node of its name and an ECS type in
/// the service graph of the last [`SpanArrival::window_seconds`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanArrival {
    pub arriving: bool,
    pub window_seconds: u32,
    /// The node that matched, for the map and trace links.
    #[serde(default)]
    pub node: Option<NodeRef>,
}

/// A service-map node: what `?node=` and `service(id(name: …, type: …))` need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeRef {
    pub name: String,
    #[serde(rename = "type")]
    pub node_type: String,
}

/// The list's extra columns for an Express service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpressSummary {
    /// The cluster's name.
    pub cluster: String,
    pub status: ExpressStatus,
    #[serde(default)]
    pub status_reason: Option<String>,
    /// The active configuration's ingress endpoint with its scheme (`https://…`).
    #[serde(default)]
    pub url: Option<String>,
    /// The newest deployment; `None` when it could not be read.
    #[serde(default)]
    pub deployment: Option<DeploymentBrief>,
    /// `None` when the configuration could not be read.
    #[serde(default)]
    pub setup: Option<TracingSetup>,
    /// `None` when X-Ray could not be asked.
    #[serde(default)]
    pub spans: Option<SpanArrival>,
}

/// One deployment (ListServiceDeployments).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeploymentBrief {
    /// The last part of the ARN: the operation id the progress route takes.
    pub id: String,
    pub arn: String,
    pub status: DeploymentStatus,
    #[serde(default)]
    pub status_reason: Option<String>,
    #[serde(default)]
    pub created_at: Option<f64>,
    #[serde(default)]
    pub started_at: Option<f64>,
    #[serde(default)]
    pub finished_at: Option<f64>,
    #[serde(default)]
    pub target_revision_arn: Option<String>,
}

/// An environment variable of the primary container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvVar {
    pub name: String,
    pub value: String,
}

/// The configuration serving (or being deployed) as the service page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpressConfiguration {
    #[serde(default)]
    pub revision_arn: Option<String>,
    #[serde(default)]
    pub created_at: Option<f64>,
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub container_port: Option<i32>,
    #[serde(default)]
    pub cpu: Option<String>,
    #[serde(default)]
    pub memory: Option<String>,
    #[serde(default)]
    pub health_check_path: Option<String>,
    #[serde(default)]
    pub scaling: Option<Scaling>,
    #[serde(default)]
    pub execution_role_arn: Option<String>,
    #[serde(default)]
    pub task_role_arn: Option<String>,
    #[serde(default)]
    pub task_definition_arn: Option<String>,
    /// The service brings its own task definition (then its containers are not shown here).
    #[serde(default)]
    pub own_task_definition: bool,
    /// The `OTEL_*` variables only: the rest of the environment may hold anything.
    #[serde(default)]
    pub otel_environment: Vec<EnvVar>,
    /// Names of the secrets the container reads (their values never leave AWS).
    #[serde(default)]
    pub secret_names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scaling {
    #[serde(default)]
    pub min_tasks: Option<i32>,
    #[serde(default)]
    pub max_tasks: Option<i32>,
    #[serde(default)]
    pub metric: Option<String>,
    #[serde(default)]
    pub target_value: Option<i32>,
}

/// One variable a tracing change sets or removes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvChange {
    pub name: String,
    /// `None`: the variable was absent.
    #[serde(default)]
    pub from: Option<String>,
    /// `None`: the variable is removed.
    #[serde(default)]
    pub to: Option<String>,
}

/// What turning tracing on or off would do to an Express service, shown before asking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TracingChangePlan {
    /// The changes of turning tracing on, or why it cannot be (`refused`).
    #[serde(default)]
    pub turn_on: Vec<EnvChange>,
    #[serde(default)]
    pub turn_on_refused: Option<String>,
    #[serde(default)]
    pub turn_off: Vec<EnvChange>,
    #[serde(default)]
    pub turn_off_refused: Option<String>,
}

/// The service page's extra part for an Express service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpressDetail {
    #[serde(default)]
    pub infrastructure_role_arn: Option<String>,
    /// The newest active configuration (the one being deployed while a deployment runs).
    #[serde(default)]
    pub configuration: Option<ExpressConfiguration>,
    /// How many configurations have tasks: 2 while a deployment shifts traffic.
    #[serde(default)]
    pub active_configurations: usize,
    /// Recent deployments, newest first.
    #[serde(default)]
    pub deployments: Vec<DeploymentBrief>,
    #[serde(default)]
    pub plan: Option<TracingChangePlan>,
    /// `None` when X-Ray could not be asked.
    #[serde(default)]
    pub transaction_search: Option<TransactionSearch>,
}

/// Added to the `202` of a tracing change on an Express service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpressChange {
    pub deployment_arn: String,
    pub changes: Vec<EnvChange>,
    #[serde(default)]
    pub transaction_search: Option<TransactionSearch>,
}

/// Added to an operation's progress for an Express deployment (DescribeServiceDeployments).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeploymentProgress {
    pub status: DeploymentStatus,
    #[serde(default)]
    pub status_reason: Option<String>,
    /// ECS's `lifecycleStage`, e.g. `PRODUCTION_TRAFFIC_SHIFT`.
    #[serde(default)]
    pub stage: Option<String>,
    /// The new configuration's share of production traffic, in percent (5 during the canary).
    #[serde(default)]
    pub target_weight: Option<f64>,
    /// Why the deployment rolled back, when it did.
    #[serde(default)]
    pub rollback_reason: Option<String>,
}

/// "configured, spans arriving", "configured, no spans arriving in the last 15 min", "not configured", …:
/// the list's tracing cell for an Express service.
pub fn tracing_label(setup: Option<&TracingSetup>, spans: Option<&SpanArrival>) -> String {
    let setup = setup.map_or("unknown", |s| s.state.label());
    match spans {
        Some(spans) if spans.arriving => format!("{setup}, spans arriving"),
        Some(spans) => format!(
            "{setup}, no spans arriving in the last {} min",
            spans.window_seconds / 60
        ),
        None => setup.to_owned(),
    }
}
