use std::path::PathBuf;

use anyhow::{Context, Result, bail};

/// Where the pieces of an end-to-end run live, read from the environment (see the crate docs).
#[derive(Debug, Clone)]
pub struct Env {
    pub runtrace_bin: PathBuf,
    pub dist: PathBuf,
    pub chromedriver: PathBuf,
    pub chromium: PathBuf,
    pub artifacts: PathBuf,
    /// A Python with the seed app's packages (`e2e/seed_app/requirements.txt`), for the tests
    /// that run it.
    pub python: Option<PathBuf>,
}

impl Env {
    pub fn from_env() -> Result<Self> {
        let env = Env {
            runtrace_bin: required("RUNTRACE_BIN")?,
            dist: required("RUNTRACE_DIST")?,
            chromedriver: optional("CHROMEDRIVER", "/usr/bin/chromedriver"),
            chromium: optional("CHROMIUM", "/usr/bin/chromium"),
            artifacts: optional("RUNTRACE_ARTIFACTS", "target/e2e"),
            python: std::env::var_os("RUNTRACE_PYTHON").map(PathBuf::from),
        };
        for (what, path) in [
            ("RUNTRACE_BIN", &env.runtrace_bin),
            ("RUNTRACE_DIST", &env.dist),
            ("CHROMEDRIVER", &env.chromedriver),
            ("CHROMIUM", &env.chromium),
        ] {
            if !path.exists() {
                bail!(
                    "{what}={} does not exist; run the browser tests with `cargo xtask test`",
                    path.display()
                );
            }
        }
        std::fs::create_dir_all(&env.artifacts)
            .with_context(|| format!("creating {}", env.artifacts.display()))?;
        Ok(env)
    }
}

impl Env {
    /// The Python of the seed app's tests; missing is an error, not a skip.
    pub fn python(&self) -> Result<&PathBuf> {
        let python = self.python.as_ref().context(
            "RUNTRACE_PYTHON is not set: the seed app's tests run through `cargo xtask test`, which sets it",
        )?;
        if !python.exists() {
            bail!("RUNTRACE_PYTHON={} does not exist", python.display());
        }
        Ok(python)
    }
}

fn required(name: &str) -> Result<PathBuf> {
    std::env::var_os(name).map(PathBuf::from).with_context(|| {
        format!(
            "{name} is not set: the browser tests run through `cargo xtask test`, which sets it"
        )
    })
}

fn optional(name: &str, default: &str) -> PathBuf {
    std::env::var_os(name).map_or_else(|| PathBuf::from(default), PathBuf::from)
}
