//! Many replicas, one view of AWS: the load test of `cargo xtask bench --only replicas`.
//!
//! `runtrace emulator --scenario shop`, then three runs of 200 simulated browsers polling the
//! services list, the map and trace search as the pages do, for 60 s each, against: one
//! replica; three replicas with their own caches; three replicas sharing a Redis
//! (`--cache-url`), one of which is killed halfway. Each run reports requests/s, p50/p99
//! latency and the AWS calls per operation the emulator counted; the last lines compare the
//! calls with those of one replica (DESIGN.md: ≤ 1.2×) and count what the kill cost.
//!
//! `cargo run --release -p backend --example replicas -- --runtrace target/release/runtrace`

mod fleet;
mod load;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use fleet::{Process, Redis};

#[derive(Parser)]
struct Args {
    /// The `runtrace` binary (release).
    #[arg(long)]
    runtrace: PathBuf,
    #[arg(long, default_value = "redis-server")]
    redis_server: String,
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    #[arg(long, default_value_t = 200)]
    browsers: usize,
}

type Calls = BTreeMap<String, u64>;

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let emulator = Process::start(
        &args.runtrace,
        &["emulator", "--listen", "127.0.0.1:0", "--scenario", "shop"],
    );
    let length = Duration::from_secs(args.seconds);
    println!(
        "{} browsers for {} s per run (a third each on the services list, 15 s refresh; the map \
         and a node's series, 30 s; trace search and its first trace, 30 s)",
        args.browsers, args.seconds
    );
    let one = run(&args, &emulator.url, "1 replica", 1, false, length).await;
    let own = run(
        &args,
        &emulator.url,
        "3 replicas, own caches",
        3,
        false,
        length,
    )
    .await;
    let shared = run(
        &args,
        &emulator.url,
        "3 replicas, shared cache",
        3,
        true,
        length,
    )
    .await;
    compare("own caches", &own, &one);
    compare("shared cache", &shared, &one);
}

/// One run: fresh replicas (and Redis), the load, the calls the emulator counted during it.
async fn run(
    args: &Args,
    emulator: &str,
    label: &str,
    count: usize,
    share: bool,
    length: Duration,
) -> Calls {
    eprintln!(
        "replicas: {label}: {} browsers for {} s…",
        args.browsers,
        length.as_secs()
    );
    let http = admin::Admin::new(emulator);
    http.reset_calls().await;
    let redis = share.then(|| Redis::start(&args.redis_server));
    let mut replicas = fleet::replicas(
        &args.runtrace,
        emulator,
        count,
        redis.as_ref().map(|r| r.url.as_str()),
    );
    let urls: Vec<String> = replicas.iter().map(|r| r.url.clone()).collect();
    let balancer = load::Balancer::new(&urls);
    // With the shared cache, one replica dies halfway: its requests in flight fail, no other.
    let victim = share.then_some(count - 1);
    let kill = {
        let balancer = std::sync::Arc::clone(&balancer);
        let replicas = &mut replicas;
        async move {
            let victim = victim?;
            tokio::time::sleep(length / 2).await;
            let in_flight = balancer.in_flight(victim);
            replicas[victim].kill();
            Some(in_flight)
        }
    };
    let (tally, killed) = load::run(balancer, args.browsers, length, kill).await;
    let calls = http.calls().await;
    report(label, &tally, &calls, length);
    if let Some(in_flight) = killed {
        println!(
            "replicas: kill: replica {} killed at {} s with {in_flight} request(s) in flight; {} request(s) failed",
            count,
            length.as_secs() / 2,
            tally.failed
        );
    }
    calls
}

fn report(label: &str, tally: &load::Tally, calls: &Calls, length: Duration) {
    let mut latencies = tally.latencies.clone();
    latencies.sort();
    let at = |q: f64| {
        latencies
            .get(((latencies.len().max(1) - 1) as f64 * q).round() as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let answered = latencies.len();
    let total: u64 = calls.values().sum();
    let per_op: Vec<String> = calls.iter().map(|(op, n)| format!("{op} {n}")).collect();
    println!(
        "replicas: {label}: {answered} requests answered ({:.1}/s), {} failed, p50 {:.1} ms, p99 {:.1} ms; AWS calls {total}: {}",
        answered as f64 / length.as_secs_f64(),
        tally.failed,
        at(0.50),
        at(0.99),
        per_op.join(", ")
    );
    for error in &tally.errors {
        println!("  failed: {error}");
    }
}

/// The largest ratio of calls per operation to one replica's, over the operations one replica
/// made (an operation only the fleet made counts as its number of calls over one).
fn compare(label: &str, fleet: &Calls, one: &Calls) {
    let worst = fleet
        .iter()
        .map(|(op, n)| {
            (
                op,
                *n as f64 / one.get(op).copied().unwrap_or(1).max(1) as f64,
            )
        })
        .fold(None::<(&String, f64)>, |worst, (op, ratio)| match worst {
            Some((_, w)) if w >= ratio => worst,
            _ => Some((op, ratio)),
        });
    let total = |c: &Calls| c.values().sum::<u64>().max(1) as f64;
    match worst {
        Some((op, ratio)) => println!(
            "replicas: {label}: AWS calls ×{:.2} of one replica's in all, at most ×{ratio:.2} for one operation ({op})",
            total(fleet) / total(one)
        ),
        None => println!("replicas: {label}: no AWS calls were counted"),
    }
}

/// The emulator's admin endpoint, with the same HTTP client as the browsers.
mod admin {
    use axum::body::Bytes;
    use http_body_util::{BodyExt, Empty};
    use hyper_util::client::legacy::Client;
    use hyper_util::client::legacy::connect::HttpConnector;
    use hyper_util::rt::TokioExecutor;

    pub struct Admin {
        url: String,
        http: Client<HttpConnector, Empty<Bytes>>,
    }

    impl Admin {
        pub fn new(emulator: &str) -> Self {
            Self {
                url: format!("{emulator}/_emulator/calls"),
                http: Client::builder(TokioExecutor::new()).build_http(),
            }
        }

        pub async fn reset_calls(&self) {
            let request = hyper::Request::delete(&self.url)
                .body(Empty::new())
                .expect("a request");
            self.http
                .request(request)
                .await
                .expect("the emulator answers");
        }

        pub async fn calls(&self) -> super::Calls {
            let uri = self.url.parse().expect("a URI");
            let response = self.http.get(uri).await.expect("the emulator answers");
            let body = response
                .into_body()
                .collect()
                .await
                .expect("a body")
                .to_bytes();
            serde_json::from_slice(&body).expect("calls as JSON")
        }
    }
}
