//! ECS Express through `Ecs::handle`, on a manual clock: creation, canary updates over time, a
//! configured rollback, a superseded deployment, deletion (`lifecycle`), and the lists, the
//! errors ECS answers with and seeded services (`calls`).

mod calls;
mod lifecycle;

use serde_json::{Value, json};

use super::*;

const NOW: f64 = 1_767_225_600.0;
const REGION: &str = "us-east-1";
const DEPLOY: f64 = 100.0;
const ROLE: &str = "arn:aws:iam::123456789012:role/";
const XRAY: &str = "https://xray.us-east-1.amazonaws.com/v1/traces";

fn ecs() -> (Ecs, Clock, Faults) {
    let clock = Clock::manual(NOW);
    let faults = Faults::default();
    let options = EcsOptions {
        deployment_seconds: DEPLOY,
        account_id: "123456789012".into(),
    };
    (
        Ecs::new(clock.clone(), faults.clone(), options, 1),
        clock,
        faults,
    )
}

fn call(ecs: &Ecs, operation: &str, body: Value) -> Value {
    ecs.handle(REGION, operation, body.to_string().as_bytes())
        .unwrap_or_else(|e| panic!("{operation} {body}: {e}"))
}

fn error(ecs: &Ecs, operation: &str, body: Value) -> &'static str {
    match ecs.handle(REGION, operation, body.to_string().as_bytes()) {
        Ok(value) => panic!("{operation} {body} should fail, answered {value}"),
        Err(e) => e.code,
    }
}

fn create(ecs: &Ecs, name: &str) -> String {
    let created = call(
        ecs,
        "CreateExpressGatewayService",
        json!({
            "serviceName": name,
            "infrastructureRoleArn": format!("{ROLE}infra"),
            "executionRoleArn": format!("{ROLE}exec"),
            "taskRoleArn": format!("{ROLE}task"),
            "primaryContainer": {"image": "public.ecr.aws/x/api:1", "containerPort": 8080,
                "environment": [{"name": "LOG_LEVEL", "value": "info"}]},
        }),
    );
    created["service"]["serviceArn"]
        .as_str()
        .expect("an ARN")
        .to_owned()
}

fn describe(ecs: &Ecs, arn: &str) -> Value {
    call(
        ecs,
        "DescribeExpressGatewayService",
        json!({ "serviceArn": arn }),
    )["service"]
        .clone()
}

fn newest_deployment(ecs: &Ecs, arn: &str) -> Value {
    call(ecs, "ListServiceDeployments", json!({ "service": arn }))["serviceDeployments"][0].clone()
}

fn with_xray_environment(ecs: &Ecs, arn: &str) -> Value {
    call(
        ecs,
        "UpdateExpressGatewayService",
        json!({
            "serviceArn": arn,
            "primaryContainer": {"image": "public.ecr.aws/x/api:1", "containerPort": 8080,
                "environment": [{"name": "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "value": XRAY}]},
        }),
    )
}
