//! The three commands: `serve` (real AWS), `demo` (the emulator in-process) and `emulator`.
//! Failures at startup are one line on stderr and an exit code, never a stack trace.

pub mod connections;
mod dashboard;
mod demo;
mod emulator_only;
pub mod logging;
mod serve;
mod shutdown;

use std::process::ExitCode;

use crate::aws::SetupError;
use crate::cli::{Cli, Command};

pub use dashboard::dashboard_state;

/// Why runtrace could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// Configuration the user must fix: credentials, region, option values.
    #[error(transparent)]
    Aws(#[from] SetupError),
    #[error("{0}")]
    Invalid(String),
    #[error(
        "cannot listen on {addr}: {source} (is another program using the port? try --listen 127.0.0.1:0)"
    )]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot read the dashboard bundle from {dir}: {source}")]
    Bundle { dir: String, source: std::io::Error },
    #[error("the emulator did not start: {0}")]
    Emulator(std::io::Error),
    #[error("the server stopped: {0}")]
    Server(std::io::Error),
}

impl StartupError {
    /// 2 for what the user must change, 1 for everything else.
    fn exit_code(&self) -> u8 {
        match self {
            Self::Aws(_) | Self::Invalid(_) => 2,
            _ => 1,
        }
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("runtrace: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(args) => serve::run(args).await,
            Command::Demo(args) => demo::run(args).await,
            Command::Emulator(args) => emulator_only::run(args).await,
            Command::EmbedLink(args) => {
                crate::auth::embed_link::print(&args).map_err(StartupError::Invalid)
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("runtrace: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}
