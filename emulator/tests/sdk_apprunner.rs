//! Every App Runner operation through the real AWS SDK for Rust: if the SDK parses the emulator's
//! answers and its errors, the emulator speaks awsJson1_0 the way AWS does.

mod sdk_support;

use aws_sdk_apprunner::Client;
use aws_sdk_apprunner::error::ProvideErrorMetadata;
use aws_sdk_apprunner::operation::update_service::UpdateServiceOutput;
use aws_sdk_apprunner::types::{
    ObservabilityConfiguration, Service, ServiceObservabilityConfiguration, ServiceStatus,
    TraceConfiguration, TracingVendor,
};
use emulator::apprunner::ServiceSeed;
use emulator::{Clock, EmulatorConfig, RunningEmulator};

const OPERATION_SECONDS: f64 = 60.0;

/// An emulator on a manual clock (operations settle only when the test advances it) with one
/// RUNNING service, `movies_app`; its ARN and a client with the right key pair.
async fn start() -> (RunningEmulator, String, Client) {
    let running = sdk_support::start(EmulatorConfig {
        clock: Clock::manual(1_767_225_600.0),
        operation_seconds: OPERATION_SECONDS,
        ..EmulatorConfig::default()
    })
    .await;
    let arn = running.emulator().apprunner.add_service(ServiceSeed {
        region: "us-east-1".into(),
        name: "movies_app".into(),
        tracing_enabled: false,
        status: None,
        instance_role_arn: Some("arn:aws:iam::123456789012:role/movies-app".into()),
    });
    let client = sdk_support::apprunner(&running, "test", "test");
    (running, arn, client)
}

async fn described(client: &Client, arn: &str) -> Service {
    let described = client
        .describe_service()
        .service_arn(arn)
        .send()
        .await
        .expect("describe");
    described.service.expect("service")
}

/// Turns observability on (with the configuration) or off; the error code if refused.
async fn set_observability(
    client: &Client,
    arn: &str,
    configuration: Option<&str>,
) -> Result<UpdateServiceOutput, Option<String>> {
    let setting = ServiceObservabilityConfiguration::builder()
        .observability_enabled(configuration.is_some())
        .set_observability_configuration_arn(configuration.map(str::to_owned))
        .build();
    client
        .update_service()
        .service_arn(arn)
        .observability_configuration(setting)
        .send()
        .await
        .map_err(|e| e.code().map(str::to_owned))
}

/// A configuration named `name`, tracing with X-Ray when `xray`.
async fn create_configuration(
    client: &Client,
    name: &str,
    xray: bool,
) -> Result<ObservabilityConfiguration, Option<String>> {
    let trace = xray.then(|| {
        TraceConfiguration::builder()
            .vendor(TracingVendor::Awsxray)
            .build()
            .expect("vendor")
    });
    client
        .create_observability_configuration()
        .observability_configuration_name(name)
        .set_trace_configuration(trace)
        .send()
        .await
        .map(|output| output.observability_configuration.expect("configuration"))
        .map_err(|e| e.code().map(str::to_owned))
}

