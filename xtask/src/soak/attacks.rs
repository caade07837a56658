//! The abuse of issue 20, items 1–6, as requests with the answer each must get: rebinding
//! `Host`s, changes from another origin, headers sent twice, embed-scope escapes, a forged
//! cursor, oversized URIs and headers, a bad `Content-Length`, a `%0a` in a logged value. Each is
//! sent as raw bytes on its own connection. Connections that hold a slot (half-sent headers,
//! idle keep-alives) are in [`super::hold`].

use std::net::SocketAddr;

use super::http::{Response, raw};
use super::server::FORGED_LINE;

/// One attack: the request and what the answer must be.
pub struct Attack {
    pub name: &'static str,
    pub request: Vec<u8>,
    /// Statuses that pass (the refusal; for a control request, what faults may turn it into).
    pub expect: &'static [u16],
    /// A refusal: runtrace's JSON error body and the security headers are required too.
    pub refusal: bool,
}

/// The embed link the scope attacks use: `/map?region=us-east-1`.
pub const EMBED_VIEW: &str = "/map?region=us-east-1";

/// Every attack, for a server at `addr` whose map-link token (for [`EMBED_VIEW`]) is `token`.
pub fn all(addr: SocketAddr, token: &str, now: u64) -> Vec<Attack> {
    let host = format!("Host: {addr}\r\n");
    let evil = "Host: rebind.evil.example\r\nOrigin: http://rebind.evil.example\r\n";
    let embed = format!("{host}X-Runtrace-Embed: {token}\r\n");
    let change = "PUT /api/v1/services/us-east-1/checkout/tracing HTTP/1.1\r\n";
    let csrf = "X-Runtrace-Csrf: 1\r\nSec-Fetch-Site: same-origin\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"enabled\":false}";
    let get = |path: &str, headers: &str| format!("GET {path} HTTP/1.1\r\n{headers}\r\n");
    let long_query = "a".repeat(20 * 1024);
    let big_headers: String = (0..10)
        .map(|i| format!("X-Pad-{i}: {}\r\n", "b".repeat(7 * 1024)))
        .collect();
    let attack = |name, request: String, expect, refusal| Attack {
        name,
        request: request.into_bytes(),
        expect,
        refusal,
    };
    vec![
        attack(
            "rebinding Host",
            get("/api/v1/services", evil),
            &[421],
            true,
        ),
        attack(
            "rebinding change",
            format!("{change}{evil}{csrf}"),
            &[421],
            true,
        ),
        attack(
            "change from another port",
            format!("{change}{host}Origin: http://127.0.0.1:1\r\n{csrf}"),
            &[403],
            true,
        ),
        attack(
            "Origin twice",
            get(
                "/api/v1/map",
                &format!("{host}Origin: http://{addr}\r\nOrigin: http://evil.example\r\n"),
            ),
            &[400],
            true,
        ),
        attack(
            "Sec-Fetch-Site twice",
            get(
                "/api/v1/map",
                &format!("{host}Sec-Fetch-Site: same-origin\r\nSec-Fetch-Site: cross-site\r\n"),
            ),
            &[400],
            true,
        ),
        attack(
            "embed %72egion",
            get("/api/v1/map?%72egion=eu-west-1", &embed),
            &[401],
            true,
        ),
        attack(
            "embed other region",
            get("/api/v1/map?region=eu-west-1", &embed),
            &[401],
            true,
        ),
        attack(
            "embed region left out",
            get("/api/v1/map", &embed),
            &[401],
            true,
        ),
        attack(
            "embed other route",
            get("/api/v1/services", &embed),
            &[401],
            true,
        ),
        attack(
            "embed region twice",
            get("/api/v1/map?region=us-east-1&region=eu-west-1", &embed),
            &[401],
            true,
        ),
        // The control: the link reads what it names (faults may make that a mapped 502/503).
        attack(
            "embed own view",
            get("/api/v1/map?region=us-east-1", &embed),
            &[200, 502, 503],
            false,
        ),
        attack(
            "forged cursor",
            get(
                &format!("/api/v1/traces?cursor={}", forged_cursor(now)),
                &host,
            ),
            &[400],
            true,
        ),
        attack(
            "unsigned cursor",
            get(
                &format!("/api/v1/traces?cursor={}", unsigned_cursor(now)),
                &host,
            ),
            &[400],
            true,
        ),
        attack(
            "URI of 20 KB",
            get(&format!("/api/v1/map?x={long_query}"), &host),
            &[414],
            true,
        ),
        attack(
            "headers of 70 KB",
            get("/api/v1/map", &format!("{host}{big_headers}")),
            &[431],
            true,
        ),
        // hyper refuses it while parsing, before runtrace sees a request: a bare 400 (no JSON
        // body, no security headers) is all it can be for now, so only the status is checked.
        attack(
            "bad Content-Length",
            format!("{change}{host}Content-Length: 12abc\r\n\r\n"),
            &[400],
            false,
        ),
        attack(
            "%0a in window",
            get(
                &format!("/api/v1/map?window=15m%0a{FORGED_LINE}%20level=INFO"),
                &host,
            ),
            &[400],
            true,
        ),
    ]
}

