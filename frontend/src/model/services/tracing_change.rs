//! What a person is told about a tracing change: the question before, the progress during, and
//! the outcome or refusal after.

use shared::api::{OperationProgress, OperationStatus, codes};

/// The confirmation dialog's heading, text and button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    pub title: String,
    pub body: Vec<String>,
    pub confirm: String,
}

pub fn confirmation(name: &str, enable: bool) -> Confirmation {
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
            confirm: "Turn tracing on".to_owned(),
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
            confirm: "Turn tracing off".to_owned(),
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

/// `None` while the operation runs; its outcome once it has finished.
pub fn outcome_of(progress: &OperationProgress, wanted: bool) -> Option<ChangeOutcome> {
    let status = &progress.operation.status;
    if !status.is_finished() {
        return None;
    }
    if !status.succeeded() {
        return Some(ChangeOutcome::Failed(format!(
            "the deployment ended with {status}; App Runner kept the previous configuration"
        )));
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
/// (`seconds` since it was asked for): `Deploying… 40 s`, or, before App Runner starts it,
/// `Waiting for App Runner… 3 s`.
pub fn progress_text(progress: &OperationProgress, seconds: f64) -> String {
    let what = match progress.operation.status {
        OperationStatus::Pending => "Waiting for App Runner",
        OperationStatus::RollbackInProgress => "Rolling back",
        _ => "Deploying",
    };
    let seconds = seconds.max(0.0).floor() as u64;
    let taken = match seconds {
        0..=59 => format!("{seconds} s"),
        _ => format!("{} min {:02} s", seconds / 60, seconds % 60),
    };
    format!("{what}… {taken}")
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
                outcome_of(&progress(status, tracing), wanted).map(|outcome| match outcome {
                    ChangeOutcome::Applied { enabled } => format!("applied {enabled}"),
                    ChangeOutcome::Failed(why) => why,
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
            outcome_of(&progress("SUCCEEDED", None), true),
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
        let on = confirmation("api", true);
        assert_eq!(on.title, "Turn tracing on for api?");
        assert!(on.body.iter().any(|line| line.contains("redeploys api")));
        assert!(
            on.body
                .iter()
                .any(|line| line.contains("ADOT") && line.contains("xray:PutTraceSegments"))
        );
        let off = confirmation("api", false);
        assert_eq!(off.confirm, "Turn tracing off");
        assert!(off.body.iter().any(|line| line.contains("service map")));
    }

    #[test]
    fn progress_is_said_in_words_with_the_time_taken() {
        let check = |status: &str, seconds: f64, expect: &str| {
            assert_eq!(progress_text(&progress(status, None), seconds), expect);
        };
        check("IN_PROGRESS", 40.4, "Deploying… 40 s");
        check("IN_PROGRESS", 125.0, "Deploying… 2 min 05 s");
        check("PENDING", 3.0, "Waiting for App Runner… 3 s");
        check("ROLLBACK_IN_PROGRESS", 61.0, "Rolling back… 1 min 01 s");
        check("IN_PROGRESS", -1.0, "Deploying… 0 s");
    }
}
