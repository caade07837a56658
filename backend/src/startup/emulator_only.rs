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
    let _ = stdout.flush();
    shutdown::signal().await;
    running.shutdown().await;
    Ok(())
}
