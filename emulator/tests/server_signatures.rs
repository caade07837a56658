//! SigV4 as the AWS SDK for Rust signs it: the configured key pair is served, anything else is
//! refused with the error AWS gives.

mod sdk_support;

use aws_sdk_apprunner::error::ProvideErrorMetadata;
use emulator::EmulatorConfig;

#[tokio::test]
async fn only_the_configured_key_pair_is_served() {
    let running = sdk_support::start(EmulatorConfig::default()).await;
    let check = async |access_key: &str, secret: &str, expect: Result<(), (&str, u16)>| {
        let result = sdk_support::apprunner(&running, access_key, secret)
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
