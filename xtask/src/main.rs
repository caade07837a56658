//! `cargo xtask`: everything that is more than one cargo command — installing the tools a fresh
//! machine lacks, building the browser bundle, starting the demo, running every test.
//!
//! Each tool is installed only when missing (or at the wrong version), so a second run costs
//! seconds. Everything installed lives in cargo's bin folder, Debian's packages, or
//! `~/.cache/runtrace-tools` (wasm-opt from npm); Python packages go into `target/venv`.

mod bench;
mod bundle;
mod bundle_sizes;
mod demo;
mod image;
mod invariants;
mod preload;
mod python;
mod sh;
mod soak;
mod split;
mod test;
mod tools;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Set up, build, demo and test runtrace",
    after_help = "Start here:\n  cargo xtask demo     build everything and start the demo dashboard\n  cargo xtask test     run every check CI runs (installs what is missing)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install what is missing: the wasm target, Trunk, wasm-bindgen-cli, wasm-opt (and with
    /// --browser, Chromium and chromedriver; with --all, everything the test command uses).
    Setup {
        /// Also install Chromium and chromedriver for the browser tests.
        #[arg(long)]
        browser: bool,
        /// Install everything `cargo xtask test` uses: also Redis, the musl target, musl-gcc,
        /// podman and runc.
        #[arg(long)]
        all: bool,
    },
    /// Build the browser bundle into dist/ (release, size-optimised) and print its size.
    Dist,
    /// Build the container image (deploy/Containerfile): a static release `runtrace` with the
    /// bundle inside, on an empty base, with podman; prints its size.
    Image,
    /// Build the bundle and a release `runtrace`, then start `runtrace demo` (Ctrl-C stops it).
    Demo {
        /// Arguments for `runtrace demo`, e.g. `-- --scenario movies --listen 127.0.0.1:9000`.
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Run every check: the invariants, formatting, clippy, native tests, the wasm build and its
    /// size budget, browser tests, the Python SDK conformance and signing checks, end-to-end
    /// tests.
    Test {
        /// Stop at the first failing step instead of running the independent ones.
        #[arg(long)]
        fail_fast: bool,
    },
    /// Check ARCHITECTURE.md's invariants on the sources (no build): forbidden dependencies
    /// between folders and crates, and a code map that names every module. The first step of
    /// `test`.
    Invariants,
    /// Measure every performance target in DESIGN.md (release build, `runtrace demo --scenario
    /// large`, headless Chromium, speedscope as the peer) and print one table; results also go to
    /// target/bench/results.json.
    Bench {
        /// Runs per browser figure; the table shows the median.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Run the kiosk memory check for this many minutes (one sample a minute) instead of
        /// 100 rotations, e.g. `--kiosk-minutes 60` for the hour-long run.
        #[arg(long, value_name = "MINUTES")]
        kiosk_minutes: Option<u64>,
        /// Measure only these parts (comma-separated: map, traces, kiosk, peer, replicas);
        /// default all.
        #[arg(long, value_delimiter = ',', value_name = "PARTS")]
        only: Vec<String>,
    },
    /// Load, injected AWS faults and abuse for a bounded time, on loopback only: `runtrace demo
    /// --scenario shop` with throttling, 500s, latency and corrupt documents, concurrent clients
    /// on the API, the hardening attacks (rebinding hosts, embed-scope escapes, forged cursors,
    /// oversized requests, held connections, log injection). Prints a table; fails on any 5xx
    /// other than a mapped 502/503.
    Soak {
        /// How long to run, in minutes.
        #[arg(long, default_value_t = 2.0, conflicts_with = "seconds")]
        minutes: f64,
        /// How long to run, in seconds (instead of --minutes).
        #[arg(long)]
        seconds: Option<u64>,
        /// Concurrent API clients.
        #[arg(long, default_value_t = 20)]
        clients: usize,
        /// The runtrace binary to soak (default: build the release one).
        #[arg(long, value_name = "PATH")]
        binary: Option<std::path::PathBuf>,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Setup { browser, all } => tools::install(match all {
            true => tools::Needs::ALL,
            false => tools::Needs {
                browser,
                ..tools::Needs::default()
            },
        }),
        Command::Dist => {
            tools::install(tools::Needs::default())?;
            bundle::build().and_then(|sizes| bundle::check(&sizes))
        }
        Command::Image => {
            tools::install(tools::Needs {
                image: true,
                ..tools::Needs::default()
            })?;
            bundle::check(&bundle::build()?)?;
            image::build().map(|image| image.print())
        }
        Command::Demo { args } => demo::run_demo(&args),
        Command::Test { fail_fast } => test::run_all(fail_fast),
        Command::Invariants => invariants::check(),
        Command::Bench {
            runs,
            kiosk_minutes,
            only,
        } => bench::run_bench(&bench::Options {
            runs,
            kiosk_minutes,
            only,
        }),
        Command::Soak {
            minutes,
            seconds,
            clients,
            binary,
        } => {
            let duration = match seconds {
                Some(seconds) => std::time::Duration::from_secs(seconds),
                None => std::time::Duration::try_from_secs_f64(minutes * 60.0).map_err(|_| {
                    anyhow::anyhow!("--minutes must be zero or more, got {minutes}")
                })?,
            };
            soak::run_soak(&soak::Options {
                duration,
                clients,
                binary,
            })
        }
    }
}
