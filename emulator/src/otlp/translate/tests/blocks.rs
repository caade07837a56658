//! The structured blocks: `http`, the flags and `cause`, `aws` and `origin`, `sql`, and what
//! is left for annotations and metadata.

use opentelemetry_proto::tonic::trace::v1::span::SpanKind::{Client, Internal, Server};
use opentelemetry_proto::tonic::trace::v1::status::StatusCode;
use serde_json::{Value as Json, json};

use super::A::{B, D, I, L, S};
use super::{A, check, span, with_event, with_status};

const MOVIES: &[(&str, A)] = &[("service.name", S("movies_app"))];

#[test]
fn check_http() {
    let server = |attrs: &[(&str, A)], expect: Json| {
        check(&span(Server, false, attrs), MOVIES, &[("/0/http", expect)]);
    };
    // What Flask's instrumentation sends (old names; `http.host` carries the port).
    server(
        &[
            ("http.method", S("GET")),
            ("http.server_name", S("127.0.0.1")),
            ("http.scheme", S("http")),
            ("net.host.name", S("127.0.0.1:53025")),
            ("http.host", S("127.0.0.1:53025")),
            ("net.host.port", I(53025)),
            ("http.target", S("/movies/1999/The%20Matrix")),
            ("net.peer.ip", S("127.0.0.1")),
            ("http.user_agent", S("Python-urllib/3.11")),
            ("http.status_code", I(500)),
        ],
        json!({
            "request": {"method": "GET", "url": "http://127.0.0.1:53025/movies/1999/The%20Matrix",
                        "user_agent": "Python-urllib/3.11", "client_ip": "127.0.0.1"},
            "response": {"status": 500, "content_length": 0}
        }),
    );
    // The stable names; a client address from a proxy header is marked as forwarded.
    server(
        &[
            ("http.request.method", S("POST")),
            ("url.scheme", S("https")),
            ("server.address", S("movies.example.com")),
            ("server.port", I(443)),
            ("url.path", S("/movies")),
            ("url.query", S("sort=year")),
            ("client.address", S("203.0.113.9")),
            ("user_agent.original", S("curl/8.5")),
            ("http.response.status_code", I(201)),
        ],
        json!({
            "request": {"method": "POST", "url": "https://movies.example.com/movies?sort=year",
                        "user_agent": "curl/8.5", "client_ip": "203.0.113.9", "x_forwarded_for": true},
            "response": {"status": 201, "content_length": 0}
        }),
    );
    // A full URL is taken as sent; a port that is not the scheme's default is kept.
    server(
        &[("url.full", S("http://a/b?c")), ("server.address", S("x"))],
        json!({"request": {"url": "http://a/b?c"}, "response": {"content_length": 0}}),
    );
    server(
        &[
            ("http.method", S("GET")),
            ("net.host.name", S("api")),
            ("net.host.port", I(8080)),
        ],
        json!({"request": {"method": "GET", "url": "http://api:8080/"}, "response": {"content_length": 0}}),
    );
    // A client address that is not an IP is no client_ip; the peer's is.
    server(
        &[
            ("http.method", S("GET")),
            ("client.address", S("proxy.internal")),
            ("network.peer.address", S("10.0.0.2")),
        ],
        json!({"request": {"method": "GET", "client_ip": "10.0.0.2"}, "response": {"content_length": 0}}),
    );
    // Without an HTTP attribute there is no block; a host alone does not make one.
    server(&[("server.address", S("db"))], Json::Null);
    // A client span takes the peer's host.
    check(
        &span(
            Client,
            true,
            &[
                ("http.method", S("GET")),
                ("net.peer.name", S("ratings")),
                ("net.peer.port", I(8081)),
            ],
        ),
        MOVIES,
        &[("/0/http/request/url", json!("http://ratings:8081/"))],
    );
    // The received size, from the span or its first event that has it.
    let mut sized = span(Client, true, &[("http.method", S("GET"))]);
    sized = with_event(
        sized,
        "message",
        &[
            ("message.type", S("RECEIVED")),
            ("messaging.message_payload_size_bytes", I(512)),
        ],
    );
    check(
        &sized,
        MOVIES,
        &[("/0/http/response/content_length", json!(512))],
    );
}

#[test]
fn http_attributes_never_reach_metadata() {
    check(
        &span(
            Server,
            false,
            &[
                ("http.method", S("GET")),
                ("net.peer.port", I(4)),
                ("http.route", S("/movies")),
            ],
        ),
        MOVIES,
        &[
            ("/0/metadata/default/http.method", Json::Null),
            ("/0/metadata/default/net.peer.port", Json::Null),
            ("/0/metadata/default/http.route", json!("/movies")),
        ],
    );
}

