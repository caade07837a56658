//! The `aws` block, `origin` and `service` (reference §9–10; the Collector's `makeAws`,
//! `determineAwsOrigin`, `makeService`). Span attributes describe an AWS SDK call (operation,
//! region, request id, queue, table); resource attributes describe where the code runs (the
//! platform's `ec2`/`ecs`/`eks`/`elastic_beanstalk` objects, the account, the SDK, log groups).

use std::collections::BTreeMap;

use serde_json::{Value, json};
use shared::trace::{Aws, ServiceInfo};

use super::attrs::{self, Attrs};

/// Span keys the block consumes. `messaging.url` and `aws.dynamodb.table_names` are read too
/// but stay in metadata, as the Collector leaves them.
const CONSUMED: &[&str] = &[
    "aws.operation",
    "rpc.method",
    "aws.account_id",
    "aws.region",
    "aws.request_id",
    "aws.requestId",
    "aws.queue_url",
    "aws.queue.url",
    "aws.table_name",
    "aws.table.name",
];

/// The block (absent when the resource runs on another cloud) and the attributes left.
pub(super) fn block<'a>(attrs: Attrs<'a>, resource: &Attrs<'_>) -> (Option<Aws>, Attrs<'a>) {
    let rest = attrs.without(CONSUMED);
    if resource
        .str("cloud.provider")
        .is_some_and(|cloud| cloud != "aws")
    {
        return (None, rest);
    }
    let owned = |text: Option<&str>| text.map(str::to_owned);
    let mut table_name = owned(attrs.first_str(&["aws.table_name", "aws.table.name"]));
    let mut other = BTreeMap::new();
    if let Some(tables) = attrs.get("aws.dynamodb.table_names") {
        match attrs::strings(tables).as_slice() {
            [] => {}
            [one] => table_name = Some((*one).to_owned()),
            many => {
                table_name = None;
                other.insert("table_names".to_owned(), json!(many));
            }
        }
    }
    platform(resource, &mut other);
    let aws = Aws {
        operation: owned(attrs.first_str(&["aws.operation", "rpc.method"])),
        account_id: owned(
            attrs
                .str("aws.account_id")
                .or_else(|| resource.str("cloud.account.id")),
        ),
        region: owned(attrs.str("aws.region")),
        request_id: owned(attrs.first_str(&["aws.request_id", "aws.requestId"])),
        queue_url: owned(
            attrs
                .str("messaging.url")
                .or_else(|| attrs.first_str(&["aws.queue_url", "aws.queue.url"])),
        ),
        table_name,
        other,
    };
    (Some(aws), rest)
}

/// The platform objects from resource attributes; `xray` (the SDK) is always written.
fn platform(resource: &Attrs<'_>, out: &mut BTreeMap<String, Value>) {
    let platform = resource.str("cloud.platform").unwrap_or_default();
    let host_id = resource.str("host.id");
    let zone = resource.str("cloud.availability_zone");
    if platform == "aws_ec2" || host_id.is_some() {
        out.insert(
            "ec2".into(),
            object(&[
                ("instance_id", host_id),
                ("availability_zone", zone),
                ("instance_size", resource.str("host.type")),
                ("ami_id", resource.str("host.image.id")),
            ]),
        );
    }
    if platform == "aws_ecs" {
        out.insert(
            "ecs".into(),
            object(&[
                ("container", resource.str("container.name")),
                ("container_id", resource.str("container.id")),
                ("availability_zone", zone),
                ("container_arn", resource.str("aws.ecs.container.arn")),
                ("cluster_arn", resource.str("aws.ecs.cluster.arn")),
                ("task_arn", resource.str("aws.ecs.task.arn")),
                ("task_family", resource.str("aws.ecs.task.family")),
                ("launch_type", resource.str("aws.ecs.launchtype")),
            ]),
        );
    }
    let instance = resource.str("service.instance.id");
    if platform == "aws_elastic_beanstalk" && instance.is_some() {
        let mut beanstalk = object(&[
            ("environment_name", resource.str("service.namespace")),
            ("version_label", resource.str("service.version")),
        ]);
        let deployment = instance.and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
        beanstalk["deployment_id"] = json!(deployment);
        out.insert("elastic_beanstalk".into(), beanstalk);
    }
    let cluster = resource.str("k8s.cluster.name");
    if platform == "aws_eks" || cluster.is_some() {
        out.insert(
            "eks".into(),
            object(&[
                ("cluster_name", cluster),
                ("pod", resource.str("k8s.pod.name")),
                ("container_id", resource.str("container.id")),
            ]),
        );
    }
    if let Some(groups) = log_groups(resource) {
        out.insert("cloudwatch_logs".into(), groups);
    }
    out.insert("xray".into(), sdk(resource));
}

