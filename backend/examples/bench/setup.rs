//! A benchmark world: the emulator, and runtrace's app listening on a real loopback socket (so
//! HTTP parsing and serialization are part of what is measured).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use backend::aws::{AwsSettings, AwsUpstream, Clients, RetrySettings};
use backend::http::assets::Assets;
use backend::http::{AppState, ServerSettings, app};
use emulator::{EmulatorConfig, RunningEmulator};
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

pub type HttpClient = Client<HttpConnector, Empty<Bytes>>;

pub struct World {
    pub emulator: RunningEmulator,
    /// runtrace's base URL, e.g. `http://127.0.0.1:PORT`.
    pub url: String,
    /// SDK clients straight to the emulator, for the baseline.
    pub direct: Clients,
    pub http: HttpClient,
}

pub async fn start(config: EmulatorConfig, cache_ttl: Duration) -> World {
    let regions = config
        .scenario
        .regions()
        .iter()
        .map(|r| (*r).to_owned())
        .collect();
    let emulator = emulator::start(config).await.expect("the emulator starts");
    let mut settings = AwsSettings::endpoint(&emulator.endpoint_url(), regions, ("test", "test"));
    settings.cache_ttl = cache_ttl;
    settings.retry = RetrySettings {
        max_attempts: 1,
        ..RetrySettings::default()
    };
    let clients = Clients::connect(&settings).await.expect("clients");
    let direct = Clients::connect(&settings).await.expect("clients");
    let state = AppState {
        upstream: Arc::new(AwsUpstream::new(clients, &settings)),
        settings: Arc::new(ServerSettings::new(false, None)),
        assets: Arc::new(Assets::empty()),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move { axum::serve(listener, app(state)).await });
    let http = Client::builder(TokioExecutor::new()).build_http();
    World {
        emulator,
        url,
        direct,
        http,
    }
}

/// GETs `path` from runtrace, reads the whole body, and returns how long it took.
pub async fn timed_get(world: &World, path: &str) -> Duration {
    let uri: hyper::Uri = format!("{}{path}", world.url).parse().expect("a URI");
    let started = Instant::now();
    let response = world.http.get(uri).await.expect("runtrace answers");
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    let _ = response.into_body().collect().await.expect("a body");
    started.elapsed()
}

/// The median and 99th percentile.
pub fn percentiles(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (at(0.50), at(0.99))
}

pub fn ms(duration: Duration) -> String {
    format!("{:.3} ms", duration.as_secs_f64() * 1000.0)
}
