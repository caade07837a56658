//! The observability configuration tracing is turned on with: an `ACTIVE` one with vendor
//! `AWSXRAY` is reused (preferably runtrace's own, `runtrace-xray`); if there is none, runtrace
//! creates `runtrace-xray`.

use std::ops::ControlFlow;

use aws_sdk_apprunner::types::{
    ObservabilityConfiguration, ObservabilityConfigurationStatus, TraceConfiguration, TracingVendor,
};

use crate::aws::UpstreamResult;
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;

pub const RUNTRACE_CONFIGURATION: &str = "runtrace-xray";

/// Reading the vendor takes one describe per configuration; accounts rarely have many, and
/// this bounds the cost when one does.
const MAX_CANDIDATES: usize = 20;
const MAX_PAGES: usize = 10;

/// The ARN of a usable X-Ray configuration, created if needed.
pub async fn xray_configuration_arn(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    limiter: &Limiter,
) -> UpstreamResult<String> {
    let names = latest_configurations(client, region, limiter).await?;
    for arn in candidates_in_order(&names).into_iter().take(MAX_CANDIDATES) {
        if is_active_xray(client, region, &arn, limiter).await? {
            return Ok(arn);
        }
    }
    create(client, region, limiter).await
}

/// (name, ARN) of the latest revision of every configuration.
async fn latest_configurations(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    limiter: &Limiter,
) -> UpstreamResult<Vec<(String, String)>> {
    const ACTION: &str = "apprunner:ListObservabilityConfigurations";
    let mut found = Vec::new();
    let pages = client
        .list_observability_configurations()
        .latest_only(true)
        .max_results(100)
        .into_paginator()
        .send();
    limiter
        .pages(ACTION, region, pages, MAX_PAGES, |page| {
            found.extend(
                page.observability_configuration_summary_list()
                    .iter()
                    .filter_map(|summary| {
                        Some((
                            summary.observability_configuration_name()?.to_owned(),
                            summary.observability_configuration_arn()?.to_owned(),
                        ))
                    }),
            );
            ControlFlow::Continue(())
        })
        .await?;
    Ok(found)
}

/// ARNs to try: runtrace's own configuration first, then the others in listed order.
pub fn candidates_in_order(configurations: &[(String, String)]) -> Vec<String> {
    let (ours, others): (Vec<_>, Vec<_>) = configurations
        .iter()
        .partition(|(name, _)| name == RUNTRACE_CONFIGURATION);
    ours.into_iter()
        .chain(others)
        .map(|(_, arn)| arn.clone())
        .collect()
}

async fn is_active_xray(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    arn: &str,
    limiter: &Limiter,
) -> UpstreamResult<bool> {
    // Deleted between the list and the describe: just not a candidate.
    let described = describe(client, region, arn, limiter).await?;
    Ok(described.is_some_and(|c| {
        c.status() == Some(&ObservabilityConfigurationStatus::Active)
            && c.trace_configuration()
                .is_some_and(|t| t.vendor() == &TracingVendor::Awsxray)
    }))
}

/// One configuration by ARN; `None` when it does not exist (any more).
pub async fn describe(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    arn: &str,
    limiter: &Limiter,
) -> UpstreamResult<Option<ObservabilityConfiguration>> {
    let described = limiter
        .call(
            "apprunner:DescribeObservabilityConfiguration",
            region,
            client
                .describe_observability_configuration()
                .observability_configuration_arn(arn)
                .send(),
        )
        .await;
    match described {
        Ok(output) => Ok(output.observability_configuration),
        Err(error) if matches!(error.kind, ErrorKind::NotFound { .. }) => Ok(None),
        Err(error) => Err(error),
    }
}

async fn create(
    client: &aws_sdk_apprunner::Client,
    region: &str,
    limiter: &Limiter,
) -> UpstreamResult<String> {
    const ACTION: &str = "apprunner:CreateObservabilityConfiguration";
    let trace = TraceConfiguration::builder()
        .vendor(TracingVendor::Awsxray)
        .build()
        .map_err(|e| UpstreamError::new(ErrorKind::Fault, ACTION, region, e.to_string()))?;
    let output = limiter
        .call(
            ACTION,
            region,
            client
                .create_observability_configuration()
                .observability_configuration_name(RUNTRACE_CONFIGURATION)
                .trace_configuration(trace)
                .send(),
        )
        .await?;
    tracing::info!(
        region,
        "created the observability configuration {RUNTRACE_CONFIGURATION}"
    );
    output
        .observability_configuration()
        .and_then(|c| c.observability_configuration_arn())
        .map(str::to_owned)
        .ok_or_else(|| {
            UpstreamError::new(ErrorKind::Fault, ACTION, region, "answer without an ARN")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtrace_configuration_is_tried_first() {
        let listed = [
            ("team-xray", "arn:a"),
            ("runtrace-xray", "arn:r"),
            ("other", "arn:o"),
        ]
        .map(|(name, arn)| (name.to_owned(), arn.to_owned()));
        assert_eq!(candidates_in_order(&listed), ["arn:r", "arn:a", "arn:o"]);
        assert!(candidates_in_order(&[]).is_empty());
    }
}
