//! What the services page says when it has no rows to show, and which regions failed.

use leptos::prelude::*;
use shared::api::{RegionFailure, codes};

use crate::api::ApiFailure;
use crate::components::failure_panel;
use crate::polled::Polled;

/// The page body before there is data: `waiting` while the first load runs, and why it failed,
/// with what to do about it, if it did.
pub fn placeholder<T: Send + Sync + 'static>(polled: Polled<T>, waiting: &'static str) -> AnyView {
    (move || match polled.error.get() {
        Some(failure) => {
            let advice = match &failure {
                ApiFailure::Rejected { error, .. } => advice(&error.code),
                _ => "",
            };
            failure_panel(&failure, advice).into_any()
        }
        None => view! { <p class="muted" aria-busy="true">{waiting}</p> }.into_any(),
    })
    .into_any()
}

/// Regions whose list failed while others answered.
#[component]
pub fn RegionFailures(failures: Vec<RegionFailure>) -> impl IntoView {
    (!failures.is_empty()).then(|| {
        let items = failures
            .into_iter()
            .map(|failure| {
                let text = format!(
                    "{}: {} {}",
                    failure.region,
                    failure.message,
                    advice(&failure.code)
                );
                view! { <li>{text}</li> }
            })
            .collect_view();
        view! {
            <section class="notice region-failures" role="status">
                <strong>"Some regions could not be listed:"</strong>
                <ul>{items}</ul>
            </section>
        }
    })
}

/// No service at all in any configured region.
#[component]
pub fn NoServices(regions: String) -> impl IntoView {
    view! {
        <section class="services-empty">
            <h2>"No services"</h2>
            <p>{format!("There are no App Runner or ECS Express Mode services in {regions}.")}</p>
            <p>
                "Create one in the ECS console, or start runtrace with the regions your "
                "services run in (" <code>"--region eu-west-1 --region us-east-1"</code> ")."
            </p>
        </section>
    }
}

fn advice(code: &str) -> &'static str {
    match code {
        codes::UNAUTHORIZED => {
            "runtrace has no valid AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY where it runs, then retry."
        }
        codes::FORBIDDEN | codes::UPSTREAM_ERROR => {
            "If AWS denied access, the credentials runtrace uses need apprunner:ListServices and apprunner:DescribeService (for Express services ecs:ListClusters, ecs:ListServices and ecs:DescribeExpressGatewayService)."
        }
        codes::UPSTREAM_UNAVAILABLE | codes::THROTTLED => {
            "AWS did not answer in time; the list retries on its own."
        }
        _ => "",
    }
}
