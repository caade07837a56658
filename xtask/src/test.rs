//! `cargo xtask test`: every check CI runs, in order, with a summary table at the end.
//!
//! Independent steps keep running after a failure (so one run reports every problem); a step whose
//! prerequisite failed is skipped. The last line is `steps: N passed, N failed, N skipped`.

use std::time::{Duration, Instant};

use anyhow::Result;

use crate::sh::{cmd, root, run};
use crate::{bundle, image, invariants, python, soak, tools};

struct Step {
    name: &'static str,
    needs: &'static [&'static str],
    run: fn() -> Result<()>,
}

const STEPS: &[Step] = &[
    // First: it reads sources only, so a broken layering is reported within a second.
    Step {
        name: "invariants",
        needs: &[],
        run: invariants::check,
    },
    Step {
        name: "tools",
        needs: &[],
        run: || tools::install(tools::Needs::ALL),
    },
    Step {
        name: "fmt",
        needs: &[],
        run: || run(cmd("cargo").args(["fmt", "--all", "--check"])),
    },
    Step {
        name: "clippy",
        needs: &[],
        run: clippy,
    },
    Step {
        name: "clippy wasm",
        needs: &["tools"],
        run: clippy_wasm,
    },
    Step {
        name: "native tests",
        needs: &[],
        run: native_tests,
    },
    Step {
        name: "bundle + budget",
        needs: &["tools"],
        run: || bundle::check(&bundle::build()?),
    },
    Step {
        name: "wasm tests (Chromium)",
        needs: &["tools"],
        run: wasm_tests,
    },
    Step {
        name: "binaries",
        needs: &[],
        run: binaries,
    },
    Step {
        name: "boto3 conformance",
        needs: &["binaries"],
        run: boto3_conformance,
    },
    Step {
        name: "moto signing",
        needs: &["binaries"],
        run: moto_signing,
    },
    Step {
        name: "soak (20 s)",
        needs: &["binaries"],
        run: short_soak,
    },
    Step {
        name: "end-to-end (Chromium)",
        needs: &["tools", "bundle + budget", "binaries"],
        run: end_to_end,
    },
    Step {
        name: "deploy templates",
        needs: &[],
        run: || python::templates(&python::venv()?),
    },
    Step {
        name: "container image",
        needs: &["tools", "bundle + budget"],
        run: container_image,
    },
];

enum Outcome {
    Passed(Duration),
    Failed(Duration, String),
    Skipped(&'static str),
}

pub fn run_all(fail_fast: bool) -> Result<()> {
    let mut outcomes: Vec<(&str, Outcome)> = Vec::new();
    for step in STEPS {
        let failed_need = step.needs.iter().find(|need| {
            outcomes
                .iter()
                .any(|(name, o)| name == *need && !matches!(o, Outcome::Passed(_)))
        });
        let stop = fail_fast
            && outcomes
                .iter()
                .any(|(_, o)| matches!(o, Outcome::Failed(..)));
        let outcome = match (failed_need, stop) {
            (Some(need), _) => Outcome::Skipped(need),
            (None, true) => Outcome::Skipped("an earlier step"),
            (None, false) => {
                eprintln!("\n==> {}", step.name);
                let started = Instant::now();
                match (step.run)() {
                    Ok(()) => Outcome::Passed(started.elapsed()),
                    Err(error) => Outcome::Failed(started.elapsed(), format!("{error:#}")),
                }
            }
        };
        outcomes.push((step.name, outcome));
    }
    summarize(&outcomes)
}

fn summarize(outcomes: &[(&str, Outcome)]) -> Result<()> {
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    eprintln!("\n{:<26} {:>9}  result", "step", "time");
    for (name, outcome) in outcomes {
        match outcome {
            Outcome::Passed(t) => {
                passed += 1;
                eprintln!("{name:<26} {:>8.1}s  ok", t.as_secs_f64());
            }
            Outcome::Failed(t, why) => {
                failed += 1;
                eprintln!("{name:<26} {:>8.1}s  FAILED: {why}", t.as_secs_f64());
            }
            Outcome::Skipped(need) => {
                skipped += 1;
                eprintln!("{name:<26} {:>9}  skipped ({need} failed)", "-");
            }
        }
    }
    println!("steps: {passed} passed, {failed} failed, {skipped} skipped");
    if failed + skipped > 0 {
        anyhow::bail!("{failed} step(s) failed");
    }
    Ok(())
}

fn clippy() -> Result<()> {
    run(cmd("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))
}

/// Code under `cfg(target_arch = "wasm32")` is only seen by a wasm build.
fn clippy_wasm() -> Result<()> {
    run(cmd("cargo").args([
        "clippy",
        "--package",
        "frontend",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))
}

fn native_tests() -> Result<()> {
    run(cmd("cargo").args(["test", "--workspace", "--exclude", "e2e", "--locked"]))
}

fn wasm_tests() -> Result<()> {
    run(cmd("cargo")
        .args([
            "test",
            "--package",
            "frontend",
            "--target",
            "wasm32-unknown-unknown",
            "--locked",
        ])
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        // Without debug info the wasm test build is 2.7× faster.
        .env("CARGO_PROFILE_DEV_DEBUG", "0"))
}

fn binaries() -> Result<()> {
    run(cmd("cargo").args([
        "build",
        "--package",
        "backend",
        "--bins",
        "--examples",
        "--locked",
    ]))
}

fn boto3_conformance() -> Result<()> {
    let python = python::venv()?;
    python::conformance(&python, &root().join("target/debug/runtrace"))
}

/// `cargo xtask soak` for 20 s on the debug build: load, faults and every attack, a few rounds.
fn short_soak() -> Result<()> {
    soak::run_soak(&soak::Options {
        duration: Duration::from_secs(20),
        clients: 20,
        binary: Some(root().join("target/debug/runtrace")),
    })
}

fn moto_signing() -> Result<()> {
    python::moto_signing(&python::venv()?)
}

/// Builds the image (a static release binary: the step that takes longest cold) and runs it.
fn container_image() -> Result<()> {
    let image = image::build()?;
    image.print();
    python::image(&python::venv()?, &image.tag)
}

fn end_to_end() -> Result<()> {
    // The seed app's tests run the movies app with the virtualenv's packages.
    let python = python::venv()?;
    run(cmd("cargo")
        .args([
            "test",
            "--package",
            "e2e",
            "--locked",
            "--",
            "--test-threads=1",
        ])
        .env("RUNTRACE_BIN", root().join("target/debug/runtrace"))
        .env("RUNTRACE_DIST", bundle::dist_dir())
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("CHROMIUM", tools::CHROMIUM)
        .env("RUNTRACE_ARTIFACTS", root().join("target/e2e"))
        .env("RUNTRACE_PYTHON", python))
}
