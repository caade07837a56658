use serde_json::json;

use super::*;

const REGION: &str = "us-east-1";

fn app_runner() -> (AppRunner, Clock, String) {
    let clock = Clock::manual(1_767_225_600.0);
    let app = AppRunner::new(
        clock.clone(),
        AppRunnerOptions {
            operation_seconds: 30.0,
            account_id: "123456789012".into(),
        },
    );
    let arn = app.add_service(ServiceSeed {
        region: REGION.into(),
        name: "movies_app".into(),
        tracing_enabled: false,
        status: None,
        instance_role_arn: Some("arn:aws:iam::123456789012:role/movies".into()),
    });
    (app, clock, arn)
}

fn call(app: &AppRunner, op: &str, body: Value) -> AwsResult<Value> {
    app.handle(REGION, op, body.to_string().as_bytes())
}

fn code(result: AwsResult<Value>) -> Option<&'static str> {
    result.err().map(|e| e.code)
}

fn create_config(app: &AppRunner, name: &str) -> String {
    let created = call(
        app,
        "CreateObservabilityConfiguration",
        json!({
            "ObservabilityConfigurationName": name, "TraceConfiguration": { "Vendor": "AWSXRAY" }
        }),
    )
    .expect("created");
    created["ObservabilityConfiguration"]["ObservabilityConfigurationArn"]
        .as_str()
        .expect("arn")
        .to_owned()
}

#[test]
fn tracing_toggle_round_trip_follows_the_clock() {
    let (app, clock, arn) = app_runner();
    let config = create_config(&app, "xray-tracing");
    let updated = call(&app, "UpdateService", json!({
        "ServiceArn": arn,
        "ObservabilityConfiguration": { "ObservabilityEnabled": true, "ObservabilityConfigurationArn": config }
    }))
    .expect("update accepted");
    assert_eq!(updated["Service"]["Status"], "OPERATION_IN_PROGRESS");
    let operation_id = updated["OperationId"]
        .as_str()
        .expect("operation id")
        .to_owned();
    assert!(!app.tracing_enabled(REGION, "movies_app"));
    assert_eq!(
        code(call(&app, "PauseService", json!({ "ServiceArn": arn }))),
        Some("InvalidStateException")
    );

    clock.advance(30.0);
    let service = call(&app, "DescribeService", json!({ "ServiceArn": arn })).expect("described");
    assert_eq!(service["Service"]["Status"], "RUNNING");
    assert_eq!(
        service["Service"]["ObservabilityConfiguration"],
        json!({
            "ObservabilityEnabled": true, "ObservabilityConfigurationArn": config
        })
    );
    assert!(app.tracing_enabled(REGION, "movies_app"));

    let operations = call(&app, "ListOperations", json!({ "ServiceArn": arn })).expect("listed");
    let newest = &operations["OperationSummaryList"][0];
    assert_eq!(
        (newest["Id"].as_str(), newest["Status"].as_str()),
        (Some(operation_id.as_str()), Some("SUCCEEDED"))
    );
    assert_eq!(newest["Type"], "UPDATE_SERVICE");
    assert_eq!(
        operations["OperationSummaryList"][1]["Type"],
        "CREATE_SERVICE"
    );
}

#[test]
fn pause_and_resume_follow_the_state_machine() {
    let (app, clock, arn) = app_runner();
    let pause = || call(&app, "PauseService", json!({ "ServiceArn": arn }));
    let resume = || call(&app, "ResumeService", json!({ "ServiceArn": arn }));
    assert_eq!(
        code(resume()),
        Some("InvalidStateException"),
        "resume a running service"
    );
    assert!(pause().is_ok());
    clock.advance(30.0);
    let disable = json!({ "ServiceArn": arn, "ObservabilityConfiguration": { "ObservabilityEnabled": false } });
    assert_eq!(
        code(call(&app, "UpdateService", disable)),
        Some("InvalidStateException"),
        "update while paused"
    );
    assert_eq!(
        code(pause()),
        Some("InvalidStateException"),
        "pause a paused service"
    );
    assert!(resume().is_ok());
    clock.advance(30.0);
    let status = call(&app, "DescribeService", json!({ "ServiceArn": arn })).expect("described");
    assert_eq!(status["Service"]["Status"], "RUNNING");
}

