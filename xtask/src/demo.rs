//! `cargo xtask demo`: the dashboard in demo mode from a fresh clone, in one command.

use anyhow::Result;

use crate::sh::{cmd, root, run};
use crate::{bundle, tools};

pub fn run_demo(args: &[String]) -> Result<()> {
    tools::install(tools::Needs::default())?;
    bundle::build()?;
    // The release binary embeds dist/ (rust-embed), so it is one file that runs anywhere.
    run(cmd("cargo")
        .args([
            "build",
            "--release",
            "--package",
            "backend",
            "--bin",
            "runtrace",
        ])
        .env("RUNTRACE_BUNDLE_STAMP", bundle::stamp()))?;
    let runtrace = root().join("target/release/runtrace");
    eprintln!("starting the demo; it prints the dashboard's URL below (Ctrl-C stops it)");
    run(cmd(runtrace).arg("demo").args(args))
}