#[test]
fn check_flags() {
    let case = |status: Option<i64>, code: StatusCode, expect: (bool, bool, bool)| {
        let attrs: Vec<(&str, A)> = status
            .map(|s| ("http.status_code", I(s)))
            .into_iter()
            .collect();
        let span = with_status(span(Server, false, &attrs), code, "");
        let flag = |pointer| json!(true) == super::convert(&span, MOVIES)[0][pointer];
        assert_eq!(
            (flag("error"), flag("throttle"), flag("fault")),
            expect,
            "{status:?} {code:?}"
        );
    };
    case(Some(200), StatusCode::Unset, (false, false, false));
    case(Some(404), StatusCode::Unset, (true, false, false));
    // The HTTP status beats the span status.
    case(Some(404), StatusCode::Error, (true, false, false));
    case(Some(429), StatusCode::Unset, (true, true, false));
    case(Some(503), StatusCode::Unset, (false, false, true));
    case(Some(302), StatusCode::Error, (false, false, true));
    case(None, StatusCode::Error, (false, false, true));
    case(None, StatusCode::Ok, (false, false, false));
}

#[test]
fn check_causes() {
    // An exception event, with the span's kind deciding `remote`.
    let failed = with_event(
        span(Client, true, &[("http.status_code", I(400))]),
        "exception",
        &[
            ("exception.type", S("ConditionalCheckFailedException")),
            ("exception.message", S("The conditional request failed")),
        ],
    );
    check(
        &failed,
        MOVIES,
        &[(
            "/0/cause",
            json!({"exceptions": [{"id": "<derived 1>", "message": "The conditional request failed",
                               "type": "ConditionalCheckFailedException", "remote": true}]}),
        )],
    );
    // Status ERROR without events: the status message, typeless.
    let errored = with_status(
        span(Internal, true, &[]),
        StatusCode::Error,
        "deadline exceeded",
    );
    check(
        &errored,
        MOVIES,
        &[
            ("/0/cause/exceptions/0/message", json!("deadline exceeded")),
            ("/0/cause/exceptions/0/type", json!("")),
            ("/0/fault", json!(true)),
        ],
    );
    // ... or the OpenCensus-era status text, which it consumes.
    let texted = with_status(
        span(Internal, true, &[("http.status_text", S("Bad Gateway"))]),
        StatusCode::Error,
        "",
    );
    check(
        &texted,
        MOVIES,
        &[
            ("/0/cause/exceptions/0/message", json!("Bad Gateway")),
            ("/0/metadata", Json::Null),
        ],
    );
    // An empty status says nothing.
    check(
        &with_status(span(Internal, true, &[]), StatusCode::Error, ""),
        MOVIES,
        &[("/0/cause", Json::Null)],
    );
    // A failed attempt of an AWS SDK call.
    let retried = with_event(
        span(Client, true, &[("rpc.system", S("aws-api"))]),
        "HTTP request failure",
        &[
            ("http.response.status_code", I(503)),
            ("aws.http.error_message", S("Service Unavailable")),
        ],
    );
    check(
        &retried,
        MOVIES,
        &[(
            "/0/cause/exceptions/0",
            json!({"id": "<derived 1>", "type": "aws.http.error.event", "remote": true,
               "message": "503@1700000000.510000@Service Unavailable"}),
        )],
    );
    // Two exception events, each with its own id.
    let twice = with_event(
        with_event(
            span(Server, false, &[]),
            "exception",
            &[("exception.type", S("A"))],
        ),
        "exception",
        &[("exception.type", S("B"))],
    );
    check(
        &twice,
        MOVIES,
        &[
            ("/0/cause/exceptions/0/id", json!("<derived 1>")),
            ("/0/cause/exceptions/1/id", json!("<derived 2>")),
            ("/0/cause/exceptions/1/remote", json!(false)),
        ],
    );
}

