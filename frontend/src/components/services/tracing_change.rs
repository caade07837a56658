//! The tracing change as one async step: ask for it, then follow its operation to the end.

use leptos::prelude::*;
use shared::api::OperationProgress;

use crate::api::{self, ApiFailure};
use crate::browser::sleep_ms;
use crate::model::services::{ChangeOutcome, outcome_of, refusal_message};

/// How often the operation is polled.
const POLL_MILLIS: i32 = 1_000;
/// Real deployments take minutes; past half an hour something is wrong, and the service page
/// still shows the operation.
const MAX_POLLS: u32 = 1_800;
/// Poll failures in a row before giving up: one dropped request must not end the wait.
const MAX_POLL_FAILURES: u32 = 5;

/// Which service to change, and to what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TracingRequest {
    pub region: String,
    pub name: String,
    pub enable: bool,
}

/// Starts the change and polls until the operation finishes, writing each poll into `progress`.
/// `Err` is a message for a person: the refusal, or why following the operation failed.
pub async fn change_tracing(
    request: TracingRequest,
    progress: RwSignal<Option<OperationProgress>>,
) -> Result<ChangeOutcome, String> {
    let TracingRequest {
        region,
        name,
        enable,
    } = request;
    let accepted = api::set_tracing(&region, &name, enable)
        .await
        .map_err(|failure| explain(&name, &failure))?;
    let mut failures = 0;
    for _ in 0..MAX_POLLS {
        sleep_ms(POLL_MILLIS).await;
        match api::operation(&region, &name, &accepted.operation_id).await {
            Ok(answer) => {
                failures = 0;
                if let Some(outcome) = outcome_of(&answer, enable) {
                    progress.try_set(Some(answer));
                    return Ok(outcome);
                }
                progress.try_set(Some(answer));
            }
            Err(failure) if failures + 1 < MAX_POLL_FAILURES => {
                failures += 1;
                leptos::logging::warn!("polling operation {}: {failure}", accepted.operation_id);
            }
            Err(failure) => {
                return Err(format!(
                    "Lost track of the change: {failure}. Reload to see where it got."
                ));
            }
        }
    }
    Err(
        "The change is taking more than half an hour; open the service page to follow it."
            .to_owned(),
    )
}

fn explain(name: &str, failure: &ApiFailure) -> String {
    match failure {
        ApiFailure::Rejected { error, .. } => refusal_message(name, &error.code, &error.message),
        other => other.to_string(),
    }
}
