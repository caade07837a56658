//! The tracing change as async steps: the question (an Express service's needs its current plan),
//! then the change, followed to the end of its operation (App Runner's, or ECS's deployment).

use leptos::prelude::*;
use shared::api::OperationProgress;

use crate::api::{self, ApiFailure};
use crate::browser::sleep_ms;
use crate::model::services::{
    ChangeOutcome, Confirmation, ServiceRef, confirmation, outcome_of, refusal_message,
};

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
    pub service: ServiceRef,
    pub enable: bool,
}

/// The confirmation for an Express service, built from its page's current plan (the variables
/// the change would set) and Transaction Search's state. `Err` says why it could not be read.
pub async fn express_question(service: ServiceRef, enable: bool) -> Result<Confirmation, String> {
    let detail = api::service(&service)
        .await
        .map_err(|failure| format!("Could not read {}: {failure}", service.name))?;
    Ok(confirmation(&service, enable, detail.express.as_ref()))
}

/// Starts the change and polls until the operation finishes, writing each poll into `progress`.
/// `Err` is a message for a person: the refusal, or why following the operation failed.
pub async fn change_tracing(
    request: TracingRequest,
    progress: RwSignal<Option<OperationProgress>>,
) -> Result<ChangeOutcome, String> {
    let TracingRequest { service, enable } = request;
    let accepted = api::set_tracing(&service, enable)
        .await
        .map_err(|failure| explain(&service.name, &failure))?;
    let mut failures = 0;
    for _ in 0..MAX_POLLS {
        sleep_ms(POLL_MILLIS).await;
        match api::operation(&service, &accepted.operation_id).await {
            Ok(answer) => {
                failures = 0;
                if let Some(outcome) = outcome_of(&answer, enable, service.platform()) {
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
