//! The access-control settings the server runs with, built from [`AuthArgs`] and checked before
//! anything listens.

use std::net::SocketAddr;

use super::args::{AuthArgs, AuthChoice};
use super::audit::AuditLog;
use super::embed::KeyRing;
use super::frame::check_frame_ancestors;
use super::host::HostPolicy;
use super::loopback::check_none_allowed;
use super::policy::{Mode, Policy};
use super::proxy::ProxyAuth;
use super::tokens::TokenStore;

/// The environment variable that may hold tokens (kept off the command line, where `ps` shows
/// it to every user of the machine).
pub const TOKENS_ENV: &str = "RUNTRACE_TOKENS";

#[derive(Debug)]
pub struct AuthSettings {
    pub policy: Policy,
    pub audit: AuditLog,
    /// The CSP `frame-ancestors` sources.
    pub frame_ancestors: String,
}

impl AuthSettings {
    /// No sign-in, no embed links, framing by the same origin only: the defaults for loopback.
    pub fn open() -> Self {
        Self {
            policy: Policy::open(),
            audit: AuditLog::default(),
            frame_ancestors: "'self'".to_owned(),
        }
    }

    /// `tokens_env` is the value of `RUNTRACE_TOKENS`, if set.
    pub fn from_args(
        args: &AuthArgs,
        listen: SocketAddr,
        tokens_env: Option<&str>,
    ) -> Result<Self, String> {
        let mode = match args.auth {
            AuthChoice::None => {
                if args.tokens_file.is_some() || tokens_env.is_some() {
                    return Err("tokens are given but --auth is none; add --auth token".into());
                }
                check_none_allowed(listen)?;
                Mode::None
            }
            AuthChoice::Token => Mode::Token(load_tokens(args, tokens_env)?),
            AuthChoice::Proxy => Mode::Proxy(ProxyAuth::new(
                &args.trusted_proxies,
                &args.proxy_user_header,
                &args.operators,
            )?),
        };
        let embed_keys = KeyRing::load(
            &args.embed_keys.embed_keys,
            args.embed_keys.embed_key_file.as_deref(),
        )?;
        let audit = match &args.audit_log {
            Some(path) => AuditLog::open(path)?,
            None => AuditLog::default(),
        };
        let hosts = HostPolicy::new(&args.allowed_hosts, !matches!(mode, Mode::None))?;
        Ok(Self {
            policy: Policy {
                mode,
                embed_keys,
                hosts,
            },
            audit,
            frame_ancestors: check_frame_ancestors(&args.frame_ancestors)?,
        })
    }
}

fn load_tokens(args: &AuthArgs, tokens_env: Option<&str>) -> Result<TokenStore, String> {
    let mut text = String::new();
    let mut sources = Vec::new();
    if let Some(file) = &args.tokens_file {
        text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read the token file {}: {e}", file.display()))?;
        sources.push(file.display().to_string());
    }
    if let Some(env) = tokens_env {
        text.push('\n');
        text.push_str(env);
        sources.push(TOKENS_ENV.to_owned());
    }
    if sources.is_empty() {
        return Err(format!(
            "--auth token needs tokens: --tokens-file FILE (one `role:name:token` per line) or \
             {TOKENS_ENV}"
        ));
    }
    TokenStore::parse(&text, &sources.join(" + "))
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::super::args::AuthArgs;
    use super::*;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        auth: AuthArgs,
    }

    fn settings(args: &[&str], listen: &str, env: Option<&str>) -> Result<AuthSettings, String> {
        let argv = std::iter::once("runtrace").chain(args.iter().copied());
        let cli = Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
        AuthSettings::from_args(&cli.auth, listen.parse().expect("an address"), env)
    }

    const TOKENS: &str = "operator:alice:0123456789abcdef0123";

    #[test]
    fn each_mode_starts_only_with_what_it_needs() {
        let check = |args: &[&str], listen: &str, env: Option<&str>, refusal: Option<&str>| match (
            settings(args, listen, env),
            refusal,
        ) {
            (Ok(_), None) => {}
            (Err(error), Some(needle)) => assert!(error.contains(needle), "{needle}: {error}"),
            (got, _) => panic!("{args:?} on {listen}: {:?}", got.map(|s| s.frame_ancestors)),
        };
        let any = "0.0.0.0:8080";
        check(&[], "127.0.0.1:8080", None, None);
        check(&[], any, None, Some("--auth token"));
        check(
            &["--auth", "none"],
            any,
            None,
            Some("refusing to serve without authentication"),
        );
        check(&[], "127.0.0.1:0", Some(TOKENS), Some("add --auth token"));
        check(&["--auth", "token"], any, Some(TOKENS), None);
        check(
            &["--auth", "token"],
            any,
            None,
            Some("--auth token needs tokens"),
        );
        check(
            &["--auth", "token", "--tokens-file", "/nonexistent/t"],
            any,
            None,
            Some("cannot read"),
        );
        check(
            &["--auth", "proxy", "--trusted-proxy", "10.0.0.0/8"],
            any,
            None,
            None,
        );
        check(&["--auth", "proxy"], any, None, Some("--trusted-proxy"));
        check(
            &["--frame-ancestors", "'self'; script-src *"],
            "127.0.0.1:1",
            None,
            Some("CSP sources"),
        );
        check(
            &["--embed-key", "k1:short"],
            "127.0.0.1:1",
            None,
            Some("--embed-key"),
        );
    }

    #[test]
    fn settings_carry_keys_and_frame_ancestors() {
        let secret = "k1:0123456789abcdef0123456789abcdef";
        let got = settings(
            &[
                "--embed-key",
                secret,
                "--frame-ancestors",
                "'self'  http://portal:9000",
            ],
            "127.0.0.1:8080",
            None,
        )
        .expect("valid");
        assert_eq!(got.frame_ancestors, "'self' http://portal:9000");
        let keys = got.policy.embed_keys.expect("keys");
        assert_eq!(keys.signing().kid, "k1");
    }
}
