//! The lists, the errors ECS answers with, generated names and seeded services.

use serde_json::{Value, json};

use super::*;

#[test]
fn lists_page_and_filter() {
    let (ecs, _, _) = ecs();
    let arns: Vec<String> = ["a1", "b2", "c3"].iter().map(|n| create(&ecs, n)).collect();
    let mut paged = Vec::new();
    let mut params = json!({ "maxResults": 2 });
    loop {
        let page = call(&ecs, "ListServices", params.clone());
        paged.extend(page["serviceArns"].as_array().cloned().unwrap_or_default());
        match page.get("nextToken") {
            Some(token) => params["nextToken"] = token.clone(),
            None => break,
        }
    }
    assert_eq!(paged, arns.iter().map(|a| json!(a)).collect::<Vec<_>>());
    let customer = call(
        &ecs,
        "ListServices",
        json!({ "resourceManagementType": "CUSTOMER" }),
    );
    assert_eq!(customer["serviceArns"], json!([]));
    let ec2 = call(&ecs, "ListServices", json!({ "launchType": "EC2" }));
    assert_eq!(ec2["serviceArns"], json!([]));
}

#[test]
fn check_errors() {
    let (ecs, _, _) = ecs();
    let arn = create(&ecs, "api");
    let ghost = "arn:aws:ecs:us-east-1:123456789012:service/default/ghost";
    let check = |operation: &str, body: Value, code: &str| {
        assert_eq!(
            error(&ecs, operation, body.clone()),
            code,
            "{operation} {body}"
        );
    };
    check(
        "DescribeExpressGatewayService",
        json!({ "serviceArn": ghost }),
        "ResourceNotFoundException",
    );
    check(
        "DescribeExpressGatewayService",
        json!({ "serviceArn": "api" }),
        "InvalidParameterException",
    );
    check(
        "DescribeExpressGatewayService",
        json!({}),
        "InvalidParameterException",
    );
    check(
        "UpdateExpressGatewayService",
        json!({ "serviceArn": ghost }),
        "ServiceNotFoundException",
    );
    check(
        "DeleteExpressGatewayService",
        json!({ "serviceArn": ghost }),
        "ServiceNotFoundException",
    );
    check(
        "UpdateExpressGatewayService",
        json!({ "serviceArn": arn, "cpu": "300" }),
        "InvalidParameterException",
    );
    check(
        "UpdateExpressGatewayService",
        json!({ "serviceArn": arn, "taskRoleArn": "admin" }),
        "InvalidParameterException",
    );
    check(
        "UpdateExpressGatewayService",
        json!({ "serviceArn": arn, "scalingTarget": { "minTaskCount": 5, "maxTaskCount": 2 } }),
        "InvalidParameterException",
    );
    check(
        "ListServices",
        json!({ "cluster": "nowhere" }),
        "ClusterNotFoundException",
    );
    check(
        "ListServices",
        json!({ "maxResults": 101 }),
        "InvalidParameterException",
    );
    check(
        "ListServices",
        json!({ "nextToken": "stale" }),
        "InvalidParameterException",
    );
    check(
        "ListServiceDeployments",
        json!({ "service": "ghost" }),
        "ServiceNotFoundException",
    );
    check(
        "ListServiceDeployments",
        json!({ "service": "api", "status": ["DONE"] }),
        "InvalidParameterException",
    );
    check(
        "DescribeServiceDeployments",
        json!({ "serviceDeploymentArns": [] }),
        "InvalidParameterException",
    );
    check("ListTasks", json!({}), "UnknownOperationException");
    let create = |extra: Value| {
        let mut body = json!({
            "serviceName": "api",
            "infrastructureRoleArn": format!("{ROLE}infra"),
            "executionRoleArn": format!("{ROLE}exec"),
            "primaryContainer": {"image": "app:1"},
        });
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        body
    };
    check(
        "CreateExpressGatewayService",
        create(json!({})),
        "InvalidParameterException",
    );
    check(
        "CreateExpressGatewayService",
        create(json!({ "serviceName": "new", "cluster": "shop" })),
        "ClusterNotFoundException",
    );
    check(
        "CreateExpressGatewayService",
        create(
            json!({ "serviceName": "own", "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/own:1" }),
        ),
        "InvalidParameterException",
    );
    check(
        "CreateExpressGatewayService",
        create(json!({ "serviceName": "bad name" })),
        "InvalidParameterException",
    );
    let missing = ecs.handle(
        REGION,
        "DescribeServiceDeployments",
        json!({ "serviceDeploymentArns": ["arn:aws:ecs:us-east-1:123456789012:service-deployment/default/api/x"] })
            .to_string()
            .as_bytes(),
    );
    assert_eq!(
        missing.map(|v| v["failures"][0]["reason"].clone()),
        Ok(json!("MISSING"))
    );
}

#[test]
fn a_generated_name_follows_the_image() {
    let (ecs, _, _) = ecs();
    let created = call(
        &ecs,
        "CreateExpressGatewayService",
        json!({
            "infrastructureRoleArn": format!("{ROLE}infra"),
            "executionRoleArn": format!("{ROLE}exec"),
            "primaryContainer": {"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/cart:2.1"},
        }),
    );
    let name = created["service"]["serviceName"].as_str().expect("a name");
    assert!(name.starts_with("cart-") && name.len() == 9, "{name}");
}

#[test]
fn seeded_services_export_as_their_environment_says() {
    let (ecs, _, _) = ecs();
    let seed = |name: &str, endpoint: &str| ExpressSeed {
        region: REGION.into(),
        name: name.into(),
        image: format!("{name}:1"),
        environment: vec![("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT".into(), endpoint.into())],
        task_role_arn: Some(format!("{ROLE}{name}")),
    };
    let traced = ecs.add_express_service(seed("traced", XRAY));
    assert_eq!(
        ecs.add_express_service(seed("traced", XRAY)),
        traced,
        "idempotent"
    );
    ecs.add_express_service(seed("trapped", "http://localhost:4317"));
    assert_eq!(ecs.export(REGION, "traced"), Some(Export::XRay));
    assert_eq!(ecs.export(REGION, "trapped"), Some(Export::LocalCollector));
    assert!(ecs.traced(REGION, "trapped").is_none());
    assert_eq!(ecs.export(REGION, "nobody"), None);
    let task = ecs.traced(REGION, "traced").expect("traced");
    assert_eq!(task.service_arn, traced);
    assert!(
        task.task_arn
            .starts_with("arn:aws:ecs:us-east-1:123456789012:task/default/")
    );
    let deployments = call(&ecs, "ListServiceDeployments", json!({ "service": traced }));
    assert_eq!(deployments["serviceDeployments"][0]["status"], "SUCCESSFUL");
}
