//! `--auth proxy`: an authenticating reverse proxy (e.g. oauth2-proxy) puts the user's email in
//! a header. Anyone can send that header, so it is believed only from the proxy's addresses.

use std::net::IpAddr;

use axum::http::{HeaderMap, HeaderName};
use shared::api::{AuthMode, Role};

use super::cidr::Cidr;
use super::principal::Principal;

pub const DEFAULT_USER_HEADER: &str = "x-forwarded-email";

#[derive(Debug, Clone)]
pub struct ProxyAuth {
    trusted: Vec<Cidr>,
    header: HeaderName,
    /// Lower-cased: email addresses are compared without regard to case.
    operators: Vec<String>,
}

impl ProxyAuth {
    /// The header that names the user.
    pub fn header_name(&self) -> &str {
        self.header.as_str()
    }

    pub fn new(trusted: &[String], header: &str, operators: &[String]) -> Result<Self, String> {
        if trusted.is_empty() {
            return Err(
                "--auth proxy needs --trusted-proxy ADDR (the reverse proxy's address \
                        or range, e.g. 127.0.0.1 or 10.0.0.0/8): otherwise anyone could send \
                        the user header"
                    .into(),
            );
        }
        let trusted = trusted
            .iter()
            .map(|t| Cidr::parse(t))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|why| format!("--trusted-proxy {why}"))?;
        let header = HeaderName::try_from(header.trim())
            .map_err(|_| format!("--proxy-user-header `{header}` is not a valid header name"))?;
        let operators = operators
            .iter()
            .map(|o| o.trim().to_ascii_lowercase())
            .collect();
        Ok(Self {
            trusted,
            header,
            operators,
        })
    }

    /// The user the proxy vouches for; the error (for a 401) says what was missing.
    pub fn identify(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Result<Principal, String> {
        let trusted = peer.is_some_and(|peer| self.trusted.iter().any(|t| t.contains(peer)));
        if !trusted {
            let peer = peer.map_or_else(|| "an unknown address".to_owned(), |p| p.to_string());
            return Err(format!(
                "this server accepts users only through its authenticating proxy; the request \
                 came from {peer}"
            ));
        }
        let user = headers
            .get(&self.header)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                format!(
                    "the proxy did not say who is signed in (no {} header)",
                    self.header
                )
            })?;
        let role = if self.operators.contains(&user.to_ascii_lowercase()) {
            Role::Operator
        } else {
            Role::Viewer
        };
        Ok(Principal {
            mode: AuthMode::Proxy,
            role,
            user: Some(user.to_owned()),
        })
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn proxy() -> ProxyAuth {
        ProxyAuth::new(
            &["10.0.0.0/8".into(), "127.0.0.1".into()],
            "X-Forwarded-Email",
            &["Ops@Example.com".into()],
        )
        .expect("valid settings")
    }

    #[test]
    fn the_header_is_believed_only_from_the_proxy() {
        let proxy = proxy();
        let check = |peer: Option<&str>, email: Option<&'static str>, expect: Option<Role>| {
            let mut headers = HeaderMap::new();
            if let Some(email) = email {
                headers.insert("x-forwarded-email", HeaderValue::from_static(email));
            }
            let peer = peer.map(|p| p.parse().expect("an address"));
            let got = proxy.identify(peer, &headers).ok();
            assert_eq!(got.as_ref().map(|p| p.role), expect, "{peer:?} {email:?}");
            if let (Some(got), Some(email)) = (got, email) {
                assert_eq!(got.user.as_deref(), Some(email));
            }
        };
        check(
            Some("10.1.2.3"),
            Some("ops@example.com"),
            Some(Role::Operator),
        );
        check(
            Some("127.0.0.1"),
            Some("someone@example.com"),
            Some(Role::Viewer),
        );
        check(Some("10.1.2.3"), None, None);
        check(Some("10.1.2.3"), Some("  "), None);
        check(Some("192.168.0.9"), Some("ops@example.com"), None);
        check(None, Some("ops@example.com"), None);
    }

    #[test]
    fn settings_are_checked() {
        let no_proxy = ProxyAuth::new(&[], DEFAULT_USER_HEADER, &[]).expect_err("refused");
        assert!(no_proxy.contains("--trusted-proxy"), "{no_proxy}");
        let bad_header = ProxyAuth::new(&["::1".into()], "bad header", &[]).expect_err("refused");
        assert!(
            bad_header.contains("not a valid header name"),
            "{bad_header}"
        );
    }
}
