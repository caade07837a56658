//! Request members of the ECS operations the emulator serves, and the checks ECS makes on them
//! before looking anything up.

use serde::Deserialize;
use serde_json::Value;

use super::errors::invalid_parameter;
use super::settings::Settings;
use crate::protocol::{AwsError, AwsResult};

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListInput {
    pub next_token: Option<String>,
    pub max_results: Option<i64>,
    pub cluster: Option<String>,
    pub launch_type: Option<String>,
    pub scheduling_strategy: Option<String>,
    pub resource_management_type: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateInput {
    #[serde(flatten)]
    pub settings: Settings,
    pub infrastructure_role_arn: Option<String>,
    pub service_name: Option<String>,
    pub cluster: Option<String>,
    pub tags: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInput {
    pub service_arn: Option<String>,
    #[serde(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceInput {
    pub service_arn: Option<String>,
    pub include: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentsInput {
    pub service: Option<String>,
    pub cluster: Option<String>,
    pub status: Option<Vec<String>>,
    pub created_at: Option<CreatedAt>,
    pub next_token: Option<String>,
    pub max_results: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CreatedAt {
    pub before: Option<f64>,
    pub after: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DescribeDeploymentsInput {
    pub service_deployment_arns: Option<Vec<String>>,
}

pub fn required<'a>(value: &'a Option<String>, member: &str) -> AwsResult<&'a str> {
    value
        .as_deref()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| invalid_parameter(format!("{member} is required.")))
}

/// `maxResults` within `1..=max`, `default` when left out.
pub fn page_size(max_results: Option<i64>, default: usize, max: i64) -> AwsResult<usize> {
    match max_results {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(usize::try_from(n).unwrap_or(default)),
        Some(n) => Err(invalid_parameter(format!(
            "maxResults must be between 1 and {max}, got {n}."
        ))),
    }
}

/// ECS refuses a token it did not issue with its own parameter error.
pub fn bad_token(_: AwsError) -> AwsError {
    invalid_parameter("The nextToken is invalid or expired.")
}

/// Service names: up to 255 letters, digits, `-` and `_`.
pub fn service_name(name: &str) -> AwsResult<()> {
    let valid = (1..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if valid {
        Ok(())
    } else {
        Err(invalid_parameter(format!(
            "serviceName '{name}' is invalid: use up to 255 letters, digits, '-' or '_'."
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_page_sizes_and_names() {
        assert_eq!(page_size(None, 10, 100), Ok(10));
        assert_eq!(page_size(Some(100), 10, 100), Ok(100));
        for bad in [0, 101, -1] {
            let error = page_size(Some(bad), 10, 100).err().map(|e| e.code);
            assert_eq!(error, Some("InvalidParameterException"), "{bad}");
        }
        assert!(service_name("search").is_ok());
        assert!(service_name(&"a".repeat(255)).is_ok());
        for bad in ["", "a b", "a/b", &"a".repeat(256)] {
            assert!(service_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn create_members_reach_the_settings() {
        let input: CreateInput = serde_json::from_str(
            r#"{"serviceName":"api","infrastructureRoleArn":"arn:aws:iam::123456789012:role/i",
                "executionRoleArn":"arn:aws:iam::123456789012:role/e","cpu":"512",
                "primaryContainer":{"image":"app:1","environment":[{"name":"A","value":"1"}]}}"#,
        )
        .expect("parses");
        assert_eq!(input.service_name.as_deref(), Some("api"));
        assert_eq!(input.settings.cpu.as_deref(), Some("512"));
        assert_eq!(input.settings.variable("A"), Some("1"));
    }
}