/// `{"sdk": "opentelemetry for python", "sdk_version": …, "auto_instrumentation": …}`.
fn sdk(resource: &Attrs<'_>) -> Value {
    let name = resource.str("telemetry.sdk.name");
    let sdk = match (name, resource.str("telemetry.sdk.language")) {
        (Some(name), Some(language)) => Some(format!("{name} for {language}")),
        (name, _) => name.map(str::to_owned),
    };
    let auto = resource.contains("telemetry.auto.version")
        || resource.contains("telemetry.distro.version");
    let mut xray = object(&[
        ("sdk", sdk.as_deref()),
        ("sdk_version", resource.str("telemetry.sdk.version")),
    ]);
    xray["auto_instrumentation"] = json!(auto);
    xray
}

/// Log groups by ARN (the name is the ARN's 7th field) or by name; a string holds several
/// separated by `&`, as `OTEL_RESOURCE_ATTRIBUTES` can only carry strings.
fn log_groups(resource: &Attrs<'_>) -> Option<Value> {
    let split = |key| {
        let values = resource.get(key).map(attrs::strings).unwrap_or_default();
        values
            .into_iter()
            .flat_map(|v| v.split('&'))
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
    };
    let arns = split("aws.log.group.arns");
    let groups: Vec<Value> = if !arns.is_empty() {
        arns.iter()
            .map(|arn| {
                let name = arn.split(':').nth(6).unwrap_or(arn);
                json!({ "log_group": name, "arn": arn })
            })
            .collect()
    } else {
        split("aws.log.group.names")
            .iter()
            .map(|name| json!({ "log_group": name }))
            .collect()
    };
    (!groups.is_empty()).then_some(Value::Array(groups))
}

/// An object of the fields that have values.
fn object(fields: &[(&str, Option<&str>)]) -> Value {
    Value::Object(
        fields
            .iter()
            .filter_map(|(key, value)| Some(((*key).to_owned(), json!((*value)?))))
            .collect(),
    )
}

/// A local root's service segment describes the service, not the call it made.
pub(super) fn drop_call_fields(aws: &mut Aws) {
    aws.operation = None;
    aws.account_id = None;
    aws.region = None;
    aws.request_id = None;
    aws.queue_url = None;
    aws.table_name = None;
    aws.other.remove("table_names");
}

/// X-Ray's platform name from `cloud.platform`, for AWS resources only.
pub(super) fn origin(resource: &Attrs<'_>) -> Option<&'static str> {
    if resource.is_empty()
        || resource
            .str("cloud.provider")
            .is_some_and(|cloud| cloud != "aws")
    {
        return None;
    }
    Some(match resource.str("cloud.platform")? {
        "aws_app_runner" => "AWS::AppRunner::Service",
        "aws_eks" => "AWS::EKS::Container",
        "aws_elastic_beanstalk" => "AWS::ElasticBeanstalk::Environment",
        "aws_ec2" => "AWS::EC2::Instance",
        "aws_ecs" => match resource.str("aws.ecs.launchtype") {
            Some("ec2") => "AWS::ECS::EC2",
            Some("fargate") => "AWS::ECS::Fargate",
            _ => "AWS::ECS::Container",
        },
        _ => return None,
    })
}

/// `service.version`, else the container image's tag.
pub(super) fn service(resource: &Attrs<'_>) -> Option<ServiceInfo> {
    let version = resource.first_str(&["service.version", "container.image.tag"])?;
    Some(ServiceInfo {
        version: Some(version.to_owned()),
    })
}
