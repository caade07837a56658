//! Helpers of the tests that drive the emulator with the AWS SDK for Rust: an emulator on a
//! loopback port and SDK clients pointed at it, signed with the given key pair.
#![allow(dead_code)] // each test binary uses its own subset

use aws_sdk_apprunner::config::{BehaviorVersion, Credentials, Region};
use emulator::{EmulatorConfig, RunningEmulator};

/// The emulator with `config`, listening on a free loopback port, without live traffic.
pub async fn start(config: EmulatorConfig) -> RunningEmulator {
    let config = EmulatorConfig {
        live: false,
        ..config
    };
    emulator::start(config).await.expect("emulator starts")
}

/// An App Runner client in us-east-1 signing with `access_key`/`secret`.
pub fn apprunner(
    running: &RunningEmulator,
    access_key: &str,
    secret: &str,
) -> aws_sdk_apprunner::Client {
    let config = aws_sdk_apprunner::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(access_key, secret, None, None, "test"))
        .endpoint_url(running.endpoint_url())
        .build();
    aws_sdk_apprunner::Client::from_conf(config)
}

/// An X-Ray client in us-east-1 signing with the emulator's default key pair.
pub fn xray(running: &RunningEmulator) -> aws_sdk_xray::Client {
    let config = aws_sdk_xray::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("test", "test", None, None, "test"))
        .endpoint_url(running.endpoint_url())
        .build();
    aws_sdk_xray::Client::from_conf(config)
}