#[test]
fn check_error_cases() {
    let (app, _clock, arn) = app_runner();
    let missing = arn.replace("movies_app", "nope");
    let ghost = "arn:aws:apprunner:us-east-1:123456789012:observabilityconfiguration/ghost";
    let enable = json!({ "ObservabilityEnabled": true });
    let enable_ghost =
        json!({ "ObservabilityEnabled": true, "ObservabilityConfigurationArn": ghost });
    let (invalid, not_found) = ("InvalidRequestException", "ResourceNotFoundException");
    // (operation, body) → the error code.
    let cases = [
        (
            "DescribeService",
            json!({ "ServiceArn": missing }),
            not_found,
        ),
        ("DescribeService", json!({}), invalid),
        (
            "DescribeService",
            json!({ "ServiceArn": "movies_app" }),
            invalid,
        ),
        ("ListServices", json!({ "MaxResults": 21 }), invalid),
        ("ListServices", json!({ "NextToken": "bogus" }), invalid),
        (
            "ListOperations",
            json!({ "ServiceArn": arn, "MaxResults": 0 }),
            invalid,
        ),
        (
            "ListObservabilityConfigurations",
            json!({ "MaxResults": 101 }),
            invalid,
        ),
        (
            "CreateObservabilityConfiguration",
            json!({ "ObservabilityConfigurationName": "DefaultConfiguration" }),
            invalid,
        ),
        (
            "CreateObservabilityConfiguration",
            json!({ "ObservabilityConfigurationName": "x!" }),
            invalid,
        ),
        (
            "UpdateService",
            json!({ "ServiceArn": arn, "ObservabilityConfiguration": enable }),
            invalid,
        ),
        (
            "DeleteService",
            json!({ "ServiceArn": arn }),
            "UnknownOperationException",
        ),
        (
            "DescribeObservabilityConfiguration",
            json!({ "ObservabilityConfigurationArn": ghost }),
            not_found,
        ),
        (
            "UpdateService",
            json!({ "ServiceArn": arn, "ObservabilityConfiguration": enable_ghost }),
            not_found,
        ),
    ];
    for (op, body, expect) in cases {
        assert_eq!(
            code(call(&app, op, body.clone())),
            Some(expect),
            "{op} {body}"
        );
    }
}

