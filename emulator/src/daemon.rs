//! The X-Ray daemon's two sides, for apps still on an X-Ray SDK: segments arrive over UDP, one
//! per datagram (`{"format":"json","version":1}`, a newline, then the document), and the SDKs'
//! centralized sampling asks the daemon's TCP port (unsigned; the real daemon signs and forwards
//! to X-Ray) for GetSamplingRules and GetSamplingTargets. Both listen on the same address, as the
//! daemon does (`AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000`).
//!
//! Segments are stored as PutTraceSegments stores them, in the default region; what X-Ray
//! would refuse is logged with the reason, as the daemon logs it.

use std::net::SocketAddr;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::Response;
use axum::routing::post;
use tokio::net::{TcpListener, UdpSocket};
use tokio::task::JoinHandle;

use crate::Emulator;
use crate::protocol::{AwsError, Protocol, error_response, ok_response};
use crate::server::DEFAULT_REGION;

/// The header line every datagram starts with.
const HEADER: &str = r#"{"format":"json","version":1}"#;
/// The most a UDP datagram can carry.
const MAX_DATAGRAM: usize = 65_535;
/// The X-Ray operations the daemon's TCP side serves.
const SAMPLING_PATHS: &[&str] = &["/GetSamplingRules", "/SamplingTargets"];
/// Tries at finding a port free for both UDP and TCP when any port will do.
const PORT_TRIES: usize = 20;

/// A listening daemon; its tasks end when it is dropped.
pub struct RunningDaemon {
    addr: SocketAddr,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningDaemon {
    /// The address for `AWS_XRAY_DAEMON_ADDRESS`.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for RunningDaemon {
    fn drop(&mut self) {
        self.tasks.iter().for_each(JoinHandle::abort);
    }
}

/// Binds UDP and TCP on `addr` (port 0: the same free port for both) and serves.
pub async fn start(emulator: Emulator, addr: SocketAddr) -> std::io::Result<RunningDaemon> {
    let (udp, tcp) = bind_pair(addr).await?;
    let addr = udp.local_addr()?;
    let receiver = tokio::spawn(receive_segments(udp, emulator.clone()));
    let app = Router::new()
        .route("/{operation}", post(sampling))
        .with_state(emulator);
    let server = tokio::spawn(async move {
        if let Err(error) = axum::serve(tcp, app).await {
            tracing::error!(%error, "the X-Ray daemon's TCP side stopped");
        }
    });
    tracing::info!(%addr, "X-Ray daemon listening (UDP segments, TCP sampling)");
    Ok(RunningDaemon {
        addr,
        tasks: vec![receiver, server],
    })
}

async fn bind_pair(addr: SocketAddr) -> std::io::Result<(UdpSocket, TcpListener)> {
    let tries = if addr.port() == 0 { PORT_TRIES } else { 1 };
    let mut last = None;
    for _ in 0..tries {
        let udp = UdpSocket::bind(addr).await?;
        match TcpListener::bind(udp.local_addr()?).await {
            Ok(tcp) => return Ok((udp, tcp)),
            Err(error) => last = Some(error),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no port free for both UDP and TCP")))
}

async fn receive_segments(socket: UdpSocket, emulator: Emulator) {
    let mut buffer = vec![0; MAX_DATAGRAM];
    loop {
        let (size, from) = match socket.recv_from(&mut buffer).await {
            Ok(received) => received,
            Err(error) => {
                tracing::warn!(%error, "the X-Ray daemon could not receive a datagram");
                continue;
            }
        };
        let document = match segment_of(&buffer[..size]) {
            Ok(document) => document,
            Err(reason) => {
                tracing::warn!(%from, reason, "X-Ray daemon: datagram dropped");
                continue;
            }
        };
        for (id, reason) in emulator.xray.put_documents(DEFAULT_REGION, vec![document]) {
            tracing::warn!(%from, id, reason, "X-Ray daemon: segment refused");
        }
    }
}

/// The document of one datagram, after its header line.
pub(crate) fn segment_of(datagram: &[u8]) -> Result<String, &'static str> {
    let text = std::str::from_utf8(datagram).map_err(|_| "the datagram is not UTF-8")?;
    let (header, document) = text
        .split_once('\n')
        .ok_or("the datagram has no header line")?;
    let header: serde_json::Value =
        serde_json::from_str(header).map_err(|_| "the header line is not JSON")?;
    let expected: serde_json::Value =
        serde_json::from_str(HEADER).map_err(|_| "the header line is not JSON")?;
    if header != expected {
        return Err(r#"the header line is not {"format":"json","version":1}"#);
    }
    Ok(document.trim_end().to_owned())
}

async fn sampling(
    State(emulator): State<Emulator>,
    Path(operation): Path<String>,
    body: Bytes,
) -> Response<Body> {
    let request_id = uuid::Uuid::new_v4().to_string();
    let path = format!("/{operation}");
    if !SAMPLING_PATHS.contains(&path.as_str()) {
        let error = AwsError::new(
            404,
            "UnknownOperationException",
            format!(
                "the X-Ray daemon's TCP port serves only GetSamplingRules and GetSamplingTargets, not POST {path}"
            ),
        );
        return error_response(Protocol::RestJson1, &error, &request_id);
    }
    match emulator.xray.handle(DEFAULT_REGION, &path, &body) {
        Ok(value) => ok_response(Protocol::RestJson1, &value, &request_id),
        Err(error) => error_response(Protocol::RestJson1, &error, &request_id),
    }
}

#[cfg(test)]
mod tests {
    use super::segment_of;

    #[test]
    fn check_datagrams() {
        let check = |datagram: &[u8], expect: Result<&str, &str>| {
            assert_eq!(segment_of(datagram).as_deref().map_err(|e| *e), expect);
        };
        check(
            b"{\"format\":\"json\",\"version\":1}\n{\"id\":\"1\"}",
            Ok("{\"id\":\"1\"}"),
        );
        // Any spacing of the header is the same header.
        check(b"{\"format\": \"json\", \"version\": 1}\n{}\n", Ok("{}"));
        check(b"{\"id\":\"1\"}", Err("the datagram has no header line"));
        check(
            b"{\"format\":\"json\",\"version\":2}\n{}",
            Err(r#"the header line is not {"format":"json","version":1}"#),
        );
        check(b"nope\n{}", Err("the header line is not JSON"));
        check(b"\xff\n{}", Err("the datagram is not UTF-8"));
    }
}
