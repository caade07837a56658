//! X-Ray's `TraceSummary` → the trace list's row.

use std::collections::BTreeMap;

use aws_sdk_xray::types as sdk;
use shared::api::{
    AnnotationValue, HttpSummary, RootCause, RootCauseEntity, RootCauseException, RootCauseService,
    ServiceId, TraceSummary,
};

pub fn trace_summary(summary: &sdk::TraceSummary) -> Option<TraceSummary> {
    Some(TraceSummary {
        id: summary.id()?.to_owned(),
        start_time: summary.start_time().map_or(0.0, |t| t.as_secs_f64()),
        duration: summary.duration(),
        response_time: summary.response_time(),
        has_fault: summary.has_fault().unwrap_or(false),
        has_error: summary.has_error().unwrap_or(false),
        has_throttle: summary.has_throttle().unwrap_or(false),
        is_partial: summary.is_partial().unwrap_or(false),
        http: summary.http().map(http),
        services: summary.service_ids().iter().map(service_id).collect(),
        entry_point: summary.entry_point().map(service_id),
        users: summary
            .users()
            .iter()
            .filter_map(|u| u.user_name().map(str::to_owned))
            .collect(),
        annotations: annotations(summary),
        fault_root_causes: summary
            .fault_root_causes()
            .iter()
            .map(|cause| RootCause {
                services: cause.services().iter().map(fault_service).collect(),
                client_impacting: cause.client_impacting().unwrap_or(false),
            })
            .collect(),
        error_root_causes: summary
            .error_root_causes()
            .iter()
            .map(|cause| RootCause {
                services: cause.services().iter().map(error_service).collect(),
                client_impacting: cause.client_impacting().unwrap_or(false),
            })
            .collect(),
        revision: Some(i64::from(summary.revision())),
    })
}

fn http(http: &sdk::Http) -> HttpSummary {
    HttpSummary {
        method: http.http_method().map(str::to_owned),
        url: http.http_url().map(str::to_owned),
        status: http.http_status().and_then(|s| u16::try_from(s).ok()),
        user_agent: http.user_agent().map(str::to_owned),
        client_ip: http.client_ip().map(str::to_owned),
    }
}

fn service_id(id: &sdk::ServiceId) -> ServiceId {
    ServiceId {
        name: id.name().map(str::to_owned),
        names: id.names().to_vec(),
        service_type: id.r#type().map(str::to_owned),
        account_id: id.account_id().map(str::to_owned),
    }
}

fn annotations(summary: &sdk::TraceSummary) -> BTreeMap<String, Vec<AnnotationValue>> {
    let Some(annotations) = summary.annotations() else {
        return BTreeMap::new();
    };
    annotations
        .iter()
        .map(|(key, values)| {
            let values = values
                .iter()
                .filter_map(|v| annotation_value(v.annotation_value()?))
                .collect();
            (key.clone(), values)
        })
        .collect()
}

fn annotation_value(value: &sdk::AnnotationValue) -> Option<AnnotationValue> {
    match value {
        sdk::AnnotationValue::BooleanValue(flag) => Some(AnnotationValue::Bool(*flag)),
        sdk::AnnotationValue::NumberValue(number) => Some(AnnotationValue::Number(*number)),
        sdk::AnnotationValue::StringValue(text) => Some(AnnotationValue::String(text.clone())),
        _ => None,
    }
}

/// Fault and error root causes have identical shapes under different SDK types.
macro_rules! root_cause_service {
    ($name:ident, $service:ty) => {
        fn $name(service: &$service) -> RootCauseService {
            RootCauseService {
                name: service.name().map(str::to_owned),
                names: service.names().to_vec(),
                service_type: service.r#type().map(str::to_owned),
                account_id: service.account_id().map(str::to_owned),
                inferred: service.inferred().unwrap_or(false),
                entity_path: service
                    .entity_path()
                    .iter()
                    .map(|entity| RootCauseEntity {
                        name: entity.name().map(str::to_owned),
                        remote: entity.remote().unwrap_or(false),
                        exceptions: entity.exceptions().iter().map(exception).collect(),
                    })
                    .collect(),
            }
        }
    };
}

root_cause_service!(fault_service, sdk::FaultRootCauseService);
root_cause_service!(error_service, sdk::ErrorRootCauseService);

fn exception(exception: &sdk::RootCauseException) -> RootCauseException {
    RootCauseException {
        name: exception.name().map(str::to_owned),
        message: exception.message().map(str::to_owned),
    }
}
