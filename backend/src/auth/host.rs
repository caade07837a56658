//! Which `Host` names runtrace answers to: the defence against DNS rebinding. A page on
//! `rebind.evil.example` whose name is re-pointed at 127.0.0.1 makes the browser send
//! runtrace same-origin requests with `Host: rebind.evil.example` — with `--auth none`, as an
//! operator. So without sign-in only loopback names are answered, and `--allowed-host` narrows
//! any mode to the names people really use. Checked before anything else.

use axum::http::HeaderMap;
use axum::http::header::HOST;

/// Names a request's `Host` may carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPolicy {
    /// Any name: sign-in (a token the attacker's page cannot send, or a proxy it cannot reach)
    /// is what protects a server that anyone may address by any name.
    Any,
    /// Only these, each `name` (any port) or `name:port`, compared without case.
    Only(Vec<String>),
}

/// The names of this machine's loopback interface.
pub const LOOPBACK_NAMES: &[&str] = &["localhost", "127.0.0.1", "[::1]"];

impl HostPolicy {
    /// `--allowed-host` when given; else loopback names without sign-in; else any.
    pub fn new(allowed: &[String], signed_in: bool) -> Result<Self, String> {
        if let Some(bad) = allowed.iter().find(|h| !valid(h)) {
            return Err(format!(
                "--allowed-host {bad:?} is not a host name (name, name:port, or [IPv6]:port)"
            ));
        }
        Ok(match (allowed.is_empty(), signed_in) {
            (false, _) => Self::Only(allowed.iter().map(|h| h.to_ascii_lowercase()).collect()),
            (true, false) => Self::Only(LOOPBACK_NAMES.iter().map(|h| (*h).to_owned()).collect()),
            (true, true) => Self::Any,
        })
    }

    /// Ok, or why the request is refused. Two `Host` headers are refused (a proxy and runtrace
    /// could read different ones); none is answered: a browser always sends one, so a request
    /// without is no page's (an HTTP/1.0 script, or a request handed over in-process).
    pub fn check(&self, headers: &HeaderMap) -> Result<(), String> {
        let mut hosts = headers.get_all(HOST).iter();
        let host = match (hosts.next(), hosts.next()) {
            (Some(host), None) => host.to_str().unwrap_or_default(),
            (None, _) => return Ok(()),
            (Some(_), Some(_)) => return Err("the request has more than one Host header".into()),
        };
        let Self::Only(allowed) = self else {
            return Ok(());
        };
        let host = host.to_ascii_lowercase();
        let (name, _port) = split_port(&host);
        let permitted = allowed.iter().any(|entry| match split_port(entry) {
            (entry_name, None) => entry_name == name,
            _ => *entry == host,
        });
        match permitted {
            true => Ok(()),
            false => Err(format!(
                "runtrace does not answer to the name {host:?} (it answers to {}); if this is \
                 how people reach it, add --allowed-host",
                allowed.join(", ")
            )),
        }
    }
}

/// `name:port` → (`name`, `Some(port)`); `[::1]:8080` → (`[::1]`, `Some(8080)`).
fn split_port(host: &str) -> (&str, Option<&str>) {
    let after_bracket = host.rfind(']').map_or(0, |i| i + 1);
    match host[after_bracket..].rfind(':') {
        Some(at) => {
            let at = after_bracket + at;
            (&host[..at], Some(&host[at + 1..]))
        }
        None => (host, None),
    }
}

fn valid(host: &str) -> bool {
    let (name, port) = split_port(host);
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.[]:".contains(c));
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok());
    name_ok && port_ok
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(hosts: &[&'static str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for host in hosts {
            headers.append(HOST, HeaderValue::from_static(host));
        }
        headers
    }

    #[test]
    fn without_sign_in_only_loopback_names_are_answered() {
        let policy = HostPolicy::new(&[], false).expect("valid");
        let check = |hosts: &[&'static str], ok: bool| {
            assert_eq!(policy.check(&headers(hosts)).is_ok(), ok, "{hosts:?}");
        };
        check(&["127.0.0.1:8080"], true);
        check(&["localhost:8080"], true);
        check(&["LOCALHOST"], true);
        check(&["[::1]:8080"], true);
        check(&["rebind.evil.example"], false);
        check(&["rebind.evil.example:8080"], false);
        check(&["127.0.0.1.evil.example"], false);
        check(&["localhost.evil.example:8080"], false);
        check(&[], true);
        check(&["127.0.0.1:8080", "rebind.evil.example"], false);
        check(&["127.0.0.1:8080", "127.0.0.1:8080"], false);
    }

    #[test]
    fn an_allow_list_holds_in_every_mode_and_signed_in_defaults_to_any() {
        let any = HostPolicy::new(&[], true).expect("valid");
        assert!(any.check(&headers(&["runtrace.example.com"])).is_ok());
        assert!(
            any.check(&headers(&["a", "b"])).is_err(),
            "two Host headers"
        );

        let allowed = [
            "runtrace.example.com".to_owned(),
            "10.0.0.7:8080".to_owned(),
        ];
        let only = HostPolicy::new(&allowed, true).expect("valid");
        let check = |host: &'static str, ok: bool| {
            assert_eq!(only.check(&headers(&[host])).is_ok(), ok, "{host}");
        };
        check("runtrace.example.com", true);
        check("Runtrace.Example.com:443", true);
        check("10.0.0.7:8080", true);
        check("10.0.0.7:9090", false);
        check("10.0.0.7", false);
        check("evil.example", false);

        assert!(HostPolicy::new(&["bad host".to_owned()], true).is_err());
        assert!(HostPolicy::new(&["name:port".to_owned()], true).is_err());
    }
}
