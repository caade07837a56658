//! Which documents a span becomes, their ids, names and namespaces.

use opentelemetry_proto::tonic::trace::v1::span::SpanKind::{
    self, Client, Consumer, Internal, Producer, Server,
};
use serde_json::{Value as Json, json};

use super::A::{L, S};
use super::{A, PARENT_ID, TRACE_ID, check, convert, span};

const MOVIES: &[(&str, A)] = &[("service.name", S("movies_app"))];

#[test]
fn check_segment_or_subsegment() {
    let case = |kind: SpanKind, parent: bool, attrs: &[(&str, A)], expect: &[(&str, Json)]| {
        check(&span(kind, parent, attrs), MOVIES, expect);
    };
    let parent = json!(hex::encode(PARENT_ID));
    // A SERVER span is its service's segment, under the resource's service.name.
    case(
        Server,
        false,
        &[],
        &[
            ("/0/name", json!("movies_app")),
            ("/0/type", Json::Null),
            ("/0/parent_id", Json::Null),
            ("/0/namespace", Json::Null),
            ("/0/id", json!("0102030405060708")),
            ("/0/trace_id", json!(TRACE_ID)),
            ("/0/start_time", json!(1_700_000_000.5)),
            ("/0/end_time", json!(1_700_000_000.525)),
            ("/1", Json::Null),
        ],
    );
    // ... also with a parent in another process: it answers a call.
    case(
        Server,
        true,
        &[],
        &[
            ("/0/name", json!("movies_app")),
            ("/0/type", Json::Null),
            ("/0/parent_id", parent.clone()),
        ],
    );
    // A span with a local parent is a subsegment, named after what it does.
    case(
        Internal,
        true,
        &[],
        &[
            ("/0/name", json!("GET /movies")),
            ("/0/type", json!("subsegment")),
            ("/0/parent_id", parent.clone()),
            ("/0/namespace", Json::Null),
        ],
    );
    case(
        Client,
        true,
        &[("peer.service", S("ratings"))],
        &[
            ("/0/name", json!("ratings")),
            ("/0/type", json!("subsegment")),
            ("/0/namespace", json!("remote")),
        ],
    );
    // A producer or consumer with a remote service names it, in the remote namespace.
    case(
        Producer,
        true,
        &[("aws.remote.service", S("orders-queue"))],
        &[
            ("/0/name", json!("orders-queue")),
            ("/0/namespace", json!("remote")),
        ],
    );
    case(Consumer, true, &[], &[("/0/namespace", Json::Null)]);
    // An INTERNAL span without a parent starts the trace in its service.
    case(
        Internal,
        false,
        &[],
        &[("/0/name", json!("movies_app")), ("/0/type", Json::Null)],
    );
    // ADOT's mark wins over a local parent.
    case(
        Internal,
        true,
        &[
            ("aws.span.kind", S("LOCAL_ROOT")),
            ("aws.local.service", S("billing")),
        ],
        &[
            ("/0/name", json!("billing")),
            ("/0/type", Json::Null),
            ("/0/parent_id", parent),
        ],
    );
}

#[test]
fn a_span_whose_parent_is_remote_is_a_local_root() {
    let mut consumer = span(Consumer, true, &[("peer.service", S("orders"))]);
    consumer.flags = 0x100 | 0x200 | 0x01;
    check(
        &consumer,
        MOVIES,
        &[
            ("/0/type", json!("subsegment")),
            ("/0/name", json!("orders")),
            ("/1/type", Json::Null),
            ("/1/name", json!("movies_app")),
            ("/1/parent_id", json!(hex::encode(PARENT_ID))),
        ],
    );
    // "is remote" without "known" says nothing: a local parent.
    consumer.flags = 0x200;
    check(
        &consumer,
        MOVIES,
        &[("/0/type", json!("subsegment")), ("/1", Json::Null)],
    );
}

#[test]
fn a_local_root_call_is_a_service_segment_and_its_call() {
    let call = span(
        Client,
        false,
        &[
            ("rpc.system", S("aws-api")),
            ("rpc.service", S("DynamoDB")),
            ("rpc.method", S("GetItem")),
            ("aws.remote.service", S("AWS::DynamoDB")),
            ("aws.region", S("us-east-1")),
            ("aws.dynamodb.table_names", L(&["movies-app"])),
            ("http.status_code", A::I(200)),
            ("http.url", S("https://dynamodb.us-east-1.amazonaws.com/")),
            ("http.method", S("POST")),
        ],
    );
    let got = convert(&call, MOVIES);
    assert_eq!(
        got,
        json!([
            {
                "id": "0102030405060708",
                "name": "DynamoDB",
                "trace_id": TRACE_ID,
                "parent_id": "<derived 0>",
                "type": "subsegment",
                "start_time": 1_700_000_000.5,
                "end_time": 1_700_000_000.525,
                "namespace": "aws",
                "http": {
                    "request": {"method": "POST", "url": "https://dynamodb.us-east-1.amazonaws.com/"},
                    "response": {"status": 200, "content_length": 0}
                },
                "aws": {
                    "operation": "GetItem",
                    "region": "us-east-1",
                    "table_name": "movies-app",
                    "xray": {"auto_instrumentation": false}
                },
                "metadata": {"default": {
                    "aws.dynamodb.table_names": ["movies-app"],
                    "aws.remote.service": "AWS::DynamoDB",
                    "rpc.service": "DynamoDB",
                    "rpc.system": "aws-api"
                }}
            },
            {
                "id": "<derived 0>",
                "name": "movies_app",
                "trace_id": TRACE_ID,
                "start_time": 1_700_000_000.5,
                "end_time": 1_700_000_000.525,
                "aws": {"xray": {"auto_instrumentation": false}},
                "metadata": {"default": {"otel.resource.service.name": "movies_app"}}
            }
        ])
    );
}

