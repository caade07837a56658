//! runtrace's backend benchmarks (DESIGN.md's performance targets), printed as a table:
//!
//! 1. the latency the backend adds over calling the emulator directly with the SDK (p50, p99),
//! 2. cached read throughput (requests per second, many concurrent clients),
//! 3. the services route for 200 services (with a simulated AWS round trip): cold, its quick
//!    answer and the full one after it, and warm.
//!
//! `cargo run --release -p backend --example bench` (numbers from a debug build mean little).

mod setup;

use std::time::{Duration, Instant};

use aws_smithy_types::DateTime;
use emulator::apprunner::ServiceSeed;
use emulator::{Clock, EmulatorConfig, FaultConfig, ScenarioName};
use setup::{ms, percentiles, timed_get};

const SAMPLES: usize = 1000;
const WARMUP: usize = 100;

fn config(scenario: ScenarioName) -> EmulatorConfig {
    EmulatorConfig {
        scenario,
        live: false,
        clock: Clock::system(),
        ..EmulatorConfig::default()
    }
}

#[tokio::main]
async fn main() {
    overhead().await;
    throughput().await;
    services(Duration::ZERO).await;
    services(Duration::from_millis(20)).await;
}

/// Backend p50/p99 minus the direct SDK call's, for a small and a large answer, cache off.
async fn overhead() {
    let world = setup::start(config(ScenarioName::Movies), Duration::ZERO).await;
    let xray = world
        .direct
        .region("us-east-1")
        .expect("clients")
        .xray
        .clone();
    let now = world.emulator.emulator().clock.now() as i64;
    let (start, end) = (now - 900, now);
    let calls: [(&str, String); 2] = [
        ("GetGroups / groups", "/api/v1/groups".to_owned()),
        (
            "GetServiceGraph 15 min / map",
            format!("/api/v1/map?start={start}&end={end}"),
        ),
    ];
    println!("backend overhead over a direct SDK call (cache off, {SAMPLES} sequential calls)");
    for (index, (name, path)) in calls.iter().enumerate() {
        let (mut direct, mut backend) = (Vec::new(), Vec::new());
        for round in 0..WARMUP + SAMPLES {
            let started = Instant::now();
            let ok = match index {
                0 => xray.get_groups().send().await.is_ok(),
                _ => xray
                    .get_service_graph()
                    .start_time(DateTime::from_secs(start))
                    .end_time(DateTime::from_secs(end))
                    .send()
                    .await
                    .is_ok(),
            };
            assert!(ok, "the direct call works");
            let direct_time = started.elapsed();
            let backend_time = timed_get(&world, path).await;
            if round >= WARMUP {
                direct.push(direct_time);
                backend.push(backend_time);
            }
        }
        let (d50, d99) = percentiles(&mut direct);
        let (b50, b99) = percentiles(&mut backend);
        println!(
            "  {name:<30} direct p50 {} p99 {} | via runtrace p50 {} p99 {} | added p50 {} p99 {}",
            ms(d50),
            ms(d99),
            ms(b50),
            ms(b99),
            ms(b50.saturating_sub(d50)),
            ms(b99.saturating_sub(d99)),
        );
    }
    world.emulator.shutdown().await;
}

/// Many clients reading the same cached map and services list.
async fn throughput() {
    let world = std::sync::Arc::new(
        setup::start(config(ScenarioName::Movies), Duration::from_secs(600)).await,
    );
    let now = world.emulator.emulator().clock.now() as i64;
    let paths = [
        format!("/api/v1/map?start={}&end={now}", now - 900),
        "/api/v1/services".to_owned(),
    ];
    println!("cached reads (32 concurrent keep-alive clients, 3 s each)");
    for path in paths {
        let _ = timed_get(&world, &path).await;
        let deadline = Instant::now() + Duration::from_secs(3);
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let (world, path) = (world.clone(), path.clone());
                tokio::spawn(async move {
                    let mut count = 0u64;
                    while Instant::now() < deadline {
                        timed_get(&world, &path).await;
                        count += 1;
                    }
                    count
                })
            })
            .collect();
        let mut total = 0;
        for task in tasks {
            total += task.await.expect("a client task");
        }
        println!(
            "  {:<30} {:>8.0} req/s",
            path.split('?').next().unwrap_or_default(),
            total as f64 / 3.0
        );
    }
}

