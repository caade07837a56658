//! `runtrace emulator`: the AWS emulator alone, until Ctrl-C or SIGTERM.

use std::io::Write;

use super::{StartupError, shutdown};

pub async fn run(args: emulator::EmulatorArgs) -> Result<(), StartupError> {
    args.validate().map_err(StartupError::Invalid)?;
    let running = emulator::start(args.into_config())
        .await
        .map_err(StartupError::Emulator)?;
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "emulator listening on {}", running.endpoint_url());
    print_trace_inputs(&mut stdout, &running);
    let _ = stdout.flush();
    shutdown::signal().await;
    running.shutdown().await;
    Ok(())
}

/// Where an instrumented app sends its traces: one line each, the address first after the
/// colon, so scripts can read it (`OTLP endpoint: http://…`, `X-Ray daemon: 127.0.0.1:2000`).
pub(super) fn print_trace_inputs(out: &mut impl Write, running: &emulator::RunningEmulator) {
    let _ = writeln!(
        out,
        "OTLP endpoint: {} (set OTEL_EXPORTER_OTLP_TRACES_ENDPOINT to it)",
        running.otlp_traces_url()
    );
    if let Some(daemon) = running.xray_daemon_addr() {
        let _ = writeln!(
            out,
            "X-Ray daemon: {daemon} (set AWS_XRAY_DAEMON_ADDRESS to it)"
        );
    }
}
