//! Request members of the App Runner operations the emulator serves, and their range checks.

use serde::Deserialize;
use serde_json::Value;

use crate::protocol::{AwsError, AwsResult};

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListInput {
    pub next_token: Option<String>,
    pub max_results: Option<i64>,
    pub service_arn: Option<String>,
    pub observability_configuration_name: Option<String>,
    pub latest_only: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ServiceInput {
    pub service_arn: Option<String>,
    pub observability_configuration: Option<ObservabilityInput>,
    pub source_configuration: Option<Value>,
    pub instance_configuration: Option<Value>,
    pub health_check_configuration: Option<Value>,
    pub network_configuration: Option<Value>,
    pub auto_scaling_configuration_arn: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ObservabilityInput {
    pub observability_enabled: Option<bool>,
    pub observability_configuration_arn: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConfigInput {
    pub observability_configuration_name: Option<String>,
    pub observability_configuration_arn: Option<String>,
    /// `Tags` is accepted and ignored: the emulator has no tag API to read them back.
    pub trace_configuration: Option<TraceConfigurationInput>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TraceConfigurationInput {
    pub vendor: Option<String>,
}

pub fn required<'a>(value: &'a Option<String>, member: &str) -> AwsResult<&'a str> {
    value
        .as_deref()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| AwsError::invalid_request(format!("{member} is required")))
}

/// The page size: `MaxResults` within `1..=max`, or everything when it is left out (App Runner
/// "returns all results in one response").
pub fn page_size(max_results: Option<i64>, max: i64) -> AwsResult<usize> {
    match max_results {
        None => Ok(usize::MAX),
        Some(n) if (1..=max).contains(&n) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        Some(n) => Err(AwsError::invalid_request(format!(
            "MaxResults must be between 1 and {max}, got {n}"
        ))),
    }
}

pub fn token_within(token: &Option<String>, max_len: usize) -> AwsResult<Option<&str>> {
    match token.as_deref() {
        Some(t) if t.is_empty() || t.len() > max_len => Err(AwsError::invalid_request(format!(
            "NextToken must be 1 to {max_len} characters long"
        ))),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_page_sizes() {
        let check = |given: Option<i64>, expect: Option<usize>| {
            assert_eq!(page_size(given, 20).ok(), expect, "MaxResults {given:?}");
        };
        check(None, Some(usize::MAX));
        check(Some(1), Some(1));
        check(Some(20), Some(20));
        check(Some(0), None);
        check(Some(21), None);
        check(Some(-3), None);
    }

    #[test]
    fn check_required_and_tokens() {
        assert_eq!(required(&Some("a".into()), "ServiceArn"), Ok("a"));
        let missing = required(&None, "ServiceArn").err().map(|e| e.message);
        assert_eq!(missing.as_deref(), Some("ServiceArn is required"));
        assert!(required(&Some(String::new()), "ServiceArn").is_err());
        assert_eq!(token_within(&None, 4), Ok(None));
        assert_eq!(token_within(&Some("abcd".into()), 4), Ok(Some("abcd")));
        assert!(token_within(&Some("abcde".into()), 4).is_err());
    }
}
