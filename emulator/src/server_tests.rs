use super::*;
use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::HeaderValue;
use axum::http::StatusCode;
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::EmulatorConfig;
use crate::faults::FaultConfig;

#[test]
fn check_routes() {
    let with_target = |target: &str| {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-amz-target",
            HeaderValue::from_str(target).expect("ascii"),
        );
        headers
    };
    let check = |method: Method,
                 path: &str,
                 headers: HeaderMap,
                 expect: Result<Target, (Protocol, &str)>| {
        let got =
            route(&method, path, &headers).map_err(|(protocol, error)| (protocol, error.code));
        assert_eq!(got, expect, "{method} {path} {headers:?}");
    };
    let app_runner = |op: &str| Ok(Target::AppRunner(op.into()));
    check(
        Method::POST,
        "/",
        with_target("AppRunner.ListServices"),
        app_runner("ListServices"),
    );
    check(
        Method::POST,
        "/",
        with_target("AppRunner.Nope"),
        app_runner("Nope"),
    );
    check(
        Method::POST,
        "/",
        with_target("Logs_20140328.StartQuery"),
        Ok(Target::Logs("StartQuery".into())),
    );
    check(
        Method::GET,
        "/",
        with_target("Logs_20140328.StartQuery"),
        Err((Protocol::AwsJson11, "UnknownOperationException")),
    );
    check(
        Method::POST,
        "/",
        with_target("DynamoDB_20120810.ListTables"),
        Err((Protocol::AwsJson10, "UnknownOperationException")),
    );
    check(
        Method::POST,
        "/",
        HeaderMap::new(),
        Err((Protocol::AwsJson10, "UnknownOperationException")),
    );
    check(
        Method::GET,
        "/",
        with_target("AppRunner.ListServices"),
        Err((Protocol::AwsJson10, "UnknownOperationException")),
    );
    check(
        Method::POST,
        "/",
        with_target("AmazonEC2ContainerServiceV20141113.ListClusters"),
        Ok(Target::Ecs("ListClusters".into())),
    );
    check(
        Method::GET,
        "/",
        with_target("AmazonEC2ContainerServiceV20141113.ListClusters"),
        Err((Protocol::AwsJson11, "UnknownOperationException")),
    );
    check(
        Method::POST,
        "/",
        with_target("AmazonEC2ContainerServiceV20141113."),
        Err((Protocol::AwsJson11, "UnknownOperationException")),
    );
    check(
        Method::POST,
        "/ServiceGraph",
        HeaderMap::new(),
        Ok(Target::XRay("/ServiceGraph".into())),
    );
    check(
        Method::GET,
        "/ServiceGraph",
        HeaderMap::new(),
        Err((Protocol::RestJson1, "UnknownOperationException")),
    );
}

fn app(credentials: Option<(String, String)>) -> (Router, Emulator) {
    let emulator = Emulator::new(&EmulatorConfig::default());
    (
        router(emulator.clone(), ServerOptions { credentials }),
        emulator,
    )
}

async fn send(app: &Router, request: Request) -> (StatusCode, HeaderMap, Value) {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    (
        parts.status,
        parts.headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn list_services() -> Request {
    Request::post("/")
        .header("x-amz-target", "AppRunner.ListServices")
        .header("content-type", "application/x-amz-json-1.0")
        .body(Body::from("{}"))
        .expect("request")
}

fn list_clusters() -> Request {
    Request::post("/")
        .header(
            "x-amz-target",
            "AmazonEC2ContainerServiceV20141113.ListClusters",
        )
        .header("content-type", "application/x-amz-json-1.1")
        .body(Body::from("{}"))
        .expect("request")
}

#[tokio::test]
async fn unsigned_calls_are_refused_unless_checking_is_off() {
    let (strict, _) = app(Some(("test".into(), "test".into())));
    let (status, headers, body) = send(&strict, list_services()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        headers["x-amzn-errortype"],
        "MissingAuthenticationTokenException"
    );
    assert_eq!(body["__type"], "MissingAuthenticationTokenException");
    assert!(headers.contains_key("x-amzn-requestid"));

    let (open, _) = app(None);
    let (status, headers, body) = send(&open, list_services()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/x-amz-json-1.0");
    assert_eq!(body, serde_json::json!({ "ServiceSummaryList": [] }));
}

#[tokio::test]
async fn injected_faults_use_each_services_error() {
    let (open, emulator) = app(None);
    let throttle = FaultConfig {
        throttle_ratio: 1.0,
        ..FaultConfig::default()
    };
    let fail = FaultConfig {
        error_ratio: 1.0,
        ..FaultConfig::default()
    };
    let graph = Request::post("/ServiceGraph")
        .body(Body::from("{}"))
        .expect("request");
    // (faults, request) → the status and the service's error type.
    let cases = [
        (
            &throttle,
            list_services(),
            (StatusCode::BAD_REQUEST, "ThrottlingException"),
        ),
        (
            &throttle,
            graph,
            (StatusCode::TOO_MANY_REQUESTS, "ThrottledException"),
        ),
        (
            &fail,
            list_services(),
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalServiceErrorException",
            ),
        ),
        (
            &throttle,
            list_clusters(),
            (StatusCode::BAD_REQUEST, "ThrottlingException"),
        ),
        (
            &fail,
            list_clusters(),
            (StatusCode::INTERNAL_SERVER_ERROR, "ServerException"),
        ),
    ];
    for (faults, request, (status, error_type)) in cases {
        emulator.faults.set(faults.clone());
        let (got, _, body) = send(&open, request).await;
        assert_eq!(
            (got, body["__type"].as_str()),
            (status, Some(error_type)),
            "{faults:?}"
        );
    }
    // ECS writes its message in `message`, as its model names the member, in JSON 1.1.
    emulator.faults.set(throttle);
    let (_, headers, body) = send(&open, list_clusters()).await;
    assert_eq!(headers["content-type"], "application/x-amz-json-1.1");
    assert_eq!(body["message"], "Rate exceeded");
}

#[tokio::test]
async fn faults_are_read_and_replaced_over_the_admin_endpoint() {
    let (open, emulator) = app(None);
    let put = Request::put("/_emulator/faults")
        .body(Body::from(r#"{"error_ratio":0.5,"truncate_traces":true}"#))
        .expect("request");
    let (status, _, _) = send(&open, put).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(emulator.faults.config().error_ratio, 0.5);
    assert!(emulator.faults.config().truncate_traces);
    let (_, _, body) = send(
        &open,
        Request::get("/_emulator/faults")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(body["error_ratio"], 0.5);

    let bad = Request::put("/_emulator/faults")
        .body(Body::from(r#"{"error_ratio":7}"#))
        .expect("request");
    let (status, _, _) = send(&open, bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, _, health) = send(
        &open,
        Request::get("/_emulator/health")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(health["status"], "ok");
}

#[tokio::test]
async fn admin_endpoints_refuse_remote_peers() {
    let (open, _) = app(None);
    let mut request = Request::get("/_emulator/faults")
        .body(Body::empty())
        .expect("request");
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 7], 5555))));
    let response = open.oneshot(request).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}
