//! Every ECS operation the emulator serves, through the real AWS SDK for Rust: if the SDK parses
//! the emulator's answers (awsJson1_1) and its errors as modeled exceptions, the emulator speaks
//! ECS the way AWS does. The clock is manual, so a deployment moves only when the test says.

use aws_sdk_ecs::Client;
use aws_sdk_ecs::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_ecs::error::ProvideErrorMetadata;
use aws_sdk_ecs::types::{
    ExpressGatewayContainer, ExpressGatewayServiceStatusCode, KeyValuePair, ResourceManagementType,
    ServiceDeploymentLifecycleStage, ServiceDeploymentStatus,
};
use emulator::{Clock, EmulatorConfig, FaultConfig, RunningEmulator};

const DEPLOYMENT_SECONDS: f64 = 60.0;
const ROLE: &str = "arn:aws:iam::123456789012:role/";
const XRAY: &str = "https://xray.us-east-1.amazonaws.com/v1/traces";

async fn start() -> RunningEmulator {
    let config = EmulatorConfig {
        clock: Clock::manual(1_767_225_600.0),
        deployment_seconds: DEPLOYMENT_SECONDS,
        live: false,
        ..EmulatorConfig::default()
    };
    emulator::start(config).await.expect("emulator starts")
}

fn client(running: &RunningEmulator, secret: &str) -> Client {
    let config = aws_sdk_ecs::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("test", secret, None, None, "test"))
        .endpoint_url(running.endpoint_url())
        .build();
    Client::from_conf(config)
}

fn container(environment: &[(&str, &str)]) -> ExpressGatewayContainer {
    let mut builder = ExpressGatewayContainer::builder()
        .image("public.ecr.aws/example/api:1")
        .container_port(8080);
    for (name, value) in environment {
        builder = builder.environment(KeyValuePair::builder().name(*name).value(*value).build());
    }
    builder.build().expect("an image is given")
}

async fn create(client: &Client, name: &str) -> String {
    let created = client
        .create_express_gateway_service()
        .service_name(name)
        .infrastructure_role_arn(format!("{ROLE}infrastructure"))
        .execution_role_arn(format!("{ROLE}execution"))
        .task_role_arn(format!("{ROLE}task"))
        .primary_container(container(&[("LOG_LEVEL", "info")]))
        .send()
        .await
        .expect("create");
    let service = created.service().expect("service");
    assert_eq!(
        service.status().and_then(|s| s.status_code()),
        Some(&ExpressGatewayServiceStatusCode::Active)
    );
    service.service_arn().expect("ARN").to_owned()
}

async fn newest_deployment(
    client: &Client,
    arn: &str,
) -> aws_sdk_ecs::types::ServiceDeploymentBrief {
    let listed = client
        .list_service_deployments()
        .service(arn)
        .send()
        .await
        .expect("list deployments");
    listed.service_deployments()[0].clone()
}

#[tokio::test]
async fn express_services_are_found_updated_followed_and_deleted() {
    let running = start().await;
    let client = client(&running, "test");
    let clock = running.emulator().clock.clone();
    let arn = create(&client, "api").await;
    let web = create(&client, "web").await;

    let clusters: Vec<String> = client
        .list_clusters()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .expect("clusters");
    assert_eq!(
        clusters,
        ["arn:aws:ecs:us-east-1:123456789012:cluster/default"]
    );
    let express: Vec<String> = client
        .list_services()
        .cluster(&clusters[0])
        .resource_management_type(ResourceManagementType::Ecs)
        .into_paginator()
        .page_size(1)
        .items()
        .send()
        .try_collect()
        .await
        .expect("services, a page at a time");
    assert_eq!(express, [arn.clone(), web.clone()]);

    clock.advance(DEPLOYMENT_SECONDS);
    let described = client
        .describe_express_gateway_service()
        .service_arn(&arn)
        .send()
        .await
        .expect("describe");
    let service = described.service().expect("service");
    let configuration = &service.active_configurations()[0];
    assert_eq!(configuration.cpu(), Some("256"));
    assert_eq!(configuration.health_check_path(), Some("/ping"));
    let endpoint = configuration.ingress_paths()[0].endpoint();
    assert!(endpoint.ends_with(".ecs.us-east-1.on.aws"), "{endpoint}");
    assert_eq!(
        newest_deployment(&client, &arn).await.status(),
        Some(&ServiceDeploymentStatus::Successful)
    );

    let updated = client
        .update_express_gateway_service()
        .service_arn(&arn)
        .primary_container(container(&[
            ("LOG_LEVEL", "info"),
            ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", XRAY),
        ]))
        .send()
        .await
        .expect("update");
    let target = updated
        .service()
        .and_then(|s| s.target_configuration())
        .expect("target configuration");
    assert_eq!(
        target.primary_container().map(|c| c.environment().len()),
        Some(2)
    );
    clock.advance(0.3 * DEPLOYMENT_SECONDS);
    let brief = newest_deployment(&client, &arn).await;
    assert_eq!(brief.status(), Some(&ServiceDeploymentStatus::InProgress));
    let described = client
        .describe_service_deployments()
        .service_deployment_arns(brief.service_deployment_arn().expect("ARN"))
        .send()
        .await
        .expect("describe deployments");
    let deployment = &described.service_deployments()[0];
    assert_eq!(
        deployment.lifecycle_stage(),
        Some(&ServiceDeploymentLifecycleStage::ProductionTrafficShift)
    );
    let canary = deployment
        .target_service_revision()
        .expect("target revision");
    assert_eq!(canary.requested_production_traffic_weight(), Some(5.0));
    clock.advance(0.7 * DEPLOYMENT_SECONDS);
    let brief = newest_deployment(&client, &arn).await;
    assert_eq!(brief.status(), Some(&ServiceDeploymentStatus::Successful));
    assert!(brief.finished_at().is_some());
    let emulator = running.emulator();
    assert!(emulator.ecs.traced("us-east-1", "api").is_some());

    let deleted = client
        .delete_express_gateway_service()
        .service_arn(&web)
        .send()
        .await
        .expect("delete");
    assert_eq!(
        deleted
            .service()
            .and_then(|s| s.status())
            .and_then(|s| s.status_code()),
        Some(&ExpressGatewayServiceStatusCode::Draining)
    );
    running.shutdown().await;
}