#[tokio::test]
async fn tracing_toggle_round_trip() {
    let (running, arn, client) = start().await;
    let clock = running.emulator().clock.clone();

    let services = client.list_services().send().await.expect("list services");
    assert_eq!(
        services.service_summary_list()[0].service_name(),
        Some("movies_app")
    );
    let service = described(&client, &arn).await;
    assert_eq!(
        service
            .observability_configuration()
            .map(|o| o.observability_enabled()),
        Some(false)
    );
    assert!(
        service
            .instance_configuration()
            .and_then(|i| i.instance_role_arn())
            .is_some()
    );
    assert!(
        service
            .source_configuration()
            .and_then(|s| s.image_repository())
            .is_some()
    );

    let config = create_configuration(&client, "xray-tracing", true)
        .await
        .expect("create configuration");
    assert_eq!(
        (
            config.observability_configuration_revision(),
            config.latest()
        ),
        (1, true)
    );
    let config_arn = config
        .observability_configuration_arn()
        .expect("arn")
        .to_owned();

    let updated = set_observability(&client, &arn, Some(&config_arn))
        .await
        .expect("enable tracing");
    assert_eq!(
        updated.service().map(|s| s.status()),
        Some(&ServiceStatus::OperationInProgress)
    );
    assert!(!updated.operation_id().is_empty());
    let busy = client
        .pause_service()
        .service_arn(&arn)
        .send()
        .await
        .expect_err("busy service");
    assert_eq!(busy.code(), Some("InvalidStateException"));

    clock.advance(OPERATION_SECONDS);
    let service = described(&client, &arn).await;
    assert_eq!(service.status(), &ServiceStatus::Running);
    let observability_now = service
        .observability_configuration()
        .expect("observability");
    assert!(observability_now.observability_enabled());
    assert_eq!(
        observability_now.observability_configuration_arn(),
        Some(config_arn.as_str())
    );
    assert!(
        running
            .emulator()
            .apprunner
            .tracing_enabled("us-east-1", "movies_app")
    );

    let delete = || {
        client
            .delete_observability_configuration()
            .observability_configuration_arn(&config_arn)
            .send()
    };
    let in_use = delete().await.expect_err("in use");
    assert_eq!(in_use.code(), Some("InvalidRequestException"));

    set_observability(&client, &arn, None)
        .await
        .expect("disable tracing");
    clock.advance(OPERATION_SECONDS);
    let deleted = delete().await.expect("delete once unused");
    let status_after = deleted
        .observability_configuration()
        .and_then(|c| c.status())
        .map(|s| s.as_str().to_owned());
    assert_eq!(status_after.as_deref(), Some("INACTIVE"));

    let pages = client
        .list_operations()
        .service_arn(&arn)
        .max_results(1)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .expect("operations");
    let operations: Vec<_> = pages
        .iter()
        .flat_map(|p| p.operation_summary_list())
        .collect();
    let kinds: Vec<&str> = operations
        .iter()
        .filter_map(|o| o.r#type())
        .map(|t| t.as_str())
        .collect();
    assert_eq!(
        kinds,
        ["UPDATE_SERVICE", "UPDATE_SERVICE", "CREATE_SERVICE"],
        "newest first, across pages"
    );
    assert!(
        operations
            .iter()
            .all(|o| o.status().map(|s| s.as_str()) == Some("SUCCEEDED"))
    );
    running.shutdown().await;
}

#[tokio::test]
async fn pause_resume_and_configuration_listing() {
    let (running, arn, client) = start().await;
    let clock = running.emulator().clock.clone();
    let status = async || described(&client, &arn).await.status().clone();

    client
        .pause_service()
        .service_arn(&arn)
        .send()
        .await
        .expect("pause");
    clock.advance(OPERATION_SECONDS);
    assert_eq!(status().await, ServiceStatus::Paused);
    let paused = set_observability(&client, &arn, None).await;
    assert_eq!(
        paused.err(),
        Some(Some("InvalidStateException".to_owned())),
        "update on a paused service"
    );
    let resumed = client
        .resume_service()
        .service_arn(&arn)
        .send()
        .await
        .expect("resume");
    assert!(resumed.operation_id().is_some());
    clock.advance(OPERATION_SECONDS);
    assert_eq!(status().await, ServiceStatus::Running);

    for _ in 0..2 {
        create_configuration(&client, "xray", false)
            .await
            .expect("create revision");
    }
    let latest = client
        .list_observability_configurations()
        .send()
        .await
        .expect("list latest");
    let names: Vec<(&str, i32)> = latest
        .observability_configuration_summary_list()
        .iter()
        .map(|s| {
            (
                s.observability_configuration_name().unwrap_or("?"),
                s.observability_configuration_revision(),
            )
        })
        .collect();
    assert_eq!(names, [("DefaultConfiguration", 1), ("xray", 2)]);
    let pages = client
        .list_observability_configurations()
        .latest_only(false)
        .max_results(1)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .expect("list all revisions");
    assert_eq!(pages.len(), 3, "one revision per page");
    assert!(
        pages
            .iter()
            .all(|p| p.observability_configuration_summary_list().len() == 1)
    );
    let by_name = "arn:aws:apprunner:us-east-1:123456789012:observabilityconfiguration/xray";
    let described = client
        .describe_observability_configuration()
        .observability_configuration_arn(by_name)
        .send()
        .await
        .expect("describe by name");
    let config = described
        .observability_configuration()
        .expect("configuration");
    assert_eq!(config.observability_configuration_revision(), 2);
    assert!(
        config.trace_configuration().is_none(),
        "created without TraceConfiguration: tracing off"
    );
    running.shutdown().await;
}

#[tokio::test]
async fn errors_arrive_as_modeled_exceptions() {
    let (running, arn, client) = start().await;
    let missing = client
        .describe_service()
        .service_arn(arn.replace("movies_app", "ghost_app"))
        .send()
        .await
        .expect_err("unknown service");
    assert!(
        missing
            .as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception())
    );
    let too_many = client
        .list_services()
        .max_results(50)
        .send()
        .await
        .expect_err("MaxResults above 20");
    assert!(
        too_many
            .as_service_error()
            .is_some_and(|e| e.is_invalid_request_exception())
    );
    let reserved = create_configuration(&client, "DefaultConfiguration", false).await;
    assert_eq!(
        reserved.err(),
        Some(Some("InvalidRequestException".to_owned())),
        "reserved name"
    );
    running.shutdown().await;
}
