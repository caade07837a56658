//! The access-control options of `serve` and `demo`, and the `embed-link` command's options.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthChoice {
    /// Nobody signs in; only allowed on a loopback address.
    None,
    /// Bearer tokens with roles, from --tokens-file or RUNTRACE_TOKENS.
    Token,
    /// A user header set by an authenticating reverse proxy at --trusted-proxy.
    Proxy,
}

#[derive(Debug, Clone, Args)]
pub struct AuthArgs {
    /// How people sign in.
    #[arg(long = "auth", env = "RUNTRACE_AUTH", value_enum, default_value_t = AuthChoice::None)]
    pub auth: AuthChoice,

    /// With --auth token: the token file, one `role:name:token` per line (role viewer or
    /// operator; # comments). Tokens may also come from RUNTRACE_TOKENS (comma separated).
    #[arg(long, env = "RUNTRACE_TOKENS_FILE", value_name = "FILE")]
    pub tokens_file: Option<PathBuf>,

    /// With --auth proxy: the reverse proxy's address or range (10.0.0.0/8); repeatable. The
    /// user header is believed only from these addresses.
    #[arg(
        long = "trusted-proxy",
        env = "RUNTRACE_TRUSTED_PROXIES",
        value_name = "ADDR",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<String>,

    /// With --auth proxy: the header that carries the signed-in user's email.
    #[arg(long, env = "RUNTRACE_PROXY_USER_HEADER", value_name = "HEADER",
          default_value = super::proxy::DEFAULT_USER_HEADER)]
    pub proxy_user_header: String,

    /// With --auth proxy: an email that gets the operator role (others are viewers); repeatable.
    #[arg(
        long = "operator",
        env = "RUNTRACE_OPERATORS",
        value_name = "EMAIL",
        value_delimiter = ','
    )]
    pub operators: Vec<String>,

    #[command(flatten)]
    pub embed_keys: EmbedKeyArgs,

    /// Pages allowed to show runtrace in a frame (CSP frame-ancestors), e.g.
    /// "'self' https://portal.example.com"; "'none'" forbids framing.
    #[arg(
        long,
        env = "RUNTRACE_FRAME_ANCESTORS",
        value_name = "SOURCES",
        default_value = "'self'"
    )]
    pub frame_ancestors: String,

    /// Also append every change (who, what, which service, result) to this file, one JSON
    /// object per line.
    /// A name (or name:port) people reach runtrace by; repeat for several. Requests naming any
    /// other host are refused, which stops DNS rebinding. Default: any name when people sign
    /// in; without sign-in (`--auth none`) only localhost, 127.0.0.1 and [::1].
    #[arg(
        long = "allowed-host",
        env = "RUNTRACE_ALLOWED_HOSTS",
        value_delimiter = ',',
        value_name = "HOST"
    )]
    pub allowed_hosts: Vec<String>,

    #[arg(long, env = "RUNTRACE_AUDIT_LOG", value_name = "PATH")]
    pub audit_log: Option<PathBuf>,
}

/// Keys for signed embed links; the first one signs, all are accepted.
#[derive(Debug, Clone, Args)]
pub struct EmbedKeyArgs {
    /// An embed-link key as `kid:secret` (secret of 32+ characters); repeat to accept an old
    /// key while links move to the new one (the first signs).
    #[arg(
        long = "embed-key",
        env = "RUNTRACE_EMBED_KEYS",
        value_name = "KID:SECRET",
        value_delimiter = ',',
        hide_env_values = true
    )]
    pub embed_keys: Vec<String>,

    /// A file of embed-link keys, one `kid:secret` per line (# comments); read after --embed-key.
    #[arg(long, env = "RUNTRACE_EMBED_KEY_FILE", value_name = "FILE")]
    pub embed_key_file: Option<PathBuf>,
}

/// `runtrace embed-link`.
#[derive(Debug, Clone, Args)]
pub struct EmbedLinkArgs {
    /// The page to embed with its parameters: under /map, /services or /traces, e.g.
    /// '/map?window=1h' or '/services/us-east-1/shop'.
    #[arg(long, value_name = "PATH")]
    pub view: String,

    /// How long the link works: 45m, 12h, 30d, 2w (at most 366d).
    #[arg(long, value_name = "DURATION", default_value = "30d")]
    pub ttl: String,

    /// The address people reach runtrace at.
    #[arg(
        long,
        env = "RUNTRACE_BASE_URL",
        value_name = "URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub base_url: String,

    #[command(flatten)]
    pub keys: EmbedKeyArgs,
}