/// 200 services with the read cache off: the route's first (cold) list against the ListServices
/// call it cannot avoid, and the lists after it (warm: the descriptions kept while a service's
/// listing is unchanged) against one DescribeService round trip.
/// The emulator with 200 App Runner services, `latency` added to each AWS call, and runtrace in
/// front of it with its cache off; the SDK client, a service's ARN, and ListServices's median
/// time.
async fn with_services(
    latency: Duration,
) -> (setup::World, aws_sdk_apprunner::Client, String, Duration) {
    let mut world_config = config(ScenarioName::Empty);
    world_config.faults = FaultConfig {
        extra_latency_ms: latency.as_millis() as u64,
        ..FaultConfig::default()
    };
    let world = setup::start(world_config, Duration::ZERO).await;
    for n in 0..200 {
        world
            .emulator
            .emulator()
            .apprunner
            .add_service(ServiceSeed {
                region: "us-east-1".into(),
                name: format!("service-{n:03}"),
                tracing_enabled: n % 2 == 0,
                status: None,
                instance_role_arn: None,
            });
    }
    let apprunner = world
        .direct
        .region("us-east-1")
        .expect("clients")
        .apprunner
        .clone();
    let arn = apprunner
        .list_services()
        .max_results(1)
        .send()
        .await
        .expect("listed")
        .service_summary_list()[0]
        .service_arn()
        .unwrap_or_default()
        .to_owned();
    let mut list_services = Vec::new();
    for _ in 0..COLD_RUNS {
        let started = Instant::now();
        apprunner.list_services().send().await.expect("listed");
        list_services.push(started.elapsed());
    }
    let list_services = percentiles(&mut list_services).0;
    (world, apprunner, arn, list_services)
}

/// A cold list can be measured once per emulator: the median of this many fresh ones.
const COLD_RUNS: usize = 5;

async fn services(latency: Duration) {
    let (mut first, mut full, mut plain, mut list) = (vec![], vec![], vec![], vec![]);
    for _ in 0..COLD_RUNS {
        // The page's way on a cold cache: the quick list, then the full one at once.
        let (world, _, _, list_services) = with_services(latency).await;
        let started = Instant::now();
        first.push(timed_get(&world, "/api/v1/services?describe=known").await);
        timed_get(&world, "/api/v1/services").await;
        full.push(started.elapsed());
        list.push(list_services);
        world.emulator.shutdown().await;
        // The plain route alone.
        let (world, _, _, _) = with_services(latency).await;
        plain.push(timed_get(&world, "/api/v1/services").await);
        world.emulator.shutdown().await;
    }
    let median = |samples: &mut Vec<Duration>| percentiles(samples).0;
    let (first, full, cold, list_services) = (
        median(&mut first),
        median(&mut full),
        median(&mut plain),
        median(&mut list),
    );
    let ratio = |d: Duration| d.as_secs_f64() / list_services.as_secs_f64();
    println!(
        "services route cold, first answer (?describe=known), 200 services, {} ms added per AWS call: {} = {:.2} × its ListServices ({})",
        latency.as_millis(),
        ms(first),
        ratio(first),
        ms(list_services),
    );
    println!(
        "services route cold, full answer after the first, 200 services, {} ms added per AWS call: {} = {:.1} × its ListServices ({})",
        latency.as_millis(),
        ms(full),
        ratio(full),
        ms(list_services),
    );
    println!(
        "services route cold, 200 services, {} ms added per AWS call: {} = {:.1} × its ListServices ({})",
        latency.as_millis(),
        ms(cold),
        ratio(cold),
        ms(list_services),
    );

    // Warm.
    let (world, apprunner, arn, _) = with_services(latency).await;
    let (mut describe, mut route) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        let started = Instant::now();
        apprunner
            .describe_service()
            .service_arn(&arn)
            .send()
            .await
            .expect("described");
        describe.push(started.elapsed());
        route.push(timed_get(&world, "/api/v1/services").await);
    }
    let (d50, _) = percentiles(&mut describe);
    let (r50, r99) = percentiles(&mut route);
    println!(
        "services route, 200 services, {} ms added per AWS call, warm, cache off: p50 {} p99 {} = {:.1} × one DescribeService ({})",
        latency.as_millis(),
        ms(r50),
        ms(r99),
        r50.as_secs_f64() / d50.as_secs_f64(),
        ms(d50),
    );
    world.emulator.shutdown().await;
}
