//! `POST /v1/traces` over the emulator's router: the spans a real OpenTelemetry SDK sent (the
//! seed's movies app under `opentelemetry-instrument`, captured as the Python exporter sent
//! them) come out of the X-Ray APIs as X-Ray would serve them, and bad requests store nothing.

mod xray_support;

use std::io::Write as _;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use emulator::server::{ServerOptions, router};
use emulator::{Clock, Emulator, EmulatorConfig, FaultConfig};
use http_body_util::BodyExt as _;
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use prost::Message as _;
use serde_json::{Value, json};
use tower::ServiceExt as _;
use xray_support::call;

/// 28 spans of 15 requests (4 answering 500) exported by the Python SDK 1.45 on 2026-12-03.
const MOVIES: &[u8] = include_bytes!("fixtures/movies_app_otel.pb");
/// A minute after the last of those spans.
const NOW: f64 = 1_796_329_455.0;
const PROTOBUF: &str = "application/x-protobuf";
const JSON: &str = "application/json";

fn emulator() -> Emulator {
    Emulator::new(&EmulatorConfig {
        clock: Clock::manual(NOW),
        ..EmulatorConfig::default()
    })
}

struct Answer {
    status: StatusCode,
    content_type: String,
    retry_after: Option<String>,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

async fn post(emulator: &Emulator, headers: &[(&str, &str)], body: Vec<u8>) -> Answer {
    let mut request = Request::post("/v1/traces");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let app = router(
        emulator.clone(),
        ServerOptions {
            credentials: Some(("test".into(), "test".into())),
        },
    );
    let response = app
        .oneshot(request.body(Body::from(body)).expect("request"))
        .await
        .expect("answered");
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    Answer {
        status: response.status(),
        content_type: header("content-type").unwrap_or_default(),
        retry_after: header("retry-after"),
        body: response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec(),
    }
}

fn summaries(emulator: &Emulator, filter: &str) -> Vec<Value> {
    let answer = call(
        emulator,
        "/TraceSummaries",
        json!({"StartTime": NOW - 3600.0, "EndTime": NOW, "FilterExpression": filter}),
    );
    answer["TraceSummaries"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

#[tokio::test]
async fn the_python_sdks_spans_are_served_as_xray_serves_them() {
    let emulator = emulator();
    let answer = post(&emulator, &[("content-type", PROTOBUF)], MOVIES.to_vec()).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type, PROTOBUF);
    let response = ExportTraceServiceResponse::decode(&answer.body[..]).expect("protobuf answer");
    assert_eq!(response.partial_success, None, "every span accepted");
    let stored = emulator.xray.stored();
    assert_eq!((stored.traces, stored.segments), (15, 28));

    // The service map: the client calls movies_app, which calls the DynamoDB table.
    let graph = call(
        &emulator,
        "/ServiceGraph",
        json!({"StartTime": NOW - 3600.0, "EndTime": NOW}),
    );
    let services = graph["Services"].as_array().cloned().unwrap_or_default();
    let node = |name: &str| services.iter().find(|s| s["Name"] == name).cloned();
    let table = node("movies-app").expect("the table is a node");
    assert_eq!(table["Type"], "AWS::DynamoDB::Table");
    let app = node("movies_app").expect("the app is a node");
    let edges = app["Edges"].as_array().cloned().unwrap_or_default();
    assert!(
        edges
            .iter()
            .any(|e| e["ReferenceId"] == table["ReferenceId"]),
        "{app}"
    );

    // Filter expressions see what the spans said.
    assert_eq!(summaries(&emulator, "http.status = 500").len(), 4);
    assert_eq!(summaries(&emulator, "fault = true").len(), 4);
    assert_eq!(summaries(&emulator, "http.method = \"PUT\"").len(), 5);
    assert_eq!(summaries(&emulator, "service(\"movies_app\")").len(), 15);

    // A 500's trace holds the DynamoDB call with its table and the Python exception.
    let failed = summaries(&emulator, "http.status = 500");
    let id = failed[0]["Id"].as_str().expect("trace id");
    assert!(
        id.starts_with("1-6b11"),
        "the xray id generator's timestamp: {id}"
    );
    let traces = call(&emulator, "/Traces", json!({"TraceIds": [id]}));
    let documents: Vec<Value> = traces["Traces"][0]["Segments"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| serde_json::from_str(s["Document"].as_str().unwrap_or_default()).expect("json"))
        .collect();
    let segment = documents
        .iter()
        .find(|d| d["type"].is_null())
        .expect("a segment");
    assert_eq!(segment["name"], "movies_app");
    assert_eq!(segment["fault"], true);
    assert_eq!(segment["http"]["request"]["method"], "GET");
    assert_eq!(segment["http"]["response"]["status"], 500);
    let exception = &segment["cause"]["exceptions"][0];
    assert_eq!(exception["type"], "TypeError");
    assert_eq!(exception["stack"][0]["label"], "get_movie");
    let call = documents
        .iter()
        .find(|d| d["type"] == "subsegment")
        .expect("the call");
    assert_eq!(call["name"], "DynamoDB");
    assert_eq!(call["namespace"], "aws");
    assert_eq!(call["aws"]["table_name"], "movies-app");
    assert_eq!(call["aws"]["operation"], "GetItem");
    assert_eq!(call["parent_id"], segment["id"]);
}

#[tokio::test]
async fn gzip_and_json_bodies_are_taken_too() {
    let emulator = emulator();
    let gzipped = post(
        &emulator,
        &[("content-type", PROTOBUF), ("content-encoding", "gzip")],
        gzip(MOVIES),
    )
    .await;
    assert_eq!(gzipped.status, StatusCode::OK);
    assert_eq!(emulator.xray.stored().segments, 28);

    // OTLP/JSON: hex ids, integer enums, 64-bit integers as strings.
    let request = ExportTraceServiceRequest::decode(MOVIES).expect("fixture");
    let json_body = serde_json::to_vec(&request).expect("OTLP/JSON");
    let fresh = self::emulator();
    let answer = post(
        &fresh,
        &[("content-type", "application/json; charset=utf-8")],
        json_body,
    )
    .await;
    assert_eq!(
        (answer.status, answer.content_type.as_str()),
        (StatusCode::OK, JSON)
    );
    assert_eq!(answer.json(), json!({}));
    assert_eq!(fresh.xray.stored().segments, 28);
}

/// A hand-written OTLP/JSON request of the given spans under service `api`.
fn json_request(spans: Value) -> Vec<u8> {
    json!({"resourceSpans": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "api"}}]},
        "scopeSpans": [{"scope": {"name": "manual"}, "spans": spans}]
    }]})
    .to_string()
    .into_bytes()
}

