//! The X-Ray daemon's two sides as the X-Ray SDKs use them: a segment in a UDP datagram is
//! stored, a bad datagram is dropped, and the TCP port answers the sampling calls unsigned
//! (and nothing else).

use std::net::SocketAddr;
use std::time::Duration;

use emulator::{EmulatorConfig, RunningEmulator};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};

async fn start() -> RunningEmulator {
    let config = EmulatorConfig {
        live: false,
        xray_daemon: Some(SocketAddr::from(([127, 0, 0, 1], 0))),
        ..EmulatorConfig::default()
    };
    emulator::start(config).await.expect("emulator starts")
}

/// An HTTP/1.1 POST over a plain socket, as the SDK's unsigned botocore client sends it.
async fn post(addr: SocketAddr, path: &str, body: &str) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).await.expect("connects");
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("sends");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.expect("reads");
    let status = answer[9..12].parse().unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

#[tokio::test]
async fn segments_over_udp_are_stored() {
    let running = start().await;
    let daemon = running.xray_daemon_addr().expect("daemon address");
    let socket = UdpSocket::bind("127.0.0.1:0").await.expect("binds");
    let now = emulator::Clock::system().now();
    let segment = json!({"name": "movies_app", "id": "70de5b6f19ff9a0a", "trace_id": format!("1-{:08x}-0123456789abcdef01234567", now as u32),
                         "start_time": now - 1.0, "end_time": now, "http": {"response": {"status": 200}}});
    let send = async |datagram: String| {
        socket
            .send_to(datagram.as_bytes(), daemon)
            .await
            .expect("sends");
    };
    send(format!("{{\"format\":\"json\",\"version\":1}}\n{segment}")).await;
    send(format!("no header {segment}")).await;
    send("{\"format\":\"json\",\"version\":1}\n{\"id\":\"nothex\"}".to_owned()).await;
    let mut stored = 0;
    for _ in 0..50 {
        stored = running.emulator().xray.stored().segments;
        if stored > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!((stored, running.emulator().xray.stored().segments), (1, 1));
    running.shutdown().await;
}

#[tokio::test]
async fn the_tcp_side_answers_sampling_unsigned() {
    let running = start().await;
    let daemon = running.xray_daemon_addr().expect("daemon address");
    let (status, rules) = post(daemon, "/GetSamplingRules", "{}").await;
    assert_eq!(status, 200);
    assert_eq!(
        rules["SamplingRuleRecords"][0]["SamplingRule"]["FixedRate"],
        1.0
    );
    let statistics = json!({"SamplingStatisticsDocuments": [
        {"RuleName": "Default", "ClientID": "707be8a4a528f9753b9ca785", "RequestCount": 38, "BorrowCount": 11, "SampledCount": 27, "Timestamp": 1796329272}
    ]});
    let (status, targets) = post(daemon, "/SamplingTargets", &statistics.to_string()).await;
    assert_eq!(status, 200);
    assert_eq!(targets["SamplingTargetDocuments"][0]["RuleName"], "Default");
    let (status, _) = post(daemon, "/SamplingTargets", r#"{"SamplingStatisticsDocuments": [{"RuleName": "Default", "ClientID": "short", "RequestCount": 1, "SampledCount": 1, "Timestamp": 1}]}"#).await;
    assert_eq!(status, 400);
    let (status, _) = post(daemon, "/SamplingTargets", "{}").await;
    assert_eq!(status, 400);
    // The daemon proxies sampling only: no way around the endpoint's signature check.
    let (status, error) = post(daemon, "/TraceSegments", r#"{"TraceSegmentDocuments": []}"#).await;
    assert_eq!(status, 404);
    assert!(
        error["message"]
            .as_str()
            .or(error["Message"].as_str())
            .unwrap_or_default()
            .contains("serves only"),
        "{error}"
    );
    running.shutdown().await;
}