#[test]
fn check_names() {
    let case = |kind: SpanKind, attrs: &[(&str, A)], name: &str| {
        check(
            &span(kind, true, attrs),
            MOVIES,
            &[("/0/name", json!(name))],
        );
    };
    // The first rule that gives a name wins.
    case(
        Server,
        &[
            ("aws.local.service", S("local")),
            ("peer.service", S("peer")),
        ],
        "local",
    );
    case(
        Client,
        &[
            ("aws.remote.service", S("AWS.SDK.SQS")),
            ("rpc.system", S("aws-api")),
        ],
        "SQS",
    );
    // The SDK prefix is only an SDK's.
    case(
        Client,
        &[("aws.remote.service", S("AWS::thing"))],
        "AWS::thing",
    );
    case(
        Client,
        &[("peer.service", S("peer")), ("aws.service", S("S3"))],
        "peer",
    );
    case(
        Client,
        &[("aws.service", S("S3")), ("db.name", S("shop"))],
        "S3",
    );
    case(
        Client,
        &[
            ("db.name", S("shop")),
            (
                "db.connection_string",
                S("jdbc:postgresql://db.internal:5432"),
            ),
        ],
        "shop@db.internal",
    );
    case(
        Client,
        &[
            ("db.name", S("shop")),
            ("db.connection_string", S("localhost")),
        ],
        "shop",
    );
    case(Server, &[("rpc.service", S("Greeter"))], "movies_app");
    case(
        Client,
        &[("rpc.service", S("Greeter")), ("http.host", S("h"))],
        "Greeter",
    );
    case(
        Client,
        &[
            ("http.host", S("api.example.com")),
            ("net.peer.name", S("p")),
        ],
        "api.example.com",
    );
    case(
        Client,
        &[("net.peer.name", S("ratings.internal"))],
        "ratings.internal",
    );
    // The span name, cleaned: only X-Ray's characters, at most 200 bytes, never empty.
    case(Client, &[], "GET /movies");
    let mut odd = span(Client, true, &[]);
    odd.name = "SELECT * FROM (movies) <x>".into();
    check(&odd, MOVIES, &[("/0/name", json!("SELECT  FROM movies x"))]);
    odd.name = "!!!".into();
    check(&odd, MOVIES, &[("/0/name", json!("span"))]);
    odd.name = "é".repeat(150);
    check(&odd, MOVIES, &[("/0/name", json!("é".repeat(100)))]);
    // A service name with characters X-Ray refuses is cleaned too, rather than lost.
    check(
        &span(Server, false, &[]),
        &[("service.name", S("movies (dev)"))],
        &[("/0/name", json!("movies dev"))],
    );
}

#[test]
fn check_namespaces() {
    let case = |kind: SpanKind, attrs: &[(&str, A)], namespace: Json| {
        check(
            &span(kind, true, attrs),
            MOVIES,
            &[("/0/namespace", namespace)],
        );
    };
    case(Client, &[("rpc.system", S("aws-api"))], json!("aws"));
    case(Internal, &[("aws.service", S("S3"))], json!("aws"));
    case(Client, &[], json!("remote"));
    case(Internal, &[], Json::Null);
    case(Producer, &[], Json::Null);
}

#[test]
fn malformed_ids_are_refused() {
    let refused = |span| {
        convert(&span, MOVIES)["refused"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let mut bad = span(Server, false, &[]);
    bad.trace_id = vec![0; 16];
    assert!(refused(bad.clone()).contains("traceId must be 16 bytes"));
    bad.trace_id = vec![1; 8];
    assert!(refused(bad).contains("got 8 bytes"));
    let mut bad = span(Server, false, &[]);
    bad.span_id = Vec::new();
    assert!(refused(bad).contains("spanId"));
    let mut bad = span(Server, false, &[]);
    bad.parent_span_id = vec![1, 2, 3];
    assert!(refused(bad).contains("parentSpanId"));
    // An all-zero parent is no parent.
    let mut root = span(Server, false, &[]);
    root.parent_span_id = vec![0; 8];
    check(&root, MOVIES, &[("/0/parent_id", Json::Null)]);
}

#[test]
fn check_trace_ids() {
    let check = |hex_id: &str, expect: Option<&str>| {
        let bytes = hex::decode(hex_id).unwrap_or_default();
        assert_eq!(
            super::super::xray_trace_id(&bytes).as_deref(),
            expect,
            "{hex_id}"
        );
    };
    check(
        "4bf92f3577b34da6a3ce929d0e0e4736",
        Some("1-4bf92f35-77b34da6a3ce929d0e0e4736"),
    );
    // The X-Ray id generator's ids keep their timestamp.
    check(
        "6553f1000123456789abcdef01234567",
        Some("1-6553f100-0123456789abcdef01234567"),
    );
    check("00000000000000000000000000000000", None);
    check("4bf92f3577b34da6", None);
}

#[test]
fn links_become_links() {
    let mut linked = span(Server, false, &[]);
    linked
        .links
        .push(opentelemetry_proto::tonic::trace::v1::span::Link {
            trace_id: hex::decode("6553f1000123456789abcdef01234567").unwrap_or_default(),
            span_id: PARENT_ID.to_vec(),
            attributes: super::attrs(&[("reason", S("batch"))]),
            ..Default::default()
        });
    // A link without a valid span id is dropped.
    linked.links.push(Default::default());
    check(
        &linked,
        MOVIES,
        &[(
            "/0/links",
            json!([{"trace_id": "1-6553f100-0123456789abcdef01234567", "id": "1112131415161718", "attributes": {"reason": "batch"}}]),
        )],
    );
}
