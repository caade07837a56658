//! What a person is told about a tracing change: the question before, the progress during, and
//! the outcome or refusal after.

use shared::api::{ExpressDetail, OperationProgress, OperationStatus, ServiceKind, codes};

use super::express_change;
use super::service_ref::ServiceRef;

/// The confirmation dialog's heading, text and button.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Confirmation {
    pub title: String,
    /// Paragraphs before the list.
    pub body: Vec<String>,
    /// What the change sets, one line each (an Express service's variables).
    pub list: Vec<String>,
    /// Paragraphs after the list.
    pub notes: Vec<String>,
    /// The confirm button; `None` when the change cannot be made (the body says why).
    pub confirm: Option<String>,
}

/// The question before turning tracing on (`enable`) or off. An Express service's needs its
/// page's `express` part: the variables the change sets and whether Transaction Search is on.
pub fn confirmation(
    service: &ServiceRef,
    enable: bool,
    express: Option<&ExpressDetail>,
) -> Confirmation {
    match service.kind {
        ServiceKind::AppRunner => app_runner_confirmation(&service.name, enable),
        ServiceKind::EcsExpress => express_change::confirmation(service, enable, express),
    }
}

fn app_runner_confirmation(name: &str, enable: bool) -> Confirmation {
    let redeploy = format!(
        "App Runner redeploys {name} to apply the change. That takes a few minutes; the service \
         keeps serving meanwhile, but no other change can be made to it until the deployment ends."
    );
    if enable {
        Confirmation {
            title: format!("Turn tracing on for {name}?"),
            body: vec![
                redeploy,
                "Traces appear only if the application is instrumented with the AWS Distro for \
                 OpenTelemetry (ADOT) and its instance role allows X-Ray writes \
                 (xray:PutTraceSegments, xray:PutTelemetryRecords)."
                    .to_owned(),
            ],
            confirm: Some("Turn tracing on".to_owned()),
            ..Default::default()
        }
    } else {
        Confirmation {
            title: format!("Turn tracing off for {name}?"),
            body: vec![
                redeploy,
                format!(
                    "{name} stops sending traces: it disappears from the service map and from new traces."
                ),
            ],
            confirm: Some("Turn tracing off".to_owned()),
            ..Default::default()
        }
    }
}

/// How a finished operation ended, as far as tracing is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeOutcome {
    /// The service reports the tracing state that was asked for.
    Applied { enabled: bool },
    /// The operation failed, rolled back, or the service reads back another state.
    Failed(String),
}

/// `None` while the operation runs; its outcome once it has finished. `platform` deploys it
/// ("App Runner", "ECS").
pub fn outcome_of(
    progress: &OperationProgress,
    wanted: bool,
    platform: &str,
) -> Option<ChangeOutcome> {
    let status = &progress.operation.status;
    if !status.is_finished() {
        return None;
    }
    if !status.succeeded() {
        let reason = progress.deployment.as_ref().and_then(|d| {
            d.rollback_reason
                .clone()
                .or_else(|| d.status_reason.clone())
        });
        return Some(ChangeOutcome::Failed(match reason {
            Some(reason) => format!(
                "the deployment ended with {status} ({}); {platform} kept the previous configuration",
                reason.trim().trim_end_matches('.')
            ),
            None => format!(
                "the deployment ended with {status}; {platform} kept the previous configuration"
            ),
        }));
    }
    Some(match &progress.tracing {
        Some(tracing) if tracing.enabled == wanted => ChangeOutcome::Applied { enabled: wanted },
        Some(tracing) => ChangeOutcome::Failed(format!(
            "the deployment succeeded but the service reports tracing {}",
            on_off(tracing.enabled)
        )),
        None => ChangeOutcome::Failed(
            "the deployment succeeded but the service's tracing state could not be read back; reload to check".to_owned(),
        ),
    })
}

/// One line while the change runs, in words and with the time it has taken so far
/// (`seconds` since it was asked for): `Deploying… 40 s`, or, before `platform` starts it,
/// `Waiting for App Runner… 3 s`; an Express deployment adds its stage
/// (`Deploying… 12 s · canary: 5 % of traffic on the new configuration`) or why it rolls back.
pub fn progress_text(progress: &OperationProgress, seconds: f64, platform: &str) -> String {
    let rolling_back = progress.operation.status == OperationStatus::RollbackInProgress
        || progress
            .deployment
            .as_ref()
            .is_some_and(|d| d.status.rolled_back());
    let what = match progress.operation.status {
        _ if rolling_back => "Rolling back".to_owned(),
        OperationStatus::Pending => format!("Waiting for {platform}"),
        _ => "Deploying".to_owned(),
    };
    let seconds = seconds.max(0.0).floor() as u64;
    let taken = match seconds {
        0..=59 => format!("{seconds} s"),
        _ => format!("{} min {:02} s", seconds / 60, seconds % 60),
    };
    match progress
        .deployment
        .as_ref()
        .and_then(express_change::stage_words)
    {
        Some(stage) => format!("{what}… {taken} · {stage}"),
        None => format!("{what}… {taken}"),
    }
}

