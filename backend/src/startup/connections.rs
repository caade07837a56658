//! The accept loop: what a connection may cost before any request reaches the router.
//!
//! `axum::serve` keeps a connection as long as its client likes — half a header, or an idle
//! keep-alive, held open forever — so a few thousand such connections exhaust the file
//! descriptors and the health check stops answering. Here every connection has a header
//! deadline (which hyper also applies to a kept-alive connection waiting for its next
//! request), the number served at once is capped, and past the cap a
//! connection is still read, briefly, for one request: the health check is answered (a load
//! balancer must see runtrace alive while it sheds load), anything else gets a 503 with the
//! JSON error body. Beyond that overflow, connections are closed at once. Accept errors (out of
//! descriptors) back off instead of spinning, and are logged once per burst.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt as _;

use crate::http::OverCapacity;

/// What one connection may cost.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// From the end of the previous request (or the connection's start) to the last header of
    /// the next: a half-sent request and an idle kept-alive connection both end after it.
    pub header_timeout: Duration,
    /// Connections served at once; past it, see [`OVERFLOW`].
    pub max_connections: usize,
}

/// Connections beyond the cap that are still read for one request (health, or a 503).
const OVERFLOW: usize = 64;
/// How long an overflow connection has to send its one request.
const OVERFLOW_HEADER_TIMEOUT: Duration = Duration::from_secs(2);
/// hyper's read buffer: past it hyper refuses a request itself (431, no body), so it is well
/// above runtrace's own limits (`http::MAX_URI_BYTES`, `http::MAX_HEADER_BYTES`), which answer
/// with the JSON error body.
const READ_BUFFER_BYTES: usize = 4 * (crate::http::MAX_URI_BYTES + crate::http::MAX_HEADER_BYTES);
const FIRST_BACKOFF: Duration = Duration::from_millis(10);
const LONGEST_BACKOFF: Duration = Duration::from_secs(1);

/// Serves `app` on `listener` until `shutdown` completes, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let served = Arc::new(Semaphore::new(limits.max_connections));
    let overflow = Arc::new(Semaphore::new(OVERFLOW));
    let graceful = GracefulShutdown::new();
    let mut backoff = FIRST_BACKOFF;
    let mut failing = false;
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                if !failing {
                    tracing::warn!(%error, "accepting connections fails; retrying with back-off");
                    failing = true;
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(LONGEST_BACKOFF);
                continue;
            }
        };
        if failing {
            tracing::info!("accepting connections again");
            failing = false;
        }
        backoff = FIRST_BACKOFF;
        let (permit, over) = match Arc::clone(&served).try_acquire_owned() {
            Ok(permit) => (permit, false),
            Err(_) => match Arc::clone(&overflow).try_acquire_owned() {
                Ok(permit) => (permit, true),
                // Closing it is the cheapest answer left.
                Err(_) => continue,
            },
        };
        let service = connection_service(app.clone(), peer, over);
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .max_buf_size(READ_BUFFER_BYTES)
            .header_read_timeout(match over {
                false => limits.header_timeout,
                true => OVERFLOW_HEADER_TIMEOUT.min(limits.header_timeout),
            })
            .keep_alive(!over);
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _held = permit;
            if let Err(error) = connection.await {
                tracing::debug!(%error, %peer, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// The router as hyper calls it for one connection: with the peer address (the proxy auth mode
/// needs it) and, past the cap, the mark that limits it to the health check.
fn connection_service(
    app: Router,
    peer: SocketAddr,
    over: bool,
) -> impl hyper::service::Service<
    hyper::Request<Incoming>,
    Response = axum::response::Response,
    Error = std::convert::Infallible,
    Future = impl Future + Send,
> + Clone {
    hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let mut request = request.map(axum::body::Body::new);
        request.extensions_mut().insert(ConnectInfo(peer));
        if over {
            request.extensions_mut().insert(OverCapacity);
        }
        app.clone().oneshot(request)
    })
}