#[test]
fn revisions_latest_and_deletion_rules() {
    let (app, clock, arn) = app_runner();
    let first = create_config(&app, "xray");
    let second = create_config(&app, "xray");
    assert!(first.contains("/xray/1/") && second.contains("/xray/2/"));
    let list = |body: Value| {
        let listed = call(&app, "ListObservabilityConfigurations", body).expect("listed");
        listed["ObservabilityConfigurationSummaryList"]
            .as_array()
            .expect("list")
            .iter()
            .map(|s| {
                format!(
                    "{}/{}",
                    s["ObservabilityConfigurationName"].as_str().unwrap_or("?"),
                    s["ObservabilityConfigurationRevision"]
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(list(json!({})), ["DefaultConfiguration/1", "xray/2"]);
    assert_eq!(
        list(json!({ "LatestOnly": false, "ObservabilityConfigurationName": "xray" })),
        ["xray/1", "xray/2"]
    );

    let by_name = first
        .rsplitn(3, '/')
        .nth(2)
        .expect("name prefix")
        .to_owned();
    let described = call(
        &app,
        "DescribeObservabilityConfiguration",
        json!({ "ObservabilityConfigurationArn": by_name }),
    )
    .expect("by name");
    assert_eq!(
        described["ObservabilityConfiguration"]["ObservabilityConfigurationRevision"],
        2
    );
    assert_eq!(described["ObservabilityConfiguration"]["Latest"], true);
    let pinned = format!("{by_name}/1");
    let described = call(
        &app,
        "DescribeObservabilityConfiguration",
        json!({ "ObservabilityConfigurationArn": pinned }),
    )
    .expect("pinned");
    assert_eq!(described["ObservabilityConfiguration"]["Latest"], false);

    call(&app, "UpdateService", json!({
        "ServiceArn": arn, "ObservabilityConfiguration": { "ObservabilityEnabled": true, "ObservabilityConfigurationArn": pinned }
    }))
    .expect("update");
    clock.advance(30.0);
    let delete = |config: &str| {
        call(
            &app,
            "DeleteObservabilityConfiguration",
            json!({ "ObservabilityConfigurationArn": config }),
        )
    };
    assert_eq!(
        code(delete(&first)),
        Some("InvalidRequestException"),
        "revision 1 is in use"
    );
    let deleted = delete(&second).expect("revision 2 is free");
    assert_eq!(deleted["ObservabilityConfiguration"]["Status"], "INACTIVE");
    assert_eq!(
        list(json!({ "ObservabilityConfigurationName": "xray" })),
        ["xray/1"],
        "revision 1 is latest again"
    );
    assert_eq!(
        code(delete(&second)),
        Some("ResourceNotFoundException"),
        "already deleted"
    );
    assert!(
        create_config(&app, "xray").contains("/xray/3/"),
        "revision numbers are never reused"
    );
}

#[test]
fn listing_pages_and_services_keep_unrelated_members() {
    let (app, clock, arn) = app_runner();
    for name in ["svc-a", "svc-b", "svc-c"] {
        app.add_service(ServiceSeed {
            region: REGION.into(),
            name: name.into(),
            tracing_enabled: true,
            status: None,
            instance_role_arn: None,
        });
    }
    assert!(app.tracing_enabled(REGION, "svc-a"));
    assert!(
        !app.tracing_enabled("eu-west-1", "svc-a"),
        "state is per region"
    );
    let first = call(&app, "ListServices", json!({ "MaxResults": 3 })).expect("page 1");
    assert_eq!(
        first["ServiceSummaryList"].as_array().map(Vec::len),
        Some(3)
    );
    let second = call(
        &app,
        "ListServices",
        json!({ "MaxResults": 3, "NextToken": first["NextToken"] }),
    )
    .expect("page 2");
    assert_eq!(second["ServiceSummaryList"][0]["ServiceName"], "svc-c");
    assert!(second.get("NextToken").is_none());

    call(
        &app,
        "UpdateService",
        json!({ "ServiceArn": arn, "InstanceConfiguration": { "Cpu": "2048" } }),
    )
    .expect("update");
    clock.advance(30.0);
    let service = call(&app, "DescribeService", json!({ "ServiceArn": arn })).expect("described");
    let instance = &service["Service"]["InstanceConfiguration"];
    assert_eq!(
        (instance["Cpu"].as_str(), instance["Memory"].as_str()),
        (Some("2048"), Some("2048"))
    );
    assert_eq!(
        instance["InstanceRoleArn"],
        "arn:aws:iam::123456789012:role/movies"
    );
}

#[test]
fn configuration_names_are_capped_per_region() {
    let (app, _clock, _arn) = app_runner();
    for n in 0..observability::MAX_CONFIGURATION_NAMES {
        create_config(&app, &format!("config-{n}"));
    }
    create_config(&app, "config-0");
    let over = json!({ "ObservabilityConfigurationName": "one-too-many" });
    let refused = code(call(&app, "CreateObservabilityConfiguration", over));
    assert_eq!(
        refused,
        Some("ServiceQuotaExceededException"),
        "a new name past the quota"
    );
}
