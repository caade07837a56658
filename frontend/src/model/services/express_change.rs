//! The tracing change of an ECS Express service in words: the question (the variables it sets,
//! what else tracing needs, whether Transaction Search is on) and the canary deployment's stage.
//! The App Runner switch's [`super::tracing_change`] dispatches here; the rest is shared.

use shared::api::{
    DeploymentProgress, DestinationStatus, EnvChange, ExpressDetail, TraceSegmentDestination,
    TransactionSearch,
};

use super::service_ref::ServiceRef;
use super::tracing_change::Confirmation;

pub fn confirmation(
    service: &ServiceRef,
    enable: bool,
    express: Option<&ExpressDetail>,
) -> Confirmation {
    let name = &service.name;
    let title = format!(
        "Turn tracing {} for {name}?",
        if enable { "on" } else { "off" }
    );
    let plan = express.and_then(|express| express.plan.as_ref());
    let (changes, refused) = match plan {
        Some(plan) if enable => (&plan.turn_on[..], plan.turn_on_refused.clone()),
        Some(plan) => (&plan.turn_off[..], plan.turn_off_refused.clone()),
        None => (
            &[][..],
            Some(format!("{name}'s configuration could not be read")),
        ),
    };
    if let Some(refused) = refused {
        return Confirmation {
            title,
            body: vec![format!("runtrace cannot change this: {refused}.")],
            ..Default::default()
        };
    }
    let deploy = format!(
        "ECS deploys a new configuration of {name}: a canary takes part of the traffic first, \
         then all of it if its alarms stay quiet (a failing canary rolls back). {name} keeps \
         serving meanwhile; no other change can be made to it until the deployment ends."
    );
    let list = changes.iter().map(change_line).collect();
    if !enable {
        return Confirmation {
            title,
            body: vec![deploy, "It restores these variables:".to_owned()],
            list,
            notes: vec![format!(
                "{name} stops sending traces: it disappears from the service map and from new \
                 traces. A variable changed by someone else since is left as it is."
            )],
            confirm: Some("Turn tracing off".to_owned()),
        };
    }
    let task_role = express
        .and_then(|e| e.configuration.as_ref())
        .and_then(|c| c.task_role_arn.clone());
    let role = match task_role {
        Some(arn) => format!(
            "The task role ({arn}) needs X-Ray write access: AWSXrayWriteOnlyAccess, plus \
             xray:PutSpans for the OTLP endpoint."
        ),
        None => format!(
            "{name} has no task role: the ADOT SDK cannot sign its exports until it has one with \
             X-Ray write access (AWSXrayWriteOnlyAccess, plus xray:PutSpans)."
        ),
    };
    let search = express.and_then(|e| e.transaction_search.as_ref());
    Confirmation {
        title,
        body: vec![
            deploy,
            "It sets these variables of the app's container (the rest of its configuration is \
             sent unchanged):"
                .to_owned(),
        ],
        list,
        notes: vec![
            "The image must contain ADOT auto-instrumentation (the AWS Distro for OpenTelemetry \
             agent or SDK for the app's language): these variables configure it, they do not \
             add it."
                .to_owned(),
            role,
            transaction_search_line(&service.region, search),
        ],
        confirm: Some("Turn tracing on".to_owned()),
    }
}

/// The variable in which runtrace records its change (each variable's value before and after).
const RECORD: &str = "RUNTRACE_TRACING";

/// `OTEL_TRACES_EXPORTER=otlp`, `OTEL_PROPAGATORS=xray (was tracecontext)`, `remove X (was v)`;
/// runtrace's own record is named, not printed (it repeats the other lines as JSON).
pub fn change_line(change: &EnvChange) -> String {
    let name = &change.name;
    if name == RECORD {
        return match change.to {
            Some(_) => format!(
                "{RECORD}: runtrace's record of this change, so that turning tracing off \
                 removes exactly what it added"
            ),
            None => format!("remove {RECORD}, runtrace's record of the change"),
        };
    }
    match (&change.from, &change.to) {
        (None, Some(to)) => format!("{name}={to}"),
        (Some(from), Some(to)) => format!("{name}={to} (was {from})"),
        (Some(from), None) => format!("remove {name} (was {from})"),
        (None, None) => format!("{name} stays unset"),
    }
}

/// Whether X-Ray's OTLP endpoint takes spans in `region`: it needs Transaction Search, which
/// runtrace reports but does not switch on (no route of its own changes account settings).
pub fn transaction_search_line(region: &str, search: Option<&TransactionSearch>) -> String {
    let how = "Turn it on in the CloudWatch console (Settings, Transaction Search) or with \
               `aws xray update-trace-segment-destination --destination CloudWatchLogs`; \
               runtrace does not change it.";
    match search {
        Some(search) if search.all_spans => {
            format!("Transaction Search is on in {region}: X-Ray's OTLP endpoint takes the spans.")
        }
        Some(search)
            if search.destination == TraceSegmentDestination::CloudWatchLogs
                && search.status == DestinationStatus::Pending =>
        {
            format!(
                "Transaction Search is being turned on in {region} (PENDING): X-Ray's OTLP \
                 endpoint takes spans once it is ACTIVE."
            )
        }
        Some(search) => format!(
            "Transaction Search is off in {region} (traces go to {}): X-Ray's OTLP endpoint \
             refuses spans until it is on. {how}",
            search.destination
        ),
        None => format!(
            "Whether Transaction Search is on in {region} could not be read; X-Ray's OTLP \
             endpoint needs it. {how}"
        ),
    }
}

/// An Express deployment's stage in words, or why it rolls back.
pub fn stage_words(deployment: &DeploymentProgress) -> Option<String> {
    if deployment.status.rolled_back() {
        return deployment
            .rollback_reason
            .clone()
            .or_else(|| deployment.status_reason.clone());
    }
    let stage = deployment.stage.as_deref()?;
    let weight = deployment.target_weight.unwrap_or(0.0);
    Some(match stage {
        "RECONCILE_SERVICE" => "preparing the new configuration".to_owned(),
        "PRE_SCALE_UP" | "SCALE_UP" | "POST_SCALE_UP" => "starting the new tasks".to_owned(),
        "TEST_TRAFFIC_SHIFT" | "POST_TEST_TRAFFIC_SHIFT" => "test traffic to the new tasks".into(),
        "PRODUCTION_TRAFFIC_SHIFT" if weight < 100.0 => format!(
            "canary: {} % of traffic on the new configuration",
            (weight.max(0.0) * 10.0).round() / 10.0
        ),
        "PRODUCTION_TRAFFIC_SHIFT" | "POST_PRODUCTION_TRAFFIC_SHIFT" => {
            "all traffic on the new configuration".to_owned()
        }
        "BAKE_TIME" => "bake time: all traffic on the new configuration, alarms watched".into(),
        "CLEAN_UP" => "stopping the old tasks".to_owned(),
        other => other.to_lowercase().replace('_', " "),
    })
}

#[cfg(test)]
#[path = "express_change_tests.rs"]
mod tests;
