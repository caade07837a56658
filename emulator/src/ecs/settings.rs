//! What an Express service is configured with: the members CreateExpressGatewayService and
//! UpdateExpressGatewayService share, which come back in `activeConfigurations` entries. Parsed
//! and written in the API's own JSON form (camelCase, absent members left out).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::errors::invalid_parameter;
use crate::protocol::AwsResult;

/// ECS's Fargate CPU units.
const CPU_UNITS: &[&str] = &["256", "512", "1024", "2048", "4096", "8192", "16384"];
const SCALING_METRICS: &[&str] = &["AVERAGE_CPU", "AVERAGE_MEMORY", "REQUEST_COUNT_PER_TARGET"];
const ARCHITECTURES: &[&str] = &["X86_64", "ARM64"];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_role_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_role_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_definition_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu_architecture: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_configuration: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_container: Option<Container>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scaling_target: Option<ScalingTarget>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_port: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aws_logs_configuration: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository_credentials: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<Vec<Variable>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secrets: Option<Value>,
}

/// A `KeyValuePair` of the container's environment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variable {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScalingTarget {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_task_count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_task_count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_scaling_metric: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_scaling_target_value: Option<i64>,
}

impl Settings {
    /// The environment variable `name` of the primary container, if set.
    pub fn variable(&self, name: &str) -> Option<&str> {
        self.primary_container
            .as_ref()?
            .environment
            .as_ref()?
            .iter()
            .find(|v| v.name.as_deref() == Some(name))
            .and_then(|v| v.value.as_deref())
    }

    /// Fills what ECS fills when a create leaves it out (the API's defaults, which differ from
    /// the console's: 256 CPU units, 512 MiB, `/ping`, port 80, the `awslogs` group Express
    /// creates). An own task definition carries its own values.
    pub fn with_defaults(mut self, cluster: &str, name: &str, log_suffix: &str) -> Self {
        if self.task_definition_arn.is_some() {
            return self;
        }
        self.cpu.get_or_insert_with(|| "256".into());
        self.memory.get_or_insert_with(|| "512".into());
        self.cpu_architecture.get_or_insert_with(|| "X86_64".into());
        self.health_check_path.get_or_insert_with(|| "/ping".into());
        let scaling = self
            .scaling_target
            .get_or_insert_with(ScalingTarget::default);
        scaling.min_task_count.get_or_insert(1);
        scaling.max_task_count.get_or_insert(20);
        scaling
            .auto_scaling_metric
            .get_or_insert_with(|| "AVERAGE_CPU".into());
        scaling.auto_scaling_target_value.get_or_insert(60);
        if let Some(container) = &mut self.primary_container {
            container.container_port.get_or_insert(80);
            container.aws_logs_configuration.get_or_insert_with(|| {
                serde_json::json!({
                    "logGroup": format!("/aws/ecs/{cluster}/{name}-{log_suffix}"),
                    "logStreamPrefix": "ecs"
                })
            });
        }
        self
    }

    /// This configuration with the members an update gives replacing the current ones; members
    /// left out stay. An own task definition and the members it excludes replace each other.
    pub fn updated_with(&self, update: Settings) -> Settings {
        let mut next = self.clone();
        let own_definition = update.task_definition_arn.is_some();
        let managed = update.primary_container.is_some()
            || update.execution_role_arn.is_some()
            || update.cpu.is_some()
            || update.memory.is_some();
        replace(&mut next.execution_role_arn, update.execution_role_arn);
        replace(&mut next.task_role_arn, update.task_role_arn);
        replace(&mut next.task_definition_arn, update.task_definition_arn);
        replace(&mut next.cpu, update.cpu);
        replace(&mut next.memory, update.memory);
        replace(&mut next.cpu_architecture, update.cpu_architecture);
        replace(
            &mut next.network_configuration,
            update.network_configuration,
        );
        replace(&mut next.health_check_path, update.health_check_path);
        replace(&mut next.primary_container, update.primary_container);
        replace(&mut next.scaling_target, update.scaling_target);
        if own_definition {
            next.primary_container = None;
            next.execution_role_arn = None;
            next.task_role_arn = None;
            next.cpu = None;
            next.memory = None;
            next.cpu_architecture = None;
        } else if managed {
            next.task_definition_arn = None;
        }
        next
    }

