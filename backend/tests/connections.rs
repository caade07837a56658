//! Connections cannot hold the server hostage: half-sent requests are closed after the header
//! timeout, a server at its connection cap still answers the health check (and refuses the rest
//! with the JSON error body), and connections past the overflow are closed at once.
//! Raw sockets on purpose: what is tested is what a misbehaving client does at the TCP level.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use backend::startup::connections::{ConnectionLimits, serve};
use emulator::ScenarioName;

#[allow(dead_code)] // The harness needs it; this test reads raw sockets instead.
#[path = "support/answer.rs"]
mod support_answer;
#[path = "support/harness.rs"]
mod support_harness;
use support_harness::Harness;

const SERVED: usize = 8;
/// `startup::connections`' overflow, read for one request each.
const OVERFLOW: usize = 64;
const HALF_REQUEST: &[u8] = b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";

/// A whole request on a new connection; the status and the body, or `None` if the connection
/// was closed without an answer.
fn exchange(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let status = answer.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, answer))
}

/// Whether the server closed `stream` (a read ends or fails instead of waiting).
fn closed(mut stream: &TcpStream) -> bool {
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut byte = [0u8; 1];
    match stream.read(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(error) => !matches!(
            error.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn half_sent_connections_are_closed_and_health_keeps_answering() {
    let harness = Harness::start(ScenarioName::Movies).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let port = listener.local_addr().expect("an address").port();
    let limits = ConnectionLimits {
        // Long enough that no overflow place (2 s) frees up while the flood is being opened on
        // a loaded machine, short enough to wait for.
        header_timeout: Duration::from_secs(3),
        max_connections: SERVED,
    };
    tokio::spawn(serve(
        listener,
        harness.app.clone(),
        limits,
        std::future::pending(),
    ));

    let result = tokio::task::spawn_blocking(move || {
        let mut held: Vec<TcpStream> = (0..SERVED)
            .map(|_| {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
                stream.write_all(HALF_REQUEST).expect("writes");
                stream
            })
            .collect();
        std::thread::sleep(Duration::from_millis(100));
        // At the cap: anything but health gets a 503 with the JSON body, health is answered.
        let (status, refused) = exchange(port, "/api/v1/config").expect("an answer");
        assert_eq!(status, 503, "{refused}");
        assert!(
            refused.contains("\"code\":\"upstream_unavailable\""),
            "{refused}"
        );
        assert!(
            refused.to_ascii_lowercase().contains("retry-after: 1"),
            "{refused}"
        );
        assert!(refused.contains("max-connections"), "{refused}");
        assert_eq!(exchange(port, "/api/v1/health").map(|a| a.0), Some(200));

        // The overflow full too, and more on top: those are closed at once.
        for _ in 0..OVERFLOW + 20 {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
            let _ = stream.write_all(HALF_REQUEST);
            held.push(stream);
        }
        // "At once": well before an overflow place's 2 s or the 3 s header timeout could close
        // them, polled rather than slept for, since a loaded machine accepts the flood slowly.
        let flooded = Instant::now();
        let beyond = loop {
            let beyond = held[SERVED + OVERFLOW..]
                .iter()
                .filter(|s| closed(s))
                .count();
            if beyond == 20 || flooded.elapsed() > Duration::from_millis(1500) {
                break beyond;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(
            beyond, 20,
            "connections past the overflow are closed at once"
        );

        // The health check gets through as soon as an overflow place frees up.
        let started = Instant::now();
        let health = loop {
            match exchange(port, "/api/v1/health") {
                Some((200, _)) => break started.elapsed(),
                _ if started.elapsed() > Duration::from_secs(10) => {
                    panic!("health did not answer within 10 s of being flooded")
                }
                _ => std::thread::sleep(Duration::from_millis(100)),
            }
        };

        // Past the header timeout every half-sent connection is gone.
        std::thread::sleep(Duration::from_millis(3500));
        let still_open = held.iter().filter(|s| !closed(s)).count();
        (health, still_open)
    })
    .await
    .expect("the client thread");
    let (health, still_open) = result;
    assert!(health < Duration::from_secs(6), "health took {health:?}");
    assert_eq!(
        still_open, 0,
        "connections left open past the header timeout"
    );
}
