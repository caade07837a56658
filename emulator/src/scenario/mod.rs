//! Scenarios: synthetic App Runner and ECS Express services and the X-Ray traffic they would send
//! through ADOT.
//!
//! - `movies`: the seed scenario, `movies_app` writing to the DynamoDB table `movies-app`.
//! - `shop`: fifteen services in two regions (two of them on ECS Express, one of those with its
//!   spans lost to the `localhost:4317` migration trap), with incidents on a six-minute cycle.
//! - `large`: 2,000 services and traces of 1,000 to 100,000 segments, for benchmarks.
//! - `transaction-search`: `shop` with CloudWatch Transaction Search on — every span in the log
//!   group `aws/spans`, X-Ray indexing 1 % of traces (unless `--indexing-percent` says otherwise).
//! - `empty`: nothing.
//!
//! Everything is drawn from a generator seeded by `seed` and timed by the emulator's clock, so the
//! same seed and clock give the same documents.

mod call;
mod driver;
mod large;
mod large_traces;
mod movies;
mod render;
mod shop;
mod shop_calls;

use std::time::Duration;

use crate::Emulator;
use driver::Driver;

#[derive(Clone, Copy, clap::ValueEnum, Debug, PartialEq, Eq)]
pub enum ScenarioName {
    Empty,
    Movies,
    Shop,
    Large,
    /// `shop` with Transaction Search on at 1 % indexing.
    TransactionSearch,
}

impl ScenarioName {
    /// The regions the scenario's services live in.
    pub fn regions(self) -> &'static [&'static str] {
        match self {
            ScenarioName::Shop | ScenarioName::TransactionSearch => &["us-east-1", "eu-west-1"],
            _ => &["us-east-1"],
        }
    }

    /// Whether the scenario turns Transaction Search on by itself.
    pub fn transaction_search(self) -> bool {
        self == ScenarioName::TransactionSearch
    }
}

/// Creates the scenario's services and seeds its history (the last 30–45 minutes of traffic;
/// `large` also stores its benchmark traces and groups).
pub fn install(name: ScenarioName, emulator: &Emulator, seed: u64) {
    let Some(mut driver) = Driver::new(name, emulator, seed) else {
        return;
    };
    let now = emulator.clock.now();
    let (history_seconds, history_rate) = driver.history();
    driver.emit_between(emulator, now - history_seconds, now, history_rate);
    driver.install_extras(emulator, now);
    tracing::info!(scenario = ?name, stored = ?emulator.xray.stored(), "scenario installed");
}

/// Generates `rate` traces per second on the emulator's clock until the task is aborted. A
/// service whose tracing is off emits nothing until it is turned back on.
pub fn spawn_live(
    name: ScenarioName,
    emulator: Emulator,
    seed: u64,
    rate: f64,
) -> tokio::task::JoinHandle<()> {
    // Read before the task starts: traffic covers everything after the call, even if the clock
    // moves before the task first runs.
    let mut last = emulator.clock.now();
    let driver = Driver::new(name, &emulator, seed.wrapping_add(0x5eed));
    tokio::spawn(async move {
        let Some(mut driver) = driver else {
            return;
        };
        let mut ticker = tokio::time::interval(Duration::from_millis(500));
        loop {
            ticker.tick().await;
            let now = emulator.clock.now();
            if now > last {
                driver.emit_between(&emulator, last, now, rate);
                last = now;
            }
        }
    })
}

/// Generates the traffic of `[from, to)` at once (what the live task would have sent over that
/// time): for simulating long runs with a manual clock. The scenario must be installed.
pub fn generate(name: ScenarioName, emulator: &Emulator, seed: u64, from: f64, to: f64, rate: f64) {
    if let Some(mut driver) = Driver::new(name, emulator, seed ^ from.to_bits()) {
        driver.emit_between(emulator, from, to, rate);
    }
}
