//! What `serve` and `demo` share: loading the bundle, binding, printing the URL, serving until
//! a shutdown signal.

use std::io::Write;
use std::sync::Arc;

use crate::auth::AuthSettings;
use crate::auth::settings::TOKENS_ENV;
use crate::aws::{AwsSettings, AwsUpstream, Clients, Upstream};
use crate::cli::DashboardArgs;
use crate::http::assets::{Assets, BundleSource};
use crate::http::{AppState, ServerSettings, app};

use super::{StartupError, shutdown};

/// A secret every replica is given, to sign trace-list cursors with (default: the tokens, else
/// a key of this process's own).
const CURSOR_KEY_ENV: &str = "RUNTRACE_CURSOR_KEY";

/// The dashboard's options applied to the AWS settings.
pub fn tune(settings: &mut AwsSettings, args: &DashboardArgs) {
    settings.concurrency = usize::from(args.upstream_concurrency);
    settings.cache_ttl = std::time::Duration::from_secs(args.cache_seconds);
    settings.cache_url.clone_from(&args.cache_url);
}

/// The router's state for these options; the bundle is compressed in the background.
pub fn dashboard_state(
    args: &DashboardArgs,
    upstream: Arc<dyn Upstream>,
    demo: Option<String>,
) -> Result<AppState, StartupError> {
    let source = args
        .dist
        .clone()
        .map_or(BundleSource::Embedded, BundleSource::Dir);
    let assets = Assets::load(&source).map_err(|source_error| StartupError::Bundle {
        dir: args
            .dist
            .as_ref()
            .map_or_else(|| "the binary".to_owned(), |d| d.display().to_string()),
        source: source_error,
    })?;
    if assets.is_empty() {
        tracing::warn!(
            ?source,
            "no dashboard bundle (index.html) found; `/` explains how to build one"
        );
    }
    let tokens = std::env::var(TOKENS_ENV).ok();
    // Replicas must take each other's trace-list cursors: a key they all have, when there is one.
    let cursor_secret = std::env::var(CURSOR_KEY_ENV)
        .ok()
        .or_else(|| tokens.clone());
    if let Some(secret) = cursor_secret.filter(|s| !s.is_empty()) {
        crate::cursor::use_key(secret.as_bytes());
    }
    let auth = AuthSettings::from_args(&args.auth, args.listen, tokens.as_deref())
        .map_err(StartupError::Invalid)?;
    let mut settings = ServerSettings::new(args.read_only, demo);
    settings.auth = Arc::new(auth);
    let assets = Arc::new(assets);
    let compressing = Arc::clone(&assets);
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        compressing.precompress_all();
        tracing::info!(files = compressing.len(), elapsed = ?started.elapsed(), "bundle precompressed (gzip, brotli)");
    });
    Ok(AppState {
        upstream,
        settings: Arc::new(settings),
        assets,
    })
}

pub async fn connect(settings: &AwsSettings) -> Result<Arc<dyn Upstream>, StartupError> {
    let clients = Clients::connect(settings).await?;
    Ok(Arc::new(AwsUpstream::new(clients, settings)))
}

/// Binds, prints `runtrace dashboard: http://ADDR/` on stdout, serves until Ctrl-C or SIGTERM.
pub async fn serve_dashboard(args: &DashboardArgs, state: AppState) -> Result<(), StartupError> {
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|source| StartupError::Listen {
            addr: args.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(StartupError::Server)?;
    tracing::info!(
        regions = ?state.upstream.regions(),
        read_only = args.read_only,
        auth = ?state.settings.auth.policy.mode.auth_mode(),
        "dashboard ready"
    );
    let mut stdout = std::io::stdout();
    // Scripts wait for this line; it must not sit in a buffer.
    let _ = writeln!(stdout, "runtrace dashboard: http://{addr}/");
    let _ = stdout.flush();
    super::connections::serve(
        listener,
        app(state),
        args.connections.limits(),
        shutdown::signal(),
    )
    .await;
    Ok(())
}