impl Attack {
    /// Sends the attack; `Err` says what was wrong with the answer.
    pub fn run(&self, addr: SocketAddr) -> Result<u16, String> {
        let response = raw(addr, &self.request).map_err(|e| format!("{e:#}"))?;
        self.judge(&response).map(|()| response.status)
    }

    pub fn judge(&self, response: &Response) -> Result<(), String> {
        if !self.expect.contains(&response.status) {
            let body = String::from_utf8_lossy(&response.body);
            let excerpt: String = body.chars().take(160).collect();
            return Err(format!(
                "{} (expected {:?}): {excerpt}",
                response.status, self.expect
            ));
        }
        if self.refusal && response.error_code().is_none() {
            return Err(format!("{} without the JSON error body", response.status));
        }
        if self.refusal && response.header("x-content-type-options") != Some("nosniff") {
            return Err(format!("{} without the security headers", response.status));
        }
        Ok(())
    }
}

/// A cursor for the last 31 days, signed with a key of our own.
fn forged_cursor(now: u64) -> String {
    format!("{}.{}", unsigned_cursor(now), base64url(&[0x5a; 32]))
}

/// What cursors were before they were signed: base64url JSON.
fn unsigned_cursor(now: u64) -> String {
    let month = 31 * 86_400;
    let json = format!(r#"{{"s":{},"e":{now},"f":"","t":"x"}}"#, now - month);
    base64url(json.as_bytes())
}

/// Base64url without padding (RFC 4648 §5).
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut text = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            text.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_the_rfc_vectors() {
        let check = |input: &str, expect: &str| assert_eq!(base64url(input.as_bytes()), expect);
        check("", "");
        check("f", "Zg");
        check("fo", "Zm8");
        check("foo", "Zm9v");
        check("foobar", "Zm9vYmFy");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn an_answer_passes_only_with_its_status_body_and_headers() {
        let addr: SocketAddr = "127.0.0.1:9".parse().expect("an address");
        let attacks = all(addr, "token", 1_800_000_000);
        let refusal = attacks
            .iter()
            .find(|a| a.name == "rebinding Host")
            .expect("listed");
        let control = attacks
            .iter()
            .find(|a| a.name == "embed own view")
            .expect("listed");
        let answer = |status, body: &str, nosniff| Response {
            status,
            body: body.as_bytes().to_vec(),
            headers: match nosniff {
                true => vec![("x-content-type-options".into(), "nosniff".into())],
                false => vec![],
            },
            closes: false,
        };
        let json = r#"{"code":"misdirected","message":"m"}"#;
        assert!(refusal.judge(&answer(421, json, true)).is_ok());
        assert!(refusal.judge(&answer(200, json, true)).is_err());
        assert!(refusal.judge(&answer(421, "", true)).is_err());
        assert!(refusal.judge(&answer(421, json, false)).is_err());
        assert!(control.judge(&answer(200, "{}", false)).is_ok());
        assert!(control.judge(&answer(401, json, true)).is_err());
    }

    #[test]
    fn every_request_is_one_well_formed_head() {
        let addr: SocketAddr = "127.0.0.1:9".parse().expect("an address");
        for attack in all(addr, "token", 1_800_000_000) {
            let text = String::from_utf8_lossy(&attack.request);
            assert!(text.contains(" HTTP/1.1\r\n"), "{}", attack.name);
            assert!(text.contains("\r\n\r\n"), "{}", attack.name);
        }
    }
}
