//! `runtrace embed-link`: reads the keys, prints the URL on stdout.

use std::io::Write;

use super::args::EmbedLinkArgs;
use super::embed::{KeyRing, embed_url, parse_ttl};

/// The URL to put in the portal's iframe, or what to fix.
pub fn embed_link(args: &EmbedLinkArgs, now: i64) -> Result<String, String> {
    let ttl = parse_ttl(&args.ttl).map_err(|why| format!("--ttl {why}"))?;
    let ring = KeyRing::load(&args.keys.embed_keys, args.keys.embed_key_file.as_deref())?.ok_or(
        "embed-link needs the signing key: --embed-key kid:secret, --embed-key-file FILE or \
             RUNTRACE_EMBED_KEYS (the same key the server is started with)",
    )?;
    embed_url(&ring, &args.base_url, &args.view, ttl, now)
}

/// Prints the link on stdout (the one line scripts capture).
pub fn print(args: &EmbedLinkArgs) -> Result<(), String> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let url = embed_link(args, now)?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{url}").map_err(|e| format!("cannot print the link: {e}"))
}
