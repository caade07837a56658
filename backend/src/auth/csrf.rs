//! Cross-site request forgery checks for mutations: a page on another site must not be able to
//! turn tracing on or off through a signed-in browser (cookies of an authenticating proxy are
//! sent with cross-site requests too).
//!
//! A mutation needs the custom header `X-Runtrace-Csrf: 1`, which an HTML form cannot send and a
//! cross-origin `fetch` can send only after a CORS preflight that runtrace never approves. On top
//! of that, what the browser says about the request's origin must agree: `Sec-Fetch-Site` must be
//! `same-origin`, and `Origin`, when present, must name this server's `Host`: an `http` or
//! `https` origin with the same host and the same port (a port left out is the scheme's own).
//! Clients that are not browsers (curl, scripts) send neither header and pass with the custom
//! header alone.

use axum::http::{HeaderMap, header};

pub const CSRF_HEADER: &str = "x-runtrace-csrf";

/// Ok, or the message of a 403.
pub fn check(headers: &HeaderMap) -> Result<(), String> {
    let text = |name| {
        headers
            .get(name)
            .map(|v| v.to_str().unwrap_or("(not text)"))
    };
    if text(CSRF_HEADER) != Some("1") {
        return Err(
            "changes need the header `X-Runtrace-Csrf: 1` (runtrace's own pages send it; add it \
             to scripts too), so that other sites cannot make your browser change things"
                .into(),
        );
    }
    if let Some(site) = text("sec-fetch-site")
        && site != "same-origin"
    {
        return Err(format!(
            "your browser says this change comes from another site (Sec-Fetch-Site: {site}); \
             changes are only accepted from runtrace's own pages"
        ));
    }
    if let Some(origin) = text(header::ORIGIN.as_str()) {
        let host = text(header::HOST.as_str()).unwrap_or_default();
        if !same_origin(origin, host) {
            return Err(format!(
                "this change comes from the page at {origin}, not from runtrace at {host}; \
                 changes are only accepted from runtrace's own pages"
            ));
        }
    }
    Ok(())
}

/// Whether `origin` (`scheme://host[:port]`) is the site `host` (`host[:port]`) names.
fn same_origin(origin: &str, host: &str) -> bool {
    let Ok(origin) = url::Url::parse(origin) else {
        return false;
    };
    let Ok(server) = url::Url::parse(&format!("{}://{host}", origin.scheme())) else {
        return false;
    };
    matches!(origin.scheme(), "http" | "https")
        && origin.path() == "/"
        && origin.username().is_empty()
        && origin.host().is_some()
        && origin.host() == server.host()
        && origin.port_or_known_default() == server.port_or_known_default()
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    const OWN: (&str, &str) = ("x-runtrace-csrf", "1");
    const HOST: (&str, &str) = ("host", "127.0.0.1:8080");

    #[test]
    fn only_same_origin_requests_with_the_header_pass() {
        let check = |pairs: &[(&'static str, &'static str)], refusal: Option<&str>| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.insert(*name, HeaderValue::from_static(value));
            }
            match (check(&headers), refusal) {
                (Ok(()), None) => {}
                (Err(message), Some(needle)) => {
                    assert!(message.contains(needle), "{needle} not in: {message}")
                }
                (got, _) => panic!("{pairs:?}: expected {refusal:?}, got {got:?}"),
            }
        };
        // Scripts: the custom header alone.
        check(&[OWN], None);
        check(&[OWN, HOST, ("sec-fetch-site", "same-origin")], None);
        check(&[OWN, HOST, ("origin", "http://127.0.0.1:8080")], None);
        check(
            &[
                OWN,
                HOST,
                ("sec-fetch-site", "same-origin"),
                ("origin", "http://127.0.0.1:8080"),
            ],
            None,
        );
        check(&[], Some("X-Runtrace-Csrf: 1"));
        check(
            &[("x-runtrace-csrf", "yes"), HOST],
            Some("X-Runtrace-Csrf: 1"),
        );
        check(
            &[OWN, ("sec-fetch-site", "cross-site")],
            Some("Sec-Fetch-Site: cross-site"),
        );
        check(
            &[OWN, ("sec-fetch-site", "same-site")],
            Some("another site"),
        );
        // Typed into the address bar: not how runtrace's pages send changes.
        check(&[OWN, ("sec-fetch-site", "none")], Some("another site"));
        check(
            &[OWN, HOST, ("origin", "https://evil.example")],
            Some("evil.example"),
        );
        check(&[OWN, HOST, ("origin", "null")], Some("the page at null"));
        // Scheme, host and port compared as such, not as text.
        check(
            &[OWN, HOST, ("origin", "http://127.0.0.1:8081")],
            Some("127.0.0.1:8081"),
        );
        check(
            &[OWN, HOST, ("origin", "ftp://127.0.0.1:8080")],
            Some("ftp://"),
        );
        check(
            &[
                OWN,
                ("host", "runtrace.example"),
                ("origin", "https://runtrace.example:443"),
            ],
            None,
        );
        check(
            &[
                OWN,
                ("host", "runtrace.example"),
                ("origin", "https://runtrace.example:8443"),
            ],
            Some("8443"),
        );
        check(
            &[
                OWN,
                ("host", "runtrace.example.evil"),
                ("origin", "https://runtrace.example"),
            ],
            Some("runtrace.example.evil"),
        );
        check(
            &[OWN, ("origin", "http://127.0.0.1:8080")],
            Some("not from runtrace"),
        );
        check(
            &[
                OWN,
                HOST,
                ("sec-fetch-site", "same-origin"),
                ("origin", "http://evil.example"),
            ],
            Some("evil.example"),
        );
    }
}
