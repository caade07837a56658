//! Connections that try to hold a slot (issue 20, item 1): many that send half a request head
//! and stop, and kept-alive ones that go idle after a request. While they are held the health
//! check must answer; after the header timeout (plus slack) every one must have been closed.

use std::io::{BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use super::http::{Client, connect, read_response};
use super::server::HEADER_TIMEOUT_SECONDS;

/// Half-sent heads per round: well under the connection cap (512), so the load's own
/// connections are never the ones refused.
const HALF_SENT: usize = 100;
const IDLE: usize = 20;
/// How long past the header timeout a held connection may stay open.
const SLACK: Duration = Duration::from_secs(3);

/// One round of both; `Err` says what was wrong.
pub fn round(addr: SocketAddr) -> Result<(), String> {
    let mut held = Vec::with_capacity(HALF_SENT + IDLE);
    for _ in 0..HALF_SENT {
        let mut stream = connect(addr).map_err(|e| format!("{e:#}"))?;
        let _ = stream.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ");
        held.push(stream);
    }
    for _ in 0..IDLE {
        held.push(idle_after_one_request(addr)?);
    }
    let since = Instant::now();
    let health = Client::new(addr)
        .get("/api/v1/health", &[])
        .map_err(|e| format!("health while {} connections are held: {e:#}", held.len()))?;
    if health.status != 200 {
        return Err(format!(
            "health answered {} while connections are held",
            health.status
        ));
    }
    let deadline = since + Duration::from_secs(HEADER_TIMEOUT_SECONDS) + SLACK;
    let open = held
        .iter_mut()
        .map(|stream| closed_by(stream, deadline))
        .filter(|closed| !closed)
        .count();
    match open {
        0 => Ok(()),
        n => Err(format!(
            "{n} of {} held connections still open after {:?}",
            held.len(),
            deadline - since
        )),
    }
}

/// A connection that made one complete request and now says nothing.
fn idle_after_one_request(addr: SocketAddr) -> Result<TcpStream, String> {
    let stream = connect(addr).map_err(|e| format!("{e:#}"))?;
    let mut reader = BufReader::new(stream);
    let request = format!("GET /api/v1/health HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    reader
        .get_mut()
        .write_all(request.as_bytes())
        .and_then(|()| {
            read_response(&mut reader)
                .map(drop)
                .map_err(std::io::Error::other)
        })
        .map_err(|e| format!("the keep-alive request: {e}"))?;
    Ok(reader.into_inner())
}

/// Whether the server closed `stream` before `deadline` (reads EOF or a reset).
fn closed_by(stream: &mut TcpStream, deadline: Instant) -> bool {
    let mut buffer = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return false;
        }
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            // A 408 or the like before the close is fine: read on.
            Ok(_) => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return false;
            }
            Err(_) => return true,
        }
    }
}
