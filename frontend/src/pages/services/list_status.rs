//! What the services page says when it has no rows to show, and which regions failed.

use leptos::prelude::*;
use shared::api::{RegionFailure, codes};

use crate::api::ApiFailure;

/// The page could not load the list at all.
#[component]
pub fn LoadFailure(failure: ApiFailure) -> impl IntoView {
    let advice = match &failure {
        ApiFailure::Rejected { error, .. } => advice(&error.code),
        _ => "",
    };
    view! {
        <section class="error-panel services-empty" role="alert">
            <h2>{failure.title()}</h2>
            <p>{failure.to_string()}</p>
            <p>{advice}</p>
        </section>
    }
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
            <h2>"No App Runner services"</h2>
            <p>{format!("There are no App Runner services in {regions}.")}</p>
            <p>
                "Create one in the App Runner console, or start runtrace with the regions your "
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
            "If AWS denied access, the credentials runtrace uses need apprunner:ListServices and apprunner:DescribeService."
        }
        codes::UPSTREAM_UNAVAILABLE | codes::THROTTLED => {
            "AWS did not answer in time; the list retries on its own."
        }
        _ => "",
    }
}
