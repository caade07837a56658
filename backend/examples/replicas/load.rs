//! Simulated browsers polling as runtrace's pages do, spread over the live replicas the way a
//! load balancer spreads them: round-robin, and a replica that refuses a connection is taken
//! out and the request goes to the next one (so only requests already on a dying replica fail).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::sync::Mutex;

type HttpClient = Client<HttpConnector, Empty<Bytes>>;

pub struct Balancer {
    replicas: Vec<Replica>,
    next: AtomicUsize,
    http: HttpClient,
}

struct Replica {
    url: String,
    alive: AtomicBool,
    in_flight: AtomicUsize,
}

/// What the browsers saw.
#[derive(Default)]
pub struct Tally {
    pub latencies: Vec<Duration>,
    pub failed: usize,
    /// The first few failures, for the report.
    pub errors: Vec<String>,
}

impl Balancer {
    pub fn new(urls: &[String]) -> Arc<Self> {
        Arc::new(Self {
            replicas: urls
                .iter()
                .map(|url| Replica {
                    url: url.clone(),
                    alive: AtomicBool::new(true),
                    in_flight: AtomicUsize::new(0),
                })
                .collect(),
            next: AtomicUsize::new(0),
            http: Client::builder(TokioExecutor::new()).build_http(),
        })
    }

    /// Requests on replica `index` now.
    pub fn in_flight(&self, index: usize) -> usize {
        self.replicas[index].in_flight.load(Ordering::SeqCst)
    }

    /// GET `path` from a live replica: the body, or why it failed.
    async fn get(&self, path: &str) -> Result<Bytes, String> {
        for _ in 0..self.replicas.len() {
            let at = self.next.fetch_add(1, Ordering::Relaxed) % self.replicas.len();
            let replica = &self.replicas[at];
            if !replica.alive.load(Ordering::Relaxed) {
                continue;
            }
            let uri: hyper::Uri = format!("{}{path}", replica.url)
                .parse()
                .map_err(|e| format!("{path}: {e}"))?;
            replica.in_flight.fetch_add(1, Ordering::SeqCst);
            let answer = async {
                let response = self.http.get(uri).await?;
                let status = response.status();
                let body = response.into_body().collect().await?.to_bytes();
                Ok::<_, Box<dyn std::error::Error + Send + Sync>>((status, body))
            }
            .await;
            replica.in_flight.fetch_sub(1, Ordering::SeqCst);
            return match answer {
                Ok((status, body)) if status.is_success() => Ok(body),
                Ok((status, body)) => Err(format!(
                    "{path}: {status} {}",
                    String::from_utf8_lossy(&body)
                )),
                Err(error) if is_refused(error.as_ref()) => {
                    replica.alive.store(false, Ordering::Relaxed);
                    continue;
                }
                Err(error) => Err(format!("{path} on {}: {error}", replica.url)),
            };
        }
        Err(format!("{path}: no replica is alive"))
    }
}

fn is_refused(error: &(dyn std::error::Error + 'static)) -> bool {
    error
        .downcast_ref::<hyper_util::client::legacy::Error>()
        .is_some_and(hyper_util::client::legacy::Error::is_connect)
}

/// The three pages, as their browsers poll (15 s is the services list's default refresh; a
/// map or trace search left open is reloaded every 30 s, as the kiosk does).
#[derive(Clone, Copy)]
enum Page {
    Services,
    Map,
    Traces,
}

impl Page {
    fn period(self) -> Duration {
        match self {
            Page::Services => Duration::from_secs(15),
            Page::Map | Page::Traces => Duration::from_secs(30),
        }
    }
}

/// `browsers` browsers for `length`, a third on each page, their first loads spread over their
/// period; `during` runs meanwhile (the kill of a replica), and its result comes back.
pub async fn run<T>(
    balancer: Arc<Balancer>,
    browsers: usize,
    length: Duration,
    during: impl std::future::Future<Output = T>,
) -> (Tally, T) {
    let tally = Arc::new(Mutex::new(Tally::default()));
    let end = Instant::now() + length;
    let tasks: Vec<_> = (0..browsers)
        .map(|n| {
            let page = [Page::Services, Page::Map, Page::Traces][n % 3];
            let (balancer, tally) = (Arc::clone(&balancer), Arc::clone(&tally));
            // Evenly spread first loads: browsers open at different moments.
            let offset = page
                .period()
                .mul_f64((n / 3) as f64 / (browsers / 3 + 1) as f64);
            tokio::spawn(async move {
                tokio::time::sleep(offset.min(length)).await;
                while Instant::now() < end {
                    let next = (Instant::now() + page.period()).min(end);
                    visit(&balancer, page, &tally).await;
                    tokio::time::sleep_until(next.into()).await;
                }
            })
        })
        .collect();
    let outcome = during.await;
    for task in tasks {
        let _ = task.await;
    }
    let tally = Arc::try_unwrap(tally).map_or_else(|_| Tally::default(), Mutex::into_inner);
    (tally, outcome)
}

/// One load of a page: what its view fetches.
async fn visit(balancer: &Balancer, page: Page, tally: &Mutex<Tally>) {
    let paths: Vec<String> = match page {
        Page::Services => vec!["/api/v1/services".into()],
        Page::Map => vec![
            "/api/v1/map?region=us-east-1&window=15m".into(),
            "/api/v1/map/timeseries?region=us-east-1&window=15m&node=checkout".into(),
        ],
        Page::Traces => vec!["/api/v1/traces?region=us-east-1&window=15m".into()],
    };
    for path in paths {
        let body = timed(balancer, &path, tally).await;
        // The search's first result is opened, as a person does.
        if let (Page::Traces, Some(body)) = (page, body) {
            let id = serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["traces"][0]["id"].as_str().map(str::to_owned));
            if let Some(id) = id {
                timed(
                    balancer,
                    &format!("/api/v1/traces/{id}?region=us-east-1"),
                    tally,
                )
                .await;
            }
        }
    }
}

async fn timed(balancer: &Balancer, path: &str, tally: &Mutex<Tally>) -> Option<Bytes> {
    let started = Instant::now();
    let answer = balancer.get(path).await;
    let mut tally = tally.lock().await;
    match answer {
        Ok(body) => {
            tally.latencies.push(started.elapsed());
            Some(body)
        }
        Err(error) => {
            tally.failed += 1;
            if tally.errors.len() < 5 {
                tally.errors.push(error);
            }
            None
        }
    }
}
