//! The SDK clients, one App Runner, one ECS, one X-Ray and one CloudWatch Logs client per region,
//! all sharing one credential cache, retry policy and timeouts.

use std::collections::BTreeMap;
use std::time::Duration;

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;

use super::settings::{AwsSettings, CredentialSource};

#[derive(Debug, Clone)]
pub struct RegionClients {
    pub apprunner: aws_sdk_apprunner::Client,
    pub ecs: aws_sdk_ecs::Client,
    pub xray: aws_sdk_xray::Client,
    /// Logs Insights over `aws/spans` (Transaction Search).
    pub logs: aws_sdk_cloudwatchlogs::Client,
}

/// Why runtrace cannot start talking to AWS; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(
        "no AWS region is configured: pass --region (e.g. --region us-east-1) or set AWS_REGION"
    )]
    NoRegion,
    #[error("`{0}` is not an AWS region name (like us-east-1)")]
    BadRegion(String),
    #[error(
        "no usable AWS credentials ({0}): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass \
         --profile NAME (run `aws sso login` first for SSO), or try `runtrace demo`, which needs \
         no AWS account"
    )]
    NoCredentials(String),
}

#[derive(Debug, Clone)]
pub struct Clients {
    base: SdkConfig,
    by_region: BTreeMap<String, RegionClients>,
    /// In the order configured; the first is the default.
    regions: Vec<String>,
}

impl Clients {
    /// Loads the AWS configuration and builds the clients. Does not call AWS: see
    /// [`Clients::check_credentials`].
    pub async fn connect(settings: &AwsSettings) -> Result<Self, SetupError> {
        for region in &settings.regions {
            if !is_region_name(region) {
                return Err(SetupError::BadRegion(region.clone()));
            }
        }
        let base = load_base_config(settings).await;
        let regions = match (settings.regions.is_empty(), base.region()) {
            (false, _) => dedup(&settings.regions),
            (true, Some(region)) if is_region_name(region.as_ref()) => vec![region.to_string()],
            (true, Some(region)) => return Err(SetupError::BadRegion(region.to_string())),
            (true, None) => return Err(SetupError::NoRegion),
        };
        let by_region = regions
            .iter()
            .map(|region| (region.clone(), region_clients(&base, region)))
            .collect();
        Ok(Self {
            base,
            by_region,
            regions,
        })
    }

    /// Resolves credentials once, so a missing or broken setup is reported at startup rather
    /// than on the first page load. Bounded by `timeout`, as the chain's last step probes the
    /// EC2 instance metadata service, which does not answer off EC2.
    pub async fn check_credentials(&self, timeout: Duration) -> Result<(), SetupError> {
        let Some(provider) = self.base.credentials_provider() else {
            return Err(SetupError::NoCredentials("no credential provider".into()));
        };
        match tokio::time::timeout(timeout, provider.provide_credentials()).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err(SetupError::NoCredentials(first_line(&error.to_string()))),
            Err(_) => Err(SetupError::NoCredentials(format!(
                "the credential chain did not answer within {} s",
                timeout.as_secs()
            ))),
        }
    }

    pub fn regions(&self) -> &[String] {
        &self.regions
    }

    pub fn region(&self, region: &str) -> Option<&RegionClients> {
        self.by_region.get(region)
    }
}

async fn load_base_config(settings: &AwsSettings) -> SdkConfig {
    let retry = RetryConfig::standard()
        .with_max_attempts(settings.retry.max_attempts)
        .with_initial_backoff(settings.retry.initial_backoff)
        .with_max_backoff(settings.retry.max_backoff);
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(3))
        .operation_attempt_timeout(settings.attempt_timeout)
        .operation_timeout(settings.call_timeout)
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(retry)
        .timeout_config(timeouts);
    if let Some(first) = settings.regions.first() {
        loader = loader.region(Region::new(first.clone()));
    }
    if let Some(url) = &settings.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    loader = match &settings.credentials {
        CredentialSource::DefaultChain {
            profile: Some(profile),
        } => loader.profile_name(profile),
        CredentialSource::DefaultChain { profile: None } => loader,
        CredentialSource::Static {
            access_key_id,
            secret_access_key,
        } => loader.credentials_provider(Credentials::new(
            access_key_id,
            secret_access_key,
            None,
            None,
            "runtrace-static",
        )),
    };
    loader.load().await
}

fn region_clients(base: &SdkConfig, region: &str) -> RegionClients {
    let apprunner = aws_sdk_apprunner::config::Builder::from(base)
        .region(Region::new(region.to_owned()))
        .build();
    let ecs = aws_sdk_ecs::config::Builder::from(base)
        .region(Region::new(region.to_owned()))
        .build();
    let xray = aws_sdk_xray::config::Builder::from(base)
        .region(Region::new(region.to_owned()))
        .build();
    let logs = aws_sdk_cloudwatchlogs::config::Builder::from(base)
        .region(Region::new(region.to_owned()))
        .build();
    RegionClients {
        apprunner: aws_sdk_apprunner::Client::from_conf(apprunner),
        ecs: aws_sdk_ecs::Client::from_conf(ecs),
        xray: aws_sdk_xray::Client::from_conf(xray),
        logs: aws_sdk_cloudwatchlogs::Client::from_conf(logs),
    }
}

/// A region names a host (`xray.{region}.amazonaws.com`), so only its own alphabet is allowed.
pub fn is_region_name(region: &str) -> bool {
    (2..=32).contains(&region.len())
        && region.starts_with(|c: char| c.is_ascii_lowercase())
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn dedup(regions: &[String]) -> Vec<String> {
    let mut unique: Vec<String> = Vec::with_capacity(regions.len());
    for region in regions {
        if !unique.contains(region) {
            unique.push(region.clone());
        }
    }
    unique
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names() {
        let check = |region: &str, expect: bool| {
            assert_eq!(is_region_name(region), expect, "{region}");
        };
        check("us-east-1", true);
        check("eu-west-1", true);
        check("us-gov-west-1", true);
        check("", false);
        check("US-EAST-1", false);
        check("us-east-1.evil.com", false);
        check("us-east-1/", false);
        check("1-us", false);
    }

    #[test]
    fn repeated_regions_are_kept_once_in_order() {
        let given = ["eu-west-1", "us-east-1", "eu-west-1"].map(String::from);
        assert_eq!(dedup(&given), ["eu-west-1", "us-east-1"]);
    }
}