/// What to tell a person whose change was refused, from the backend's error code and message.
pub fn refusal_message(name: &str, code: &str, message: &str) -> String {
    match code {
        codes::SERVICE_BUSY => format!(
            "{name} cannot change now: {message}. Wait until its current operation ends (or resume it if it is paused), then try again."
        ),
        codes::FORBIDDEN => {
            format!("You may not change tracing: {message}. Ask for the operator role.")
        }
        codes::READ_ONLY => format!("This runtrace is read-only: {message}."),
        codes::UNAUTHORIZED => format!("Not signed in or the credentials expired: {message}."),
        codes::NOT_FOUND => format!("{name} no longer exists: {message}."),
        _ => format!("The change was refused: {message}."),
    }
}

fn on_off(enabled: bool) -> &'static str {
    if enabled { "on" } else { "off" }
}

#[cfg(test)]
mod tests {
    use shared::api::{Operation, OperationKind, OperationStatus, ServiceStatus, Tracing};

    use super::*;

    fn progress(status: &str, tracing: Option<bool>) -> OperationProgress {
        OperationProgress {
            operation: Operation {
                id: "op".into(),
                kind: OperationKind::UpdateService,
                status: OperationStatus::from(status),
                target_arn: None,
                started_at: Some(1.0),
                ended_at: None,
                updated_at: None,
            },
            service_status: ServiceStatus::Running,
            tracing: tracing.map(|enabled| Tracing {
                enabled,
                configuration_arn: None,
            }),
            deployment: None,
        }
    }

    #[test]
    fn finished_operations_have_an_outcome() {
        let check = |status: &str, tracing: Option<bool>, wanted: bool, expect: Option<&str>| {
            let outcome =
                outcome_of(&progress(status, tracing), wanted, "App Runner").map(|outcome| {
                    match outcome {
                        ChangeOutcome::Applied { enabled } => format!("applied {enabled}"),
                        ChangeOutcome::Failed(why) => why,
                    }
                });
            assert_eq!(outcome.as_deref(), expect, "{status} {tracing:?} {wanted}");
        };
        check("IN_PROGRESS", None, true, None);
        check("PENDING", None, true, None);
        check("SUCCEEDED", Some(true), true, Some("applied true"));
        check("SUCCEEDED", Some(false), false, Some("applied false"));
        check(
            "SUCCEEDED",
            Some(false),
            true,
            Some("the deployment succeeded but the service reports tracing off"),
        );
        check(
            "ROLLBACK_SUCCEEDED",
            Some(false),
            true,
            Some(
                "the deployment ended with ROLLBACK_SUCCEEDED; App Runner kept the previous configuration",
            ),
        );
        assert!(matches!(
            outcome_of(&progress("SUCCEEDED", None), true, "App Runner"),
            Some(ChangeOutcome::Failed(_))
        ));
    }

    #[test]
    fn refusals_say_what_to_do() {
        let check = |code: &str, expect: &str| {
            assert_eq!(refusal_message("api", code, "why"), expect, "{code}")
        };
        check(
            codes::SERVICE_BUSY,
            "api cannot change now: why. Wait until its current operation ends (or resume it if it is paused), then try again.",
        );
        check(
            codes::FORBIDDEN,
            "You may not change tracing: why. Ask for the operator role.",
        );
        check(codes::READ_ONLY, "This runtrace is read-only: why.");
        check("teapot", "The change was refused: why.");
    }

    #[test]
    fn the_confirmation_says_what_happens() {
        let api = ServiceRef::app_runner("us-east-1", "api");
        let on = confirmation(&api, true, None);
        assert_eq!(on.title, "Turn tracing on for api?");
        assert!(on.body.iter().any(|line| line.contains("redeploys api")));
        assert!(
            on.body
                .iter()
                .any(|line| line.contains("ADOT") && line.contains("xray:PutTraceSegments"))
        );
        let off = confirmation(&api, false, None);
        assert_eq!(off.confirm.as_deref(), Some("Turn tracing off"));
        assert!(off.body.iter().any(|line| line.contains("service map")));
    }

    #[test]
    fn progress_is_said_in_words_with_the_time_taken() {
        let check = |status: &str, seconds: f64, expect: &str| {
            assert_eq!(
                progress_text(&progress(status, None), seconds, "App Runner"),
                expect
            );
        };
        check("IN_PROGRESS", 40.4, "Deploying… 40 s");
        check("IN_PROGRESS", 125.0, "Deploying… 2 min 05 s");
        check("PENDING", 3.0, "Waiting for App Runner… 3 s");
        check("ROLLBACK_IN_PROGRESS", 61.0, "Rolling back… 1 min 01 s");
        check("IN_PROGRESS", -1.0, "Deploying… 0 s");
    }
}
