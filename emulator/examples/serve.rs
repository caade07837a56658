//! Runs the emulator on its own, with the same options as `runtrace emulator`:
//! `cargo run -p emulator --example serve -- --listen 127.0.0.1:0 --scenario movies`.
//! Prints `emulator listening on http://127.0.0.1:PORT` once it accepts connections, then serves
//! until Ctrl-C.

use clap::Parser;
use emulator::EmulatorArgs;

#[derive(Parser)]
#[command(about = "The runtrace AWS App Runner + X-Ray emulator")]
struct Cli {
    #[command(flatten)]
    args: EmulatorArgs,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Cli::parse().args;
    args.validate()?;
    let running = emulator::start(args.into_config()).await?;
    println!("emulator listening on {}", running.endpoint_url());
    tokio::signal::ctrl_c().await?;
    running.shutdown().await;
    Ok(())
}
