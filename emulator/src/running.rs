//! Starting and stopping the emulator's HTTP listener.

use std::net::SocketAddr;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::daemon::{self, RunningDaemon};
use crate::server::{ServerOptions, router};
use crate::{Emulator, EmulatorConfig, scenario};

/// A listening emulator. Dropping it leaves the server running until the runtime ends; call
/// [`RunningEmulator::shutdown`] to stop it.
pub struct RunningEmulator {
    addr: SocketAddr,
    emulator: Emulator,
    stop: Option<oneshot::Sender<()>>,
    server: JoinHandle<()>,
    live: Option<JoinHandle<()>>,
    daemon: Option<RunningDaemon>,
}

/// Installs the scenario, binds the listener, and serves until shut down.
pub async fn start(config: EmulatorConfig) -> std::io::Result<RunningEmulator> {
    let emulator = Emulator::new(&config);
    scenario::install(config.scenario, &emulator, config.seed);
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let app = router(
        emulator.clone(),
        ServerOptions {
            credentials: config.credentials.clone(),
        },
    );
    let daemon = match config.xray_daemon {
        Some(addr) => Some(daemon::start(emulator.clone(), addr).await?),
        None => None,
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        let result = axum::serve(listener, service)
            .with_graceful_shutdown(async {
                // A dropped sender also stops the server.
                let _ = stopped.await;
            })
            .await;
        if let Err(error) = result {
            tracing::error!(%error, "the emulator's HTTP server stopped");
        }
    });
    let live = config
        .live
        .then(|| scenario::spawn_live(config.scenario, emulator.clone(), config.seed, config.rate));
    tracing::info!(%addr, scenario = ?config.scenario, "emulator started");
    Ok(RunningEmulator {
        addr,
        emulator,
        stop: Some(stop),
        server,
        live,
        daemon,
    })
}

impl RunningEmulator {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// What an SDK client's `endpoint_url` should be, e.g. `http://127.0.0.1:4566`.
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Where to export OpenTelemetry traces (OTLP/HTTP), e.g. `http://127.0.0.1:4566/v1/traces`.
    pub fn otlp_traces_url(&self) -> String {
        format!("http://{}/v1/traces", self.addr)
    }

    /// The X-Ray daemon's address, when it was asked for.
    pub fn xray_daemon_addr(&self) -> Option<SocketAddr> {
        self.daemon.as_ref().map(RunningDaemon::addr)
    }

    pub fn emulator(&self) -> &Emulator {
        &self.emulator
    }

    /// Stops live traffic, then the server (in-flight requests finish first).
    pub async fn shutdown(mut self) {
        if let Some(live) = self.live.take() {
            live.abort();
        }
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Err(error) = (&mut self.server).await {
            tracing::warn!(%error, "the emulator's server task ended abnormally");
        }
    }

    /// Serves until the server task ends (for `runtrace emulator`, which runs until killed).
    pub async fn wait(mut self) {
        if let Err(error) = (&mut self.server).await {
            tracing::warn!(%error, "the emulator's server task ended abnormally");
        }
    }
}
