//! The `runtrace` binary: parses the command line and hands over to [`backend::startup`].

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = backend::cli::Cli::parse();
    backend::startup::logging::init();
    backend::startup::run(cli)
}