/// The one span of most requests here, starting at `start`.
fn span_at(start: f64) -> Value {
    json_span(
        "4bf92f3577b34da6a3ce929d0e0e4736",
        "00f067aa0ba902b7",
        start,
    )
}

fn json_span(trace_id: &str, span_id: &str, start: f64) -> Value {
    let nanos = |t: f64| format!("{}", (t * 1e9) as u64);
    json!({"traceId": trace_id, "spanId": span_id, "name": "GET /", "kind": 2,
           "startTimeUnixNano": nanos(start), "endTimeUnixNano": nanos(start + 0.01),
           "attributes": [{"key": "http.response.status_code", "value": {"intValue": "200"}}]})
}

/// A request that must store nothing: name, headers, body, the status and a part of the message.
type Refusal = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    Vec<u8>,
    StatusCode,
    &'static str,
);

#[tokio::test]
async fn check_refusals() {
    let good = || span_at(NOW - 5.0);
    let many: Vec<Value> = (0..10_001).map(|_| good()).collect();
    let cases: Vec<Refusal> = vec![
        (
            "not protobuf",
            vec![("content-type", PROTOBUF)],
            b"\xff\xff\xff".to_vec(),
            StatusCode::BAD_REQUEST,
            "not a protobuf ExportTraceServiceRequest",
        ),
        (
            "not JSON",
            vec![("content-type", JSON)],
            b"{\"resourceSpans\": [".to_vec(),
            StatusCode::BAD_REQUEST,
            "not an OTLP/JSON ExportTraceServiceRequest",
        ),
        (
            "string enums",
            vec![("content-type", JSON)],
            json_request(json!([{"kind": "SPAN_KIND_SERVER"}])),
            StatusCode::BAD_REQUEST,
            "OTLP/JSON",
        ),
        (
            "no content type",
            vec![],
            MOVIES.to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "application/x-protobuf or application/json",
        ),
        (
            "text",
            vec![("content-type", "text/plain")],
            MOVIES.to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type",
        ),
        (
            "brotli",
            vec![("content-type", PROTOBUF), ("content-encoding", "br")],
            MOVIES.to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send gzip or no encoding",
        ),
        (
            "bad gzip",
            vec![("content-type", PROTOBUF), ("content-encoding", "gzip")],
            MOVIES.to_vec(),
            StatusCode::BAD_REQUEST,
            "not valid gzip",
        ),
        (
            "over 5 MB",
            vec![("content-type", PROTOBUF)],
            vec![0; 5 * 1024 * 1024 + 1],
            StatusCode::PAYLOAD_TOO_LARGE,
            "larger than 5242880 bytes",
        ),
        (
            "over 5 MB inflated",
            vec![("content-type", PROTOBUF), ("content-encoding", "gzip")],
            gzip(&vec![0; 6 * 1024 * 1024]),
            StatusCode::PAYLOAD_TOO_LARGE,
            "uncompressed",
        ),
        (
            "10,001 spans",
            vec![("content-type", JSON)],
            json_request(Value::Array(many)),
            StatusCode::BAD_REQUEST,
            "10001 spans; at most 10000",
        ),
        (
            "3 h ahead",
            vec![("content-type", JSON)],
            json_request(json!([span_at(NOW + 3.0 * 3600.0)])),
            StatusCode::BAD_REQUEST,
            "3.0 hours in the future",
        ),
        (
            "15 days old",
            vec![("content-type", JSON)],
            json_request(json!([span_at(NOW - 15.0 * 86_400.0)])),
            StatusCode::BAD_REQUEST,
            "15.0 days in the past",
        ),
        (
            "25 h apart",
            vec![("content-type", JSON)],
            json_request(json!([
                good(),
                json_span(
                    "4bf92f3577b34da6a3ce929d0e0e4737",
                    "00f067aa0ba902b8",
                    NOW - 25.0 * 3600.0
                )
            ])),
            StatusCode::BAD_REQUEST,
            "within 24 hours",
        ),
        (
            "bad signature",
            vec![
                ("content-type", PROTOBUF),
                (
                    "authorization",
                    "AWS4-HMAC-SHA256 Credential=test/20261203/us-east-1/xray/aws4_request, SignedHeaders=host, Signature=00",
                ),
            ],
            MOVIES.to_vec(),
            StatusCode::BAD_REQUEST,
            "X-Amz-Date",
        ),
    ];
    for (name, headers, body, status, message) in cases {
        let emulator = emulator();
        let answer = post(&emulator, &headers, body).await;
        let text = if answer.content_type == PROTOBUF {
            String::from_utf8_lossy(&answer.body).into_owned()
        } else {
            answer.json()["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(answer.status, status, "{name}: {text}");
        assert!(
            text.contains(message),
            "{name}: {text:?} should say {message:?}"
        );
        assert_eq!(emulator.xray.stored().segments, 0, "{name} stored nothing");
    }
}

#[tokio::test]
async fn bad_spans_are_rejected_and_the_rest_stored() {
    let emulator = emulator();
    let mut big = json_span(
        "4bf92f3577b34da6a3ce929d0e0e4738",
        "00f067aa0ba902b9",
        NOW - 5.0,
    );
    big["attributes"] = json!([{"key": "blob", "value": {"stringValue": "x".repeat(210 * 1024)}}]);
    let spans = json!([
        span_at(NOW - 5.0),
        json_span(
            "00000000000000000000000000000000",
            "00f067aa0ba902b7",
            NOW - 5.0
        ),
        big,
    ]);
    let answer = post(&emulator, &[("content-type", JSON)], json_request(spans)).await;
    assert_eq!(answer.status, StatusCode::OK);
    let partial = &answer.json()["partialSuccess"];
    assert_eq!(partial["rejectedSpans"], 2);
    let message = partial["errorMessage"].as_str().unwrap_or_default();
    assert!(message.starts_with("2 of 3 spans rejected: "), "{message}");
    assert!(
        message.contains("traceId must be 16 bytes, not all zero"),
        "{message}"
    );
    assert!(message.contains("more than 204800"), "{message}");
    assert_eq!(emulator.xray.stored().segments, 1);
    // A random W3C trace id is accepted as it is (X-Ray does not read its first bytes as time).
    assert_eq!(
        summaries(&emulator, "service(\"api\")")[0]["Id"],
        "1-4bf92f35-77b34da6a3ce929d0e0e4736"
    );

    // Protobuf answers carry the same partial success.
    let mut request = ExportTraceServiceRequest::decode(MOVIES).expect("fixture");
    request.resource_spans[0].scope_spans[0].spans[0].span_id = vec![1, 2];
    let answer = post(
        &emulator,
        &[("content-type", PROTOBUF)],
        request.encode_to_vec(),
    )
    .await;
    let response = ExportTraceServiceResponse::decode(&answer.body[..]).expect("protobuf");
    let partial = response.partial_success.expect("partial success");
    assert_eq!(partial.rejected_spans, 1);
    assert!(
        partial.error_message.contains("spanId must be 8 bytes"),
        "{}",
        partial.error_message
    );
}

#[tokio::test]
async fn throttling_answers_retry_after() {
    let emulator = Emulator::new(&EmulatorConfig {
        clock: Clock::manual(NOW),
        faults: FaultConfig {
            throttle_ratio: 1.0,
            ..FaultConfig::default()
        },
        ..EmulatorConfig::default()
    });
    let answer = post(&emulator, &[("content-type", PROTOBUF)], MOVIES.to_vec()).await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer.retry_after.as_deref(), Some("1"));
    assert_eq!(emulator.xray.stored().segments, 0);
}

/// `MOVIES` signed as ADOT's exporter signs it (service `xray`) for `region`, with `secret`.
fn signed(region: &str, secret: &str) -> Vec<(String, String)> {
    use aws_credential_types::Credentials;
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    use aws_smithy_runtime_api::client::identity::Identity;

    let identity: Identity = Credentials::new("test", secret, None, None, "test").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("xray")
        .time(std::time::SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .expect("params")
        .into();
    let headers = [("host", "localhost"), ("content-type", PROTOBUF)];
    let signable = SignableRequest::new(
        "POST",
        "http://localhost/v1/traces",
        headers.into_iter(),
        SignableBody::Bytes(MOVIES),
    )
    .expect("signable");
    let (instructions, _) = sign(signable, &params).expect("signs").into_parts();
    let mut all: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect();
    all.extend(
        instructions
            .headers()
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    all
}

#[tokio::test]
async fn a_signed_export_is_verified_and_stored_in_its_region() {
    let emulator = emulator();
    let headers = signed("eu-west-1", "test");
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let answer = post(&emulator, &pairs, MOVIES.to_vec()).await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let in_region = |region: &str| {
        let answer = emulator.xray.handle(
            region,
            "/TraceSummaries",
            json!({"StartTime": NOW - 3600.0, "EndTime": NOW})
                .to_string()
                .as_bytes(),
        );
        answer
            .map(|a| a["TraceSummaries"].as_array().map_or(0, Vec::len))
            .unwrap_or(0)
    };
    assert_eq!((in_region("eu-west-1"), in_region("us-east-1")), (15, 0));

    let forged = signed("eu-west-1", "wrong");
    let pairs: Vec<(&str, &str)> = forged
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let answer = post(&self::emulator(), &pairs, MOVIES.to_vec()).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(String::from_utf8_lossy(&answer.body).contains("InvalidSignatureException"));
}
