//! Every App Runner operation through the real AWS SDK for Rust: if the SDK parses the emulator's
//! answers and its errors, the emulator speaks awsJson1_0 the way AWS does.

use aws_sdk_apprunner::Client;
use aws_sdk_apprunner::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_apprunner::error::ProvideErrorMetadata;
use aws_sdk_apprunner::types::{
    ServiceObservabilityConfiguration, ServiceStatus, TraceConfiguration, TracingVendor,
};
use emulator::apprunner::ServiceSeed;
use emulator::{Clock, EmulatorConfig, RunningEmulator};

const OPERATION_SECONDS: f64 = 60.0;

/// An emulator on a manual clock (operations settle only when the test advances it) with one
/// RUNNING service, `movies_app`, whose ARN is returned.
async fn start() -> (RunningEmulator, String) {
    let config = EmulatorConfig {
        clock: Clock::manual(1_767_225_600.0),
        operation_seconds: OPERATION_SECONDS,
        live: false,
        ..EmulatorConfig::default()
    };
    let running = emulator::start(config).await.expect("emulator starts");
    let arn = running.emulator().apprunner.add_service(ServiceSeed {
        region: "us-east-1".into(),
        name: "movies_app".into(),
        tracing_enabled: false,
        status: None,
        instance_role_arn: Some("arn:aws:iam::123456789012:role/movies-app".into()),
    });
    (running, arn)
}

fn client(running: &RunningEmulator, access_key: &str, secret: &str) -> Client {
    let config = aws_sdk_apprunner::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(access_key, secret, None, None, "test"))
        .endpoint_url(running.endpoint_url())
        .build();
    Client::from_conf(config)
}

fn observability(enabled: bool, arn: Option<&str>) -> ServiceObservabilityConfiguration {
    ServiceObservabilityConfiguration::builder()
        .observability_enabled(enabled)
        .set_observability_configuration_arn(arn.map(str::to_owned))
        .build()
}

async fn status(client: &Client, arn: &str) -> ServiceStatus {
    let described = client
        .describe_service()
        .service_arn(arn)
        .send()
        .await
        .expect("describe");
    described.service().expect("service").status().clone()
}

#[tokio::test]
async fn tracing_toggle_round_trip() {
    let (running, arn) = start().await;
    let client = client(&running, "test", "test");
    let clock = running.emulator().clock.clone();

    let services = client.list_services().send().await.expect("list services");
    assert_eq!(
        services.service_summary_list()[0].service_name(),
        Some("movies_app")
    );
    let described = client
        .describe_service()
        .service_arn(&arn)
        .send()
        .await
        .expect("describe");
    let service = described.service().expect("service");
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

    let created = client
        .create_observability_configuration()
        .observability_configuration_name("xray-tracing")
        .trace_configuration(
            TraceConfiguration::builder()
                .vendor(TracingVendor::Awsxray)
                .build()
                .expect("vendor"),
        )
        .send()
        .await
        .expect("create configuration");
    let config = created
        .observability_configuration()
        .expect("configuration");
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

    let updated = client
        .update_service()
        .service_arn(&arn)
        .observability_configuration(observability(true, Some(&config_arn)))
        .send()
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
    assert_eq!(status(&client, &arn).await, ServiceStatus::Running);
    let described = client
        .describe_service()
        .service_arn(&arn)
        .send()
        .await
        .expect("describe");
    let observability_now = described
        .service()
        .and_then(|s| s.observability_configuration())
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

    let in_use = client
        .delete_observability_configuration()
        .observability_configuration_arn(&config_arn)
        .send()
        .await
        .expect_err("in use");
    assert_eq!(in_use.code(), Some("InvalidRequestException"));

    client
        .update_service()
        .service_arn(&arn)
        .observability_configuration(observability(false, None))
        .send()
        .await
        .expect("disable tracing");
    clock.advance(OPERATION_SECONDS);
    let deleted = client
        .delete_observability_configuration()
        .observability_configuration_arn(&config_arn)
        .send()
        .await
        .expect("delete once unused");
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
        .collect::<Result<Vec<_>, _>>()
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
    let (running, arn) = start().await;
    let client = client(&running, "test", "test");
    let clock = running.emulator().clock.clone();

    client
        .pause_service()
        .service_arn(&arn)
        .send()
        .await
        .expect("pause");
    clock.advance(OPERATION_SECONDS);
    assert_eq!(status(&client, &arn).await, ServiceStatus::Paused);
    let paused = client
        .update_service()
        .service_arn(&arn)
        .observability_configuration(observability(false, None))
        .send()
        .await
        .expect_err("update on a paused service");
    assert_eq!(paused.code(), Some("InvalidStateException"));
    let resumed = client
        .resume_service()
        .service_arn(&arn)
        .send()
        .await
        .expect("resume");
    assert!(resumed.operation_id().is_some());
    clock.advance(OPERATION_SECONDS);
    assert_eq!(status(&client, &arn).await, ServiceStatus::Running);

    for _ in 0..2 {
        client
            .create_observability_configuration()
            .observability_configuration_name("xray")
            .send()
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
        .collect::<Result<Vec<_>, _>>()
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
    let (running, arn) = start().await;
    let client = client(&running, "test", "test");
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
    let reserved = client
        .create_observability_configuration()
        .observability_configuration_name("DefaultConfiguration")
        .send()
        .await
        .expect_err("reserved name");
    assert_eq!(reserved.code(), Some("InvalidRequestException"));
    running.shutdown().await;
}
