//! App Runner SDK shapes → `shared::api` types.

use aws_sdk_apprunner::types as sdk;
use aws_smithy_types::DateTime;
use shared::api::{
    ObservabilityConfiguration, ObservabilityStatus, Operation, OperationKind, OperationStatus,
    ServiceKind, ServiceStatus, ServiceSummary, Tracing,
};

pub fn epoch(time: &DateTime) -> f64 {
    time.as_secs_f64()
}

/// A ListServices entry; `None` when AWS left out the name, id or ARN (never seen, but the
/// model marks them optional). Its tracing state is unknown until DescribeService.
pub fn listed_service(region: &str, listed: &sdk::ServiceSummary) -> Option<ServiceSummary> {
    Some(ServiceSummary {
        region: region.to_owned(),
        name: listed.service_name()?.to_owned(),
        id: listed.service_id()?.to_owned(),
        arn: listed.service_arn()?.to_owned(),
        url: listed.service_url().map(str::to_owned),
        status: listed
            .status()
            .map_or(ServiceStatus::Other(String::new()), |s| s.as_str().into()),
        created_at: listed.created_at().map_or(0.0, epoch),
        updated_at: listed.updated_at().map_or(0.0, epoch),
        tracing: None,
        pending: false,
        kind: ServiceKind::AppRunner,
        express: None,
    })
}

/// A DescribeService answer, tracing state included.
pub fn described_service(region: &str, service: &sdk::Service) -> ServiceSummary {
    ServiceSummary {
        region: region.to_owned(),
        name: service.service_name().to_owned(),
        id: service.service_id().to_owned(),
        arn: service.service_arn().to_owned(),
        url: service.service_url().map(str::to_owned),
        status: service.status().as_str().into(),
        created_at: epoch(service.created_at()),
        updated_at: epoch(service.updated_at()),
        tracing: Some(tracing(service)),
        pending: false,
        kind: ServiceKind::AppRunner,
        express: None,
    }
}

pub fn tracing(service: &sdk::Service) -> Tracing {
    let observability = service.observability_configuration();
    let enabled = observability.is_some_and(|o| o.observability_enabled());
    Tracing {
        enabled,
        configuration_arn: observability
            .filter(|_| enabled)
            .and_then(|o| o.observability_configuration_arn())
            .map(str::to_owned),
    }
}

pub fn operation(summary: &sdk::OperationSummary) -> Option<Operation> {
    Some(Operation {
        id: summary.id()?.to_owned(),
        kind: summary
            .r#type()
            .map_or(OperationKind::Other(String::new()), |t| t.as_str().into()),
        status: summary
            .status()
            .map_or(OperationStatus::Other(String::new()), |s| s.as_str().into()),
        target_arn: summary.target_arn().map(str::to_owned),
        started_at: summary.started_at().map(epoch),
        ended_at: summary.ended_at().map(epoch),
        updated_at: summary.updated_at().map(epoch),
    })
}

pub fn observability(
    configuration: &sdk::ObservabilityConfiguration,
) -> Option<ObservabilityConfiguration> {
    Some(ObservabilityConfiguration {
        arn: configuration.observability_configuration_arn()?.to_owned(),
        name: configuration
            .observability_configuration_name()
            .map(str::to_owned),
        revision: Some(i64::from(
            configuration.observability_configuration_revision(),
        )),
        vendor: configuration
            .trace_configuration()
            .map(|t| t.vendor().as_str().to_owned()),
        status: configuration
            .status()
            .map(|s| ObservabilityStatus::from(s.as_str())),
        latest: Some(configuration.latest()),
    })
}