    /// The checks ECS makes before it accepts a configuration.
    pub fn validate(&self) -> AwsResult<()> {
        if self.task_definition_arn.is_some() {
            let excluded = [
                ("primaryContainer", self.primary_container.is_some()),
                ("executionRoleArn", self.execution_role_arn.is_some()),
                ("taskRoleArn", self.task_role_arn.is_some()),
                ("cpu", self.cpu.is_some()),
                ("memory", self.memory.is_some()),
                ("cpuArchitecture", self.cpu_architecture.is_some()),
            ];
            if let Some((member, _)) = excluded.iter().find(|(_, given)| *given) {
                return Err(invalid_parameter(format!(
                    "{member} cannot be specified together with taskDefinitionArn."
                )));
            }
        } else {
            if self.execution_role_arn.is_none() {
                return Err(invalid_parameter(
                    "executionRoleArn is required unless taskDefinitionArn is given.",
                ));
            }
            let image = self
                .primary_container
                .as_ref()
                .and_then(|c| c.image.as_deref());
            if image.is_none_or(str::is_empty) {
                return Err(invalid_parameter(
                    "primaryContainer.image is required unless taskDefinitionArn is given.",
                ));
            }
        }
        for (member, role) in [
            ("executionRoleArn", &self.execution_role_arn),
            ("taskRoleArn", &self.task_role_arn),
        ] {
            if let Some(role) = role {
                role_arn(member, role)?;
            }
        }
        self.check_sizes()?;
        if let Some(container) = &self.primary_container {
            check_container(container)?;
        }
        if let Some(scaling) = &self.scaling_target {
            check_scaling(scaling)?;
        }
        Ok(())
    }

    fn check_sizes(&self) -> AwsResult<()> {
        if let Some(cpu) = &self.cpu
            && !CPU_UNITS.contains(&cpu.as_str())
        {
            return Err(invalid_parameter(format!(
                "cpu '{cpu}' is not a Fargate size; use one of {}.",
                CPU_UNITS.join(", ")
            )));
        }
        if let Some(memory) = &self.memory
            && !memory
                .parse::<u32>()
                .is_ok_and(|mib| (512..=122_880).contains(&mib))
        {
            return Err(invalid_parameter(format!(
                "memory '{memory}' must be a number of MiB between 512 and 122880."
            )));
        }
        if let Some(architecture) = &self.cpu_architecture
            && !ARCHITECTURES.contains(&architecture.as_str())
        {
            return Err(invalid_parameter(format!(
                "cpuArchitecture '{architecture}' must be X86_64 or ARM64."
            )));
        }
        if let Some(path) = &self.health_check_path
            && !path.starts_with('/')
        {
            return Err(invalid_parameter(format!(
                "healthCheckPath '{path}' must start with '/'."
            )));
        }
        Ok(())
    }
}

/// `arn:aws:iam::<12 digits>:role/<path and name>`.
pub fn role_arn(member: &str, arn: &str) -> AwsResult<()> {
    let valid = arn
        .strip_prefix("arn:aws:iam::")
        .and_then(|rest| rest.split_once(":role/"))
        .is_some_and(|(account, name)| {
            account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) && !name.is_empty()
        });
    if valid {
        Ok(())
    } else {
        Err(invalid_parameter(format!(
            "{member} '{arn}' is not an IAM role ARN."
        )))
    }
}

fn check_container(container: &Container) -> AwsResult<()> {
    if container.image.as_deref().is_none_or(str::is_empty) {
        return Err(invalid_parameter("primaryContainer.image is required."));
    }
    if let Some(port) = container.container_port
        && !(1..=65_535).contains(&port)
    {
        return Err(invalid_parameter(format!(
            "primaryContainer.containerPort {port} must be between 1 and 65535."
        )));
    }
    for variable in container.environment.iter().flatten() {
        if variable.name.as_deref().is_none_or(str::is_empty) {
            return Err(invalid_parameter(
                "Every primaryContainer.environment entry needs a name.",
            ));
        }
    }
    Ok(())
}

fn check_scaling(scaling: &ScalingTarget) -> AwsResult<()> {
    if let Some(metric) = &scaling.auto_scaling_metric
        && !SCALING_METRICS.contains(&metric.as_str())
    {
        return Err(invalid_parameter(format!(
            "scalingTarget.autoScalingMetric '{metric}' must be one of {}.",
            SCALING_METRICS.join(", ")
        )));
    }
    let (min, max) = (scaling.min_task_count, scaling.max_task_count);
    if min.is_some_and(|n| n < 0) || max.is_some_and(|n| n < 1) {
        return Err(invalid_parameter(
            "scalingTarget task counts must be at least 0 (minimum) and 1 (maximum).",
        ));
    }
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        return Err(invalid_parameter(format!(
            "scalingTarget.minTaskCount {min} is above maxTaskCount {max}."
        )));
    }
    if scaling.auto_scaling_target_value.is_some_and(|v| v < 1) {
        return Err(invalid_parameter(
            "scalingTarget.autoScalingTargetValue must be positive.",
        ));
    }
    Ok(())
}

/// An update's member replaces the current one only when given.
fn replace<T>(slot: &mut Option<T>, given: Option<T>) {
    if given.is_some() {
        *slot = given;
    }
}
