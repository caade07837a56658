//! `--auth none` is only safe when nobody but this machine can connect.

use std::net::SocketAddr;

/// Ok when `listen` is a loopback address; otherwise a message that says why and what to use.
pub fn check_none_allowed(listen: SocketAddr) -> Result<(), String> {
    if listen.ip().is_loopback() {
        return Ok(());
    }
    Err(format!(
        "refusing to serve without authentication on {listen}: anyone who can reach this \
         address could read your traces and turn tracing on or off. Listen on 127.0.0.1 \
         (e.g. --listen 127.0.0.1:8080), or choose --auth token (with --tokens-file or \
         RUNTRACE_TOKENS) or --auth proxy (behind an authenticating reverse proxy, with \
         --trusted-proxy)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_addresses_may_run_without_auth() {
        let check = |listen: &str, allowed: bool| {
            let addr: SocketAddr = listen.parse().expect("an address");
            assert_eq!(check_none_allowed(addr).is_ok(), allowed, "{listen}");
        };
        check("127.0.0.1:8080", true);
        check("127.0.0.2:0", true);
        check("[::1]:8080", true);
        check("0.0.0.0:8080", false);
        check("[::]:8080", false);
        check("192.168.1.10:8080", false);
    }

    #[test]
    fn the_refusal_names_the_alternatives() {
        let message =
            check_none_allowed("0.0.0.0:80".parse().expect("an address")).expect_err("refused");
        for needle in ["0.0.0.0:80", "--auth token", "--auth proxy", "127.0.0.1"] {
            assert!(message.contains(needle), "{needle} missing from: {message}");
        }
    }
}
