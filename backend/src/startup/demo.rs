//! `runtrace demo`: the emulator in-process on a free loopback port, and the dashboard pointed at
//! it through `endpoint_url` — the same code path as real AWS.

use clap::ValueEnum;

use crate::aws::AwsSettings;
use crate::cli::DemoArgs;

use super::StartupError;
use super::dashboard::{connect, dashboard_state, serve_dashboard, tune};

pub async fn run(args: DemoArgs) -> Result<(), StartupError> {
    args.emulator.validate().map_err(StartupError::Invalid)?;
    let scenario = args.emulator.scenario;
    let config = args.emulator.clone().into_config();
    // With signature checking off, any key will do; `test` is the convention.
    let (key, secret) = config
        .credentials
        .clone()
        .unwrap_or_else(|| ("test".to_owned(), "test".to_owned()));
    let running = emulator::start(config)
        .await
        .map_err(StartupError::Emulator)?;
    tracing::info!(endpoint = %running.endpoint_url(), "demo emulator started");
    let mut stdout = std::io::stdout();
    super::emulator_only::print_trace_inputs(&mut stdout, &running);
    let regions = scenario.regions().iter().map(|r| (*r).to_owned()).collect();
    let mut settings = AwsSettings::endpoint(&running.endpoint_url(), regions, (&key, &secret));
    tune(&mut settings, &args.dashboard);
    let upstream = connect(&settings).await?;
    let name = scenario
        .to_possible_value()
        .map(|v| v.get_name().to_owned());
    let state = dashboard_state(&args.dashboard, upstream, name)?;
    let served = serve_dashboard(&args.dashboard, state).await;
    running.shutdown().await;
    served
}
