//! `cargo xtask bench`: every performance target in DESIGN.md measured in one command, printed as
//! one table and kept in target/bench/results.json. Figures are reported, never asserted (these
//! machines are noisy); only the bundle's gzip budget is enforced, by `cargo xtask test`.
//!
//! Steps: the release bundle (with its sizes), the release `runtrace`, the backend's own
//! benchmark (`backend/examples/bench`) and the emulator's OTLP ingest benchmark
//! (`emulator/examples/otlp_bench`), then the browser half (`e2e/src/bin/bench`), which starts
//! `runtrace demo --scenario large` and drives headless Chromium, with speedscope as the peer.

mod backend;
mod emulator;
mod peer;
mod replicas;
mod report;
mod rows;
mod targets;

use std::path::PathBuf;

use anyhow::{Context, Result};
use serde_json::{Value, json};

use crate::sh::{cmd, root, run};
use crate::{bundle, tools};

/// What `cargo xtask bench` was asked for.
pub struct Options {
    pub runs: usize,
    pub kiosk_minutes: Option<u64>,
    /// Parts to measure: the browser's (map, traces, kiosk, peer) and `replicas`; empty: all.
    pub only: Vec<String>,
}

impl Options {
    fn wants(&self, part: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|p| p == part)
    }

    /// Whether any browser part is asked for.
    fn wants_browser(&self) -> bool {
        self.only.is_empty() || self.only.iter().any(|p| p != "replicas")
    }
}

pub fn run_bench(options: &Options) -> Result<()> {
    let runs = options.runs;
    tools::install(tools::Needs {
        browser: true,
        services: true,
        ..tools::Needs::default()
    })?;
    // Over budget is a figure to report here, not a reason to stop; `cargo xtask test` fails on it.
    let sizes = bundle::build()?;
    // The release binary embeds dist/, so it is built after the bundle.
    run(cmd("cargo")
        .args([
            "build",
            "--release",
            "--package",
            "backend",
            "--bin",
            "runtrace",
            "--example",
            "bench",
            "--example",
            "replicas",
        ])
        .env("RUNTRACE_BUNDLE_STAMP", bundle::stamp()))?;
    run(cmd("cargo").args([
        "build",
        "--release",
        "--package",
        "emulator",
        "--example",
        "otlp_bench",
    ]))?;
    let release = target_dir().join("release");
    let server = backend::run(&release.join("examples/bench"))?;
    let ingest = emulator::run(&release.join("examples/otlp_bench"))?;
    let replicas = match options.wants("replicas") {
        true => Some(replicas::run(
            &release.join("examples/replicas"),
            &release.join("runtrace"),
        )?),
        false => None,
    };
    let peer = match peer::install() {
        Ok(package) => Some(package),
        Err(error) => {
            eprintln!("the peer viewer could not be installed, so it is not measured: {error:#}");
            None
        }
    };
    let out = root().join("target/bench");
    let browser_json = out.join("browser.json");
    let _ = std::fs::remove_file(&browser_json);
    let mut browser = cmd("cargo");
    browser
        .args(["run", "--package", "e2e", "--bin", "bench"])
        .env("RUNTRACE_BIN", release.join("runtrace"))
        .env("RUNTRACE_DIST", bundle::dist_dir())
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("CHROMIUM", tools::CHROMIUM)
        .env("RUNTRACE_ARTIFACTS", out.join("artifacts"))
        .env("RUNTRACE_BENCH_OUT", &browser_json)
        .env("RUNTRACE_BENCH_RUNS", runs.to_string());
    if let Some(minutes) = options.kiosk_minutes {
        browser.env("RUNTRACE_BENCH_KIOSK_MINUTES", minutes.to_string());
    }
    let browser_parts: Vec<&str> = options
        .only
        .iter()
        .map(String::as_str)
        .filter(|part| *part != "replicas")
        .collect();
    if !browser_parts.is_empty() {
        browser.env("RUNTRACE_BENCH_ONLY", browser_parts.join(","));
    }
    if let Some(package) = &peer {
        browser.env("RUNTRACE_PEER", package);
    }
    let figures = match options.wants_browser() {
        false => json!({}),
        true => match run(&mut browser) {
            Ok(()) => read_json(&browser_json)?,
            Err(error) => {
                eprintln!("the browser run failed, so its figures are not measured: {error:#}");
                json!({})
            }
        },
    };
    let rows = targets::all(&sizes, &server, &ingest, replicas.as_ref(), &figures);
    print!("{}", report::table(&rows));
    let results = out.join("results.json");
    let raw = json!({
        "bundle": bundle_json(&sizes),
        "backend": { "output": server.output },
        "emulator": { "output": ingest.output },
        "replicas": { "output": replicas.as_ref().map(|r| r.output.clone()) },
        "browser": figures,
    });
    report::write(&results, &rows, raw)?;
    eprintln!("results written to {}", results.display());
    Ok(())
}

/// Each first load's bytes, gzip and brotli, as the table shows them.
fn bundle_json(sizes: &bundle::Sizes) -> serde_json::Value {
    let load = |load: crate::bundle_sizes::Load| json!({ "gzip_bytes": load.gzip, "brotli_bytes": load.brotli });
    let mut routes = serde_json::Map::new();
    routes.insert("shell".to_owned(), load(sizes.shell()));
    for entry in crate::bundle_sizes::ENTRY_ROUTES {
        routes.insert(entry.route.to_owned(), load(sizes.route(entry.point)));
    }
    json!({ "all_assets": load(sizes.everything()), "first_load": routes })
}

/// Where cargo puts binaries: `CARGO_TARGET_DIR` when set (as every engineer here does), else target/.
pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

fn read_json(path: &std::path::Path) -> Result<Value> {
    let text = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&text).with_context(|| format!("{} is not JSON", path.display()))
}
