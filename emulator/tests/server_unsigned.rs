//! Raw HTTP against a listening emulator: what a client without an AWS SDK sees.

use emulator::{EmulatorConfig, RunningEmulator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn start(credentials: Option<(String, String)>) -> RunningEmulator {
    let config = EmulatorConfig {
        credentials,
        live: false,
        ..EmulatorConfig::default()
    };
    emulator::start(config).await.expect("emulator starts")
}

/// Sends one HTTP/1.1 request and returns the status line, the lower-cased head and the body.
async fn send(
    running: &RunningEmulator,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(running.addr()).await.expect("connects");
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nhost: {}\r\nconnection: close\r\ncontent-length: {}\r\n",
        running.addr(),
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.expect("writes");
    let mut response = String::new();
    stream.read_to_string(&mut response).await.expect("reads");
    let (head, body) = response.split_once("\r\n\r\n").expect("HTTP response");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    (status, head.to_lowercase(), body.to_owned())
}

const LIST_SERVICES: &[(&str, &str)] = &[
    ("x-amz-target", "AppRunner.ListServices"),
    ("content-type", "application/x-amz-json-1.0"),
];

#[tokio::test]
async fn signature_checking_off_accepts_unsigned_requests() {
    let running = start(None).await;
    let (status, head, body) = send(&running, "POST", "/", LIST_SERVICES, "{}").await;
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("x-amzn-requestid: "), "{head}");
    assert_eq!(body, r#"{"ServiceSummaryList":[]}"#);
    running.shutdown().await;
}

#[tokio::test]
async fn signature_checking_on_refuses_unsigned_requests() {
    let running = start(Some(("test".into(), "test".into()))).await;
    let (status, head, body) = send(&running, "POST", "/", LIST_SERVICES, "{}").await;
    assert_eq!(status, 403);
    assert!(
        head.contains("x-amzn-errortype: missingauthenticationtokenexception"),
        "{head}"
    );
    assert!(
        body.contains(r#""__type":"MissingAuthenticationTokenException""#),
        "{body}"
    );

    let (status, _, body) = send(&running, "GET", "/_emulator/health", &[], "").await;
    let health: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    assert_eq!(
        (status, &health["status"]),
        (200, &serde_json::json!("ok")),
        "the admin surface needs no signature: {body}"
    );
    assert!(
        health["xray"]["segments"].is_u64(),
        "what the store holds: {body}"
    );
    running.shutdown().await;
}

#[tokio::test]
async fn unknown_targets_get_the_aws_error() {
    let running = start(None).await;
    let target = [
        ("x-amz-target", "AppRunner.DeleteService"),
        ("content-type", "application/x-amz-json-1.0"),
    ];
    let (status, _, body) = send(&running, "POST", "/", &target, "{}").await;
    assert_eq!(status, 400);
    assert!(body.contains("UnknownOperationException"), "{body}");
    let other_service = [("x-amz-target", "DynamoDB_20120810.ListTables")];
    let (status, _, body) = send(&running, "POST", "/", &other_service, "{}").await;
    assert_eq!(status, 400);
    assert!(body.contains("UnknownOperationException"), "{body}");
    running.shutdown().await;
}
