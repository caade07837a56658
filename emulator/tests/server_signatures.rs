//! SigV4 as the AWS SDK for Rust signs it: the configured key pair is served, anything else is
//! refused with the error AWS gives.

use aws_sdk_apprunner::Client;
use aws_sdk_apprunner::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_apprunner::error::ProvideErrorMetadata;
use emulator::{EmulatorConfig, RunningEmulator};

fn client(running: &RunningEmulator, access_key: &str, secret: &str) -> Client {
    let config = aws_sdk_apprunner::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(access_key, secret, None, None, "test"))
        .endpoint_url(running.endpoint_url())
        .build();
    Client::from_conf(config)
}

#[tokio::test]
async fn only_the_configured_key_pair_is_served() {
    let config = EmulatorConfig {
        live: false,
        ..EmulatorConfig::default()
    };
    let running = emulator::start(config).await.expect("emulator starts");
    let check = async |access_key: &str, secret: &str, expect: Result<(), (&str, u16)>| {
        let result = client(&running, access_key, secret)
            .list_services()
            .send()
            .await;
        match expect {
            Ok(()) => assert!(result.is_ok(), "{access_key}/{secret}: {result:?}"),
            Err((code, status)) => {
                let error = result.expect_err("refused");
                assert_eq!(error.code(), Some(code), "{access_key}/{secret}");
                assert_eq!(
                    error.raw_response().map(|r| r.status().as_u16()),
                    Some(status)
                );
            }
        }
    };
    check("test", "test", Ok(())).await;
    check(
        "test",
        "not-the-secret",
        Err(("InvalidSignatureException", 403)),
    )
    .await;
    check(
        "AKIAOTHER",
        "test",
        Err(("UnrecognizedClientException", 403)),
    )
    .await;
    running.shutdown().await;
}
