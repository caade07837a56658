//! Just enough HTTP/1.1 over a blocking `TcpStream` for the soak: keep-alive requests with a
//! body read by `Content-Length` or chunks, and raw bytes for the attacks — a client library
//! would refuse to send most of them (a header twice, a half-sent head, a `%72egion`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use anyhow::{Context, Result, bail};

/// No answer in this long is a failed request (the server's own limit is 30 s).
pub const READ_TIMEOUT: Duration = Duration::from_secs(40);
/// Bodies larger than this are read but not kept whole (a list of 50 traces is ~100 KB and must
/// parse; a large trace's export need not).
const KEEP_BODY_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Default)]
pub struct Response {
    pub status: u16,
    /// Names lowercased.
    pub headers: Vec<(String, String)>,
    /// The first [`KEEP_BODY_BYTES`] of the body.
    pub body: Vec<u8>,
    /// The server said `Connection: close` (or spoke HTTP/1.0).
    pub closes: bool,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// `code` of runtrace's JSON error body (`{code, message}`), if the body is one.
    pub fn error_code(&self) -> Option<String> {
        let json: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        Some(json.get("code")?.as_str()?.to_owned())
    }
}

/// A keep-alive connection that reconnects when the server closed it.
pub struct Client {
    addr: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

impl Client {
    pub fn new(addr: SocketAddr) -> Self {
        Self { addr, stream: None }
    }

    /// `GET path` with `headers` (Host is added).
    pub fn get(&mut self, path: &str, headers: &[(&str, &str)]) -> Result<Response> {
        let mut head = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n", self.addr);
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        // A connection the server closed while idle fails at once: one retry on a fresh one.
        match self.exchange(head.as_bytes()) {
            Ok(response) => Ok(response),
            Err(_) => {
                self.stream = None;
                self.exchange(head.as_bytes())
            }
        }
    }

    fn exchange(&mut self, request: &[u8]) -> Result<Response> {
        let stream = match &mut self.stream {
            Some(stream) => stream,
            None => self.stream.insert(BufReader::new(connect(self.addr)?)),
        };
        stream.get_mut().write_all(request)?;
        let response = read_response(stream);
        if response.as_ref().map_or(true, |r| r.closes) {
            self.stream = None;
        }
        response
    }
}

pub fn connect(addr: SocketAddr) -> Result<TcpStream> {
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
        .with_context(|| format!("connecting to {addr}"))?;
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// Sends `request` as it is on a new connection and reads one response.
pub fn raw(addr: SocketAddr, request: &[u8]) -> Result<Response> {
    let mut stream = connect(addr)?;
    stream.write_all(request)?;
    read_response(&mut BufReader::new(stream))
}

pub fn read_response(reader: &mut impl BufRead) -> Result<Response> {
    let status_line = line(reader)?;
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().unwrap_or_default().to_owned();
    let status = parts
        .next()
        .and_then(|s| s.parse().ok())
        .with_context(|| format!("not an HTTP status line: {status_line:?}"))?;
    let mut response = Response {
        status,
        closes: version == "HTTP/1.0",
        ..Response::default()
    };
    loop {
        let header = line(reader)?;
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim().to_owned());
            if name == "connection" && value.eq_ignore_ascii_case("close") {
                response.closes = true;
            }
            response.headers.push((name, value));
        }
    }
    let length = response.header("content-length").map(str::parse::<usize>);
    let chunked = response
        .header("transfer-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
    match (length, chunked) {
        (_, true) => read_chunks(reader, &mut response.body)?,
        (Some(Ok(length)), false) => read_body(reader, length, &mut response.body)?,
        (Some(Err(_)), false) => bail!("a bad Content-Length"),
        // Neither: the body runs to the end of the connection (none for 1xx/204/304).
        (None, false) => {
            response.closes = true;
            reader.take(1 << 30).read_to_end(&mut response.body)?;
        }
    }
    Ok(response)
}

fn line(reader: &mut impl BufRead) -> Result<String> {
    let mut bytes = Vec::new();
    if reader
        .by_ref()
        .take(128 * 1024)
        .read_until(b'\n', &mut bytes)?
        == 0
    {
        bail!("the connection closed");
    }
    let text = String::from_utf8_lossy(&bytes);
    Ok(text.trim_end_matches(['\r', '\n']).to_owned())
}

fn read_body(reader: &mut impl BufRead, length: usize, body: &mut Vec<u8>) -> Result<()> {
    let mut left = length;
    let mut buffer = [0u8; 16 * 1024];
    while left > 0 {
        let want = left.min(buffer.len());
        let n = reader.read(&mut buffer[..want])?;
        if n == 0 {
            bail!("the connection closed inside a body");
        }
        let keep = n.min(KEEP_BODY_BYTES.saturating_sub(body.len()));
        body.extend_from_slice(&buffer[..keep]);
        left -= n;
    }
    Ok(())
}

fn read_chunks(reader: &mut impl BufRead, body: &mut Vec<u8>) -> Result<()> {
    loop {
        let size_line = line(reader)?;
        let size = usize::from_str_radix(size_line.split(';').next().unwrap_or("").trim(), 16)
            .with_context(|| format!("a bad chunk size {size_line:?}"))?;
        if size == 0 {
            // Trailers, then the empty line.
            while !line(reader)?.is_empty() {}
            return Ok(());
        }
        read_body(reader, size, body)?;
        line(reader)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Response {
        read_response(&mut text.as_bytes()).expect("a response")
    }

    #[test]
    fn bodies_are_read_by_length_and_by_chunks() {
        let sized = parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: b\r\n\r\nhiEXTRA");
        assert_eq!((sized.status, sized.body.as_slice()), (200, &b"hi"[..]));
        assert_eq!(sized.header("x-a"), Some("b"));
        assert!(!sized.closes);
        let chunked = parse(
            "HTTP/1.1 503 Service Unavailable\r\ntransfer-encoding: chunked\r\n\r\n4\r\n{\"co\r\n9;x\r\nde\":\"x\"}\r\n0\r\n\r\n",
        );
        assert_eq!(chunked.error_code().as_deref(), Some("x"));
        let until_close = parse("HTTP/1.0 200 OK\r\n\r\nall of it");
        assert_eq!(
            (until_close.body.as_slice(), until_close.closes),
            (&b"all of it"[..], true)
        );
    }

    #[test]
    fn what_is_not_http_is_an_error() {
        for text in [
            "",
            "garbage\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort",
        ] {
            assert!(read_response(&mut text.as_bytes()).is_err(), "{text:?}");
        }
    }
}
