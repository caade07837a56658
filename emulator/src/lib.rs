//! An AWS App Runner + ECS Express + X-Ray (+ CloudWatch Logs Insights over `aws/spans`)
//! emulator that speaks the real wire protocols (awsJson1_0, awsJson1_1 and restJson1), verifies
//! SigV4 signatures and serves synthetic, live traffic — what `runtrace demo` and the
//! integration tests point the AWS SDK at instead of AWS.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let running = emulator::start(emulator::EmulatorConfig::default()).await?;
//! println!("emulator listening on {}", running.endpoint_url());
//! running.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod admin;
mod amz_date;
pub mod apprunner;
pub mod calls;
pub mod clock;
pub mod config;
pub mod daemon;
pub mod ecs;
pub mod faults;
pub mod logs;
pub mod otlp;
mod paging;
pub mod protocol;
mod running;
pub mod scenario;
pub mod server;
pub mod sigv4;
pub mod spans;
pub mod xray;

use std::net::{Ipv4Addr, SocketAddr};

pub use clock::Clock;
pub use config::EmulatorArgs;
pub use faults::{FaultConfig, Faults};
pub use running::{RunningEmulator, start};
pub use scenario::ScenarioName;

use apprunner::{AppRunner, AppRunnerOptions};
use ecs::{Ecs, EcsOptions};
use logs::Logs;
use spans::{SpanOptions, Spans};
use xray::{TransactionSearchOptions, XRay, XRayOptions};

/// The account every emulated resource belongs to (moto's convention).
pub const DEFAULT_ACCOUNT_ID: &str = "123456789012";

/// Handles on the emulated services; cheap to clone (all state is shared).
#[derive(Clone)]
pub struct Emulator {
    pub apprunner: AppRunner,
    pub ecs: Ecs,
    pub xray: XRay,
    /// CloudWatch Logs Insights over `aws/spans`.
    pub logs: Logs,
    /// The log group `aws/spans` (filled only while a region's destination is CloudWatchLogs).
    pub spans: Spans,
    pub faults: Faults,
    pub clock: Clock,
    /// Calls received per operation.
    pub calls: calls::Calls,
}

impl Emulator {
    /// Empty services (no scenario installed) built from a configuration.
    pub fn new(config: &EmulatorConfig) -> Self {
        let clock = config.clock.clone();
        let faults = Faults::new(config.faults.clone(), config.seed);
        let spans = Spans::new(SpanOptions {
            retention_seconds: config.retention_seconds,
            max_spans: config.max_spans,
            max_bytes: config.max_span_bytes,
        });
        let xray = XRay::new(
            clock.clone(),
            faults.clone(),
            XRayOptions {
                retention_seconds: config.retention_seconds,
                max_segments: config.max_segments,
                max_bytes: config.max_segment_bytes,
            },
            spans.clone(),
            TransactionSearchOptions {
                enabled_with_percent: config.transaction_search,
                async_seconds: config.async_seconds,
            },
        );
        Self {
            apprunner: AppRunner::new(
                clock.clone(),
                AppRunnerOptions {
                    operation_seconds: config.operation_seconds,
                    account_id: config.account_id.clone(),
                },
            ),
            ecs: Ecs::new(
                clock.clone(),
                faults.clone(),
                EcsOptions {
                    deployment_seconds: config.deployment_seconds,
                    account_id: config.account_id.clone(),
                },
                config.seed,
            ),
            logs: Logs::new(xray.clone()),
            xray,
            spans,
            faults,
            clock,
            calls: calls::Calls::default(),
        }
    }
}

#[derive(Clone)]
pub struct EmulatorConfig {
    pub listen: SocketAddr,
    pub scenario: ScenarioName,
    /// Seeds the scenario generator and the fault dice: same seed, same run.
    pub seed: u64,
    /// The one key pair requests must be signed with; `None` turns signature checking off.
    pub credentials: Option<(String, String)>,
    /// Keep generating traffic after the scenario's history is installed.
    pub live: bool,
    /// Live traces per second.
    pub rate: f64,
    /// How long UpdateService, PauseService and ResumeService stay OPERATION_IN_PROGRESS.
    pub operation_seconds: f64,
    /// How long an ECS Express deployment takes to succeed (and a deleted service to drain).
    pub deployment_seconds: f64,
    pub retention_seconds: f64,
    pub max_segments: usize,
    /// At most this many bytes (estimated) are held by X-Ray's segment store.
    pub max_segment_bytes: usize,
    /// At most this many spans are kept in `aws/spans` (whole traces dropped oldest first).
    pub max_spans: usize,
    /// At most this many bytes (estimated) are held by `aws/spans`.
    pub max_span_bytes: usize,
    /// `Some(percent)`: Transaction Search is on from the start — trace segment destination
    /// `CloudWatchLogs` in every region, X-Ray indexing this share of traces.
    pub transaction_search: Option<f64>,
    /// How long a destination change stays PENDING, a trace retrieval SCHEDULED/RUNNING, a Logs
    /// Insights query Scheduled/Running.
    pub async_seconds: f64,
    pub faults: FaultConfig,
    pub clock: Clock,
    pub account_id: String,
    /// Also listen as an X-Ray daemon here (UDP segments, TCP sampling), for X-Ray SDK apps.
    pub xray_daemon: Option<SocketAddr>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            scenario: ScenarioName::Empty,
            seed: 1,
            credentials: Some(("test".to_owned(), "test".to_owned())),
            live: true,
            rate: 5.0,
            operation_seconds: 15.0,
            deployment_seconds: 30.0,
            retention_seconds: 30.0 * 86_400.0,
            max_segments: 150_000,
            max_segment_bytes: config::DEFAULT_STORE_MIB * 1024 * 1024,
            max_spans: SpanOptions::default().max_spans,
            max_span_bytes: SpanOptions::default().max_bytes,
            transaction_search: None,
            async_seconds: 2.0,
            faults: FaultConfig::default(),
            clock: Clock::system(),
            account_id: DEFAULT_ACCOUNT_ID.to_owned(),
            xray_daemon: None,
        }
    }
}
