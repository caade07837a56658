//! The JSON shapes App Runner returns. Every member the model marks required is present, so both
//! the Rust SDK and botocore parse them without complaint.

use serde_json::{Map, Value, json};

use super::state::{ConfigRevision, OperationRecord, RegionState, ServiceRecord};

/// The configuration members of a freshly deployed container-image service.
pub fn default_members(
    region: &str,
    account: &str,
    name: &str,
    instance_role_arn: Option<&str>,
    now: f64,
) -> Map<String, Value> {
    let mut instance = json!({ "Cpu": "1024", "Memory": "2048" });
    if let Some(role) = instance_role_arn {
        instance["InstanceRoleArn"] = json!(role);
    }
    let members = json!({
        "SourceConfiguration": {
            "ImageRepository": {
                "ImageIdentifier": format!("{account}.dkr.ecr.{region}.amazonaws.com/{name}:latest"),
                "ImageConfiguration": { "Port": "8080" },
                "ImageRepositoryType": "ECR"
            },
            "AutoDeploymentsEnabled": false,
            "AuthenticationConfiguration": {
                "AccessRoleArn": format!("arn:aws:iam::{account}:role/service-role/AppRunnerECRAccessRole")
            }
        },
        "InstanceConfiguration": instance,
        "HealthCheckConfiguration": {
            "Protocol": "TCP", "Path": "/", "Interval": 5, "Timeout": 2,
            "HealthyThreshold": 1, "UnhealthyThreshold": 5
        },
        "AutoScalingConfigurationSummary": {
            "AutoScalingConfigurationArn": format!(
                "arn:aws:apprunner:{region}:{account}:autoscalingconfiguration/DefaultConfiguration/1/00000000000000000000000000000001"
            ),
            "AutoScalingConfigurationName": "DefaultConfiguration",
            "AutoScalingConfigurationRevision": 1,
            "Status": "ACTIVE",
            "CreatedAt": now,
            "HasAssociatedService": true,
            "IsDefault": true
        },
        "NetworkConfiguration": {
            "EgressConfiguration": { "EgressType": "DEFAULT" },
            "IngressConfiguration": { "IsPubliclyAccessible": true },
            "IpAddressType": "IPV4"
        }
    });
    match members {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

pub fn service(record: &ServiceRecord) -> Value {
    let mut value = service_summary(record);
    if let Value::Object(map) = &mut value {
        map.extend(record.members.clone());
        let mut observability = json!({ "ObservabilityEnabled": record.observability.enabled });
        if let Some(arn) = &record.observability.configuration_arn {
            observability["ObservabilityConfigurationArn"] = json!(arn);
        }
        map.insert("ObservabilityConfiguration".into(), observability);
    }
    value
}

pub fn service_summary(record: &ServiceRecord) -> Value {
    json!({
        "ServiceName": record.name,
        "ServiceId": record.id,
        "ServiceArn": record.arn,
        "ServiceUrl": record.url,
        "CreatedAt": record.created_at,
        "UpdatedAt": record.updated_at,
        "Status": record.status_name(),
    })
}

/// An operation's status follows from the clock: in progress until it ends, then succeeded.
pub fn operation(op: &OperationRecord, target_arn: &str, now: f64) -> Value {
    let mut value = json!({
        "Id": op.id,
        "Type": op.kind.as_str(),
        "TargetArn": target_arn,
        "StartedAt": op.started_at,
    });
    if now >= op.ends_at {
        value["Status"] = json!("SUCCEEDED");
        value["EndedAt"] = json!(op.ends_at);
        value["UpdatedAt"] = json!(op.ends_at);
    } else {
        value["Status"] = json!("IN_PROGRESS");
        value["UpdatedAt"] = json!(op.started_at);
    }
    value
}

pub fn observability_configuration(config: &ConfigRevision, region: &RegionState) -> Value {
    let mut value = json!({
        "ObservabilityConfigurationArn": config.arn,
        "ObservabilityConfigurationName": config.name,
        "ObservabilityConfigurationRevision": config.revision,
        "Latest": is_latest(config, region),
        "Status": if config.active() { "ACTIVE" } else { "INACTIVE" },
        "CreatedAt": config.created_at,
    });
    if config.traces {
        value["TraceConfiguration"] = json!({ "Vendor": "AWSXRAY" });
    }
    if let Some(deleted_at) = config.deleted_at {
        value["DeletedAt"] = json!(deleted_at);
    }
    value
}

pub fn observability_summary(config: &ConfigRevision) -> Value {
    json!({
        "ObservabilityConfigurationArn": config.arn,
        "ObservabilityConfigurationName": config.name,
        "ObservabilityConfigurationRevision": config.revision,
    })
}

fn is_latest(config: &ConfigRevision, region: &RegionState) -> bool {
    region
        .latest(&config.name)
        .is_some_and(|latest| latest.revision == config.revision)
}