#[test]
fn check_aws() {
    // What botocore's instrumentation sends for a DynamoDB call.
    let get_item = span(
        Client,
        true,
        &[
            ("rpc.system", S("aws-api")),
            ("rpc.service", S("DynamoDB")),
            ("rpc.method", S("GetItem")),
            ("cloud.region", S("us-east-1")),
            ("db.system", S("dynamodb")),
            ("aws.dynamodb.table_names", L(&["movies-app"])),
            ("aws.request_id", S("WDPE78")),
            ("retry_attempts", I(0)),
            ("http.status_code", I(200)),
        ],
    );
    check(
        &get_item,
        MOVIES,
        &[
            ("/0/name", json!("DynamoDB")),
            ("/0/namespace", json!("aws")),
            (
                "/0/aws",
                json!({"operation": "GetItem", "request_id": "WDPE78", "table_name": "movies-app",
                          "xray": {"auto_instrumentation": false}}),
            ),
            (
                "/0/metadata/default",
                json!({"aws.dynamodb.table_names": ["movies-app"], "cloud.region": "us-east-1",
                                       "db.system": "dynamodb", "retry_attempts": 0,
                                       "rpc.service": "DynamoDB", "rpc.system": "aws-api"}),
            ),
        ],
    );
    let case = |attrs: &[(&str, A)], resource: &[(&str, A)], pointer: &str, expect: Json| {
        check(&span(Client, true, attrs), resource, &[(pointer, expect)]);
    };
    case(
        &[
            ("aws.dynamodb.table_names", L(&["a", "b"])),
            ("aws.table_name", S("x")),
        ],
        &[],
        "/0/aws/table_name",
        Json::Null,
    );
    case(
        &[("aws.dynamodb.table_names", L(&["a", "b"]))],
        &[],
        "/0/aws/table_names",
        json!(["a", "b"]),
    );
    case(
        &[("aws.dynamodb.table_names", S("one"))],
        &[],
        "/0/aws/table_name",
        json!("one"),
    );
    case(
        &[("aws.queue_url", S("q1")), ("messaging.url", S("q2"))],
        &[],
        "/0/aws/queue_url",
        json!("q2"),
    );
    case(
        &[("aws.operation", S("Put")), ("rpc.method", S("P"))],
        &[],
        "/0/aws/operation",
        json!("Put"),
    );
    case(
        &[("aws.region", S("eu-west-1"))],
        &[],
        "/0/aws/region",
        json!("eu-west-1"),
    );
    // Another cloud has no aws block and no origin.
    case(
        &[("aws.region", S("x"))],
        &[
            ("cloud.provider", S("gcp")),
            ("cloud.platform", S("gcp_cloud_run")),
        ],
        "/0/aws",
        Json::Null,
    );
    // Where the code runs, from the resource.
    case(
        &[],
        &[("cloud.account.id", S("123456789012"))],
        "/0/aws/account_id",
        json!("123456789012"),
    );
    case(
        &[],
        &[
            ("telemetry.sdk.name", S("opentelemetry")),
            ("telemetry.sdk.language", S("python")),
            ("telemetry.sdk.version", S("1.45.1")),
            ("telemetry.auto.version", S("0.66b1")),
        ],
        "/0/aws/xray",
        json!({"sdk": "opentelemetry for python", "sdk_version": "1.45.1", "auto_instrumentation": true}),
    );
    case(
        &[],
        &[
            ("cloud.platform", S("aws_ec2")),
            ("host.id", S("i-0abc")),
            ("cloud.availability_zone", S("us-east-1a")),
            ("host.type", S("t3.micro")),
        ],
        "/0/aws/ec2",
        json!({"instance_id": "i-0abc", "availability_zone": "us-east-1a", "instance_size": "t3.micro"}),
    );
    case(
        &[],
        &[
            ("cloud.platform", S("aws_ecs")),
            ("aws.ecs.launchtype", S("fargate")),
            ("aws.ecs.task.arn", S("arn:t")),
            ("container.name", S("app")),
        ],
        "/0/aws/ecs",
        json!({"container": "app", "task_arn": "arn:t", "launch_type": "fargate"}),
    );
    case(
        &[],
        &[("k8s.cluster.name", S("prod")), ("k8s.pod.name", S("p-1"))],
        "/0/aws/eks",
        json!({"cluster_name": "prod", "pod": "p-1"}),
    );
    case(
        &[],
        &[
            ("cloud.platform", S("aws_elastic_beanstalk")),
            ("service.instance.id", S("23")),
            ("service.namespace", S("env")),
        ],
        "/0/aws/elastic_beanstalk",
        json!({"environment_name": "env", "deployment_id": 23}),
    );
    case(
        &[],
        &[(
            "aws.log.group.arns",
            S("arn:aws:logs:us-east-1:1:log-group:app&arn:aws:logs:us-east-1:1:log-group:b"),
        )],
        "/0/aws/cloudwatch_logs",
        json!([{"log_group": "app", "arn": "arn:aws:logs:us-east-1:1:log-group:app"},
               {"log_group": "b", "arn": "arn:aws:logs:us-east-1:1:log-group:b"}]),
    );
    case(
        &[],
        &[("aws.log.group.names", L(&["app"]))],
        "/0/aws/cloudwatch_logs",
        json!([{"log_group": "app"}]),
    );
}

