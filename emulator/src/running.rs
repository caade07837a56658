//! Starting and stopping the emulator's HTTP listener.

use std::net::SocketAddr;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

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
