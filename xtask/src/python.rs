//! The checks written in Python against the official AWS SDK (boto3/botocore) and moto, and the
//! seed's movies app with OpenTelemetry and the X-Ray SDK (run by the end-to-end tests), in one
//! virtualenv under target/ with packages from PyPI.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use anyhow::{Context, Result, bail};

use crate::sh::{cmd, root, run};

const REQUIREMENTS: &[&str] = &[
    "emulator/conformance/requirements.txt",
    "backend/tests/python/requirements.txt",
    "e2e/seed_app/requirements.txt",
    "deploy/requirements.txt",
];

/// target/venv with the pinned requirements; reinstalled only when they change.
pub fn venv() -> Result<PathBuf> {
    let venv = root().join("target/venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        run(cmd("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    let mut wanted = String::new();
    let mut files = Vec::new();
    for file in REQUIREMENTS {
        let path = root().join(file);
        if path.exists() {
            wanted += &std::fs::read_to_string(&path)?;
            files.push(path);
        }
    }
    let stamp = venv.join("requirements.stamp");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        let mut pip = cmd(&python);
        pip.args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ]);
        for file in &files {
            pip.arg("-r").arg(file);
        }
        run(&mut pip)?;
        std::fs::write(&stamp, wanted)?;
    }
    Ok(python)
}

/// boto3 drives every implemented operation of the emulator (`runtrace emulator`): botocore
/// parses each response against its own service model, so a shape mismatch fails.
pub fn conformance(python: &Path, runtrace: &Path) -> Result<()> {
    let emulator = Server::start(
        runtrace,
        &[
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--scenario",
            "movies",
            "--operation-seconds",
            "1",
            "--deployment-seconds",
            "2",
        ],
    )?;
    run(cmd(python)
        .arg("emulator/conformance/check.py")
        .args(["--endpoint", &emulator.url]))
}

/// moto, in its signature-checking mode, independently accepts the backend's signed X-Ray call
/// and refuses the same call signed with a wrong secret.
pub fn moto_signing(python: &Path) -> Result<()> {
    let example = root().join("target/debug/examples/batch_get_traces");
    run(cmd(python)
        .arg("backend/tests/python/moto_signing.py")
        .arg("--example")
        .arg(example))
}

/// cfn-lint passes both deploy templates, and their role holds exactly README's IAM policy.
pub fn templates(python: &Path) -> Result<()> {
    let templates = ["deploy/ecs-express.yaml", "deploy/apprunner.yaml"];
    // The linter's own script sits beside the virtualenv's python.
    let cfn_lint = python.with_file_name("cfn-lint");
    run(cmd(cfn_lint).args(templates))?;
    run(cmd(python)
        .args(["deploy/check_policy.py", "README.md"])
        .args(templates))
}

/// The image starts (in demo mode) and serves health, the bundle and the API behind a token.
pub fn image(python: &Path, tag: &str) -> Result<()> {
    run(cmd(python).args(["deploy/check_image.py", tag]))
}

/// A child process that printed its URL on stdout; killed on drop.
struct Server {
    url: String,
    child: Child,
}

impl Server {
    fn start(program: &Path, args: &[&str]) -> Result<Self> {
        let mut child = cmd(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {}", program.display()))?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            let Some(line) = lines.next() else {
                let _ = child.kill();
                bail!(
                    "{} {} exited before printing its URL",
                    program.display(),
                    args.join(" ")
                );
            };
            if let Some(start) = line?
                .split_whitespace()
                .find(|word| word.starts_with("http://"))
            {
                break start.trim_end_matches('/').to_owned();
            }
        };
        std::thread::spawn(move || lines.for_each(drop));
        Ok(Server { url, child })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