#[test]
fn check_origin_and_service() {
    let case = |resource: &[(&str, A)], origin: Json| {
        check(
            &span(Server, false, &[]),
            resource,
            &[("/0/origin", origin)],
        );
    };
    case(
        &[("cloud.platform", S("aws_app_runner"))],
        json!("AWS::AppRunner::Service"),
    );
    case(
        &[
            ("cloud.platform", S("aws_ecs")),
            ("aws.ecs.launchtype", S("ec2")),
        ],
        json!("AWS::ECS::EC2"),
    );
    case(
        &[
            ("cloud.platform", S("aws_ecs")),
            ("aws.ecs.launchtype", S("fargate")),
        ],
        json!("AWS::ECS::Fargate"),
    );
    case(
        &[("cloud.platform", S("aws_ecs"))],
        json!("AWS::ECS::Container"),
    );
    case(
        &[("cloud.platform", S("aws_eks"))],
        json!("AWS::EKS::Container"),
    );
    case(
        &[("cloud.platform", S("aws_ec2"))],
        json!("AWS::EC2::Instance"),
    );
    case(
        &[("cloud.platform", S("aws_elastic_beanstalk"))],
        json!("AWS::ElasticBeanstalk::Environment"),
    );
    case(&[("cloud.platform", S("aws_lambda"))], Json::Null);
    case(
        &[
            ("cloud.provider", S("azure")),
            ("cloud.platform", S("aws_ec2")),
        ],
        Json::Null,
    );
    case(&[], Json::Null);
    check(
        &span(Server, false, &[]),
        &[("service.version", S("1.4.2"))],
        &[("/0/service", json!({"version": "1.4.2"}))],
    );
    check(
        &span(Server, false, &[]),
        &[("container.image.tag", S("v7"))],
        &[("/0/service", json!({"version": "v7"}))],
    );
}

#[test]
fn check_sql() {
    let query = span(
        Client,
        true,
        &[
            ("db.system", S("postgresql")),
            ("db.name", S("shop")),
            ("db.user", S("app")),
            ("db.statement", S("SELECT * FROM orders WHERE id = $1")),
            ("db.connection_string", S("postgresql://db.internal:5432")),
        ],
    );
    check(
        &query,
        MOVIES,
        &[
            (
                "/0/sql",
                json!({"url": "GET /movies", "connection_string": "postgresql://db.internal:5432/shop",
                          "database_type": "postgresql", "user": "app",
                          "sanitized_query": "SELECT * FROM orders WHERE id = $1"}),
            ),
            ("/0/name", json!("shop@db.internal")),
            ("/0/metadata", Json::Null),
        ],
    );
    // Not an SQL database: no block, and the attributes stay.
    let redis = span(
        Client,
        true,
        &[("db.system", S("redis")), ("db.statement", S("GET k"))],
    );
    check(
        &redis,
        MOVIES,
        &[
            ("/0/sql", Json::Null),
            ("/0/metadata/default/db.statement", json!("GET k")),
        ],
    );
}

#[test]
fn check_annotations_and_metadata() {
    let tagged = span(
        Internal,
        true,
        &[
            (
                "aws.xray.annotations",
                L(&[
                    "order.id",
                    "vip",
                    "tags",
                    "otel.resource.deployment.environment",
                ]),
            ),
            ("order.id", S("o-17")),
            ("vip", B(true)),
            ("tags", L(&["a"])),
            ("weight", D(1.5)),
            ("enduser.id", S("alice")),
            ("aws.xray.metadata.billing", S(r#"{"plan": "pro"}"#)),
            ("aws.xray.metadata.default", S(r#"{"merged": 1}"#)),
            ("aws.xray.metadata.broken", S("{nope")),
            ("bytes.key-1", S("x")),
        ],
    );
    check(
        &tagged,
        MOVIES,
        &[
            // Only scalars can be indexed: the array is dropped, not kept as metadata.
            ("/0/annotations", json!({"order.id": "o-17", "vip": true})),
            ("/0/user", json!("alice")),
            (
                "/0/metadata",
                json!({
                    "billing": {"plan": "pro"},
                    "default": {"weight": 1.5, "merged": 1, "aws.xray.metadata.broken": "{nope", "bytes.key-1": "x"}
                }),
            ),
        ],
    );
    // Resource attributes are the segment's, in metadata or (when asked) annotations.
    let root = span(
        Server,
        false,
        &[(
            "aws.xray.annotations",
            L(&["otel.resource.deployment.environment"]),
        )],
    );
    check(
        &root,
        &[
            ("service.name", S("movies_app")),
            ("deployment.environment", S("dev")),
        ],
        &[
            (
                "/0/annotations",
                json!({"otel.resource.deployment.environment": "dev"}),
            ),
            (
                "/0/metadata",
                json!({"default": {"otel.resource.service.name": "movies_app"}}),
            ),
        ],
    );
    // Annotation keys keep letters, digits, `_` and `.`.
    check(
        &span(
            Internal,
            true,
            &[("aws.xray.annotations", L(&["a-b c"])), ("a-b c", I(3))],
        ),
        MOVIES,
        &[("/0/annotations", json!({"a_b_c": 3.0}))],
    );
    // A subsegment carries no resource.
    check(
        &span(Internal, true, &[]),
        MOVIES,
        &[("/0/metadata", Json::Null), ("/0/annotations", Json::Null)],
    );
}