#[tokio::test]
async fn a_configured_rollback_is_reported_as_ecs_reports_it() {
    let running = start().await;
    let client = client(&running, "test");
    let clock = running.emulator().clock.clone();
    let arn = create(&client, "api").await;
    clock.advance(DEPLOYMENT_SECONDS);
    running.emulator().faults.set(FaultConfig {
        rollback_deployments: true,
        ..FaultConfig::default()
    });
    client
        .update_express_gateway_service()
        .service_arn(&arn)
        .cpu("1024")
        .send()
        .await
        .expect("update");
    clock.advance(DEPLOYMENT_SECONDS);
    let brief = newest_deployment(&client, &arn).await;
    assert_eq!(
        brief.status(),
        Some(&ServiceDeploymentStatus::RollbackSuccessful)
    );
    let described = client
        .describe_service_deployments()
        .service_deployment_arns(brief.service_deployment_arn().expect("ARN"))
        .send()
        .await
        .expect("describe deployments");
    let rollback = described.service_deployments()[0]
        .rollback()
        .expect("rollback");
    assert!(rollback.reason().is_some_and(|r| r.contains("ALARM")));
    let service = client
        .describe_express_gateway_service()
        .service_arn(&arn)
        .send()
        .await
        .expect("describe");
    let configurations = service.service().expect("service").active_configurations();
    assert_eq!(configurations.len(), 1);
    assert_eq!(
        configurations[0].cpu(),
        Some("256"),
        "the old configuration serves"
    );
    running.shutdown().await;
}

#[tokio::test]
async fn errors_arrive_as_modeled_exceptions() {
    let running = start().await;
    let client = client(&running, "test");
    let ghost = "arn:aws:ecs:us-east-1:123456789012:service/default/ghost";
    let error = client
        .describe_express_gateway_service()
        .service_arn(ghost)
        .send()
        .await
        .expect_err("no such service")
        .into_service_error();
    assert!(error.is_resource_not_found_exception(), "{error:?}");
    let error = client
        .update_express_gateway_service()
        .service_arn(ghost)
        .send()
        .await
        .expect_err("no such service")
        .into_service_error();
    assert!(error.is_service_not_found_exception(), "{error:?}");
    let error = client
        .list_services()
        .cluster("nowhere")
        .send()
        .await
        .expect_err("no such cluster")
        .into_service_error();
    assert!(error.is_cluster_not_found_exception(), "{error:?}");
    let error = client
        .list_clusters()
        .max_results(500)
        .send()
        .await
        .expect_err("too many")
        .into_service_error();
    assert!(error.is_invalid_parameter_exception(), "{error:?}");
    assert!(error.message().is_some_and(|m| m.contains("maxResults")));

    let arn = create(&client, "api").await;
    client
        .delete_express_gateway_service()
        .service_arn(&arn)
        .send()
        .await
        .expect("delete");
    let error = client
        .delete_express_gateway_service()
        .service_arn(&arn)
        .send()
        .await
        .expect_err("already draining")
        .into_service_error();
    assert!(error.is_service_not_active_exception(), "{error:?}");

    let refused = client_error_code(&running).await;
    assert_eq!(refused.as_deref(), Some("InvalidSignatureException"));
    running.shutdown().await;
}

async fn client_error_code(running: &RunningEmulator) -> Option<String> {
    let wrong = client(running, "not-the-secret");
    wrong
        .list_clusters()
        .send()
        .await
        .err()
        .and_then(|e| e.code().map(str::to_owned))
}
