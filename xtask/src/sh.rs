//! Running commands: every child gets the tool folders first on PATH, and every command is echoed
//! before it runs so a log shows what happened.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use anyhow::{Context, Result, bail};

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// `~/.cache/runtrace-tools`: where npm's binaryen (wasm-opt) is installed.
pub fn tools_dir() -> PathBuf {
    home().join(".cache/runtrace-tools")
}

pub fn home() -> PathBuf {
    std::env::var_os("HOME").map_or_else(|| PathBuf::from("/root"), PathBuf::from)
}

/// PATH with cargo's bin folder and the npm tools first, so freshly installed tools are found.
pub fn path_env() -> std::ffi::OsString {
    let mut dirs = vec![
        home().join(".cargo/bin"),
        tools_dir().join("node_modules/.bin"),
    ];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A command rooted at the workspace with the tool PATH and the offline-safe environment.
pub fn cmd(program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(root())
        .env("PATH", path_env())
        // Never let the AWS SDK probe the EC2 metadata address from a test or a demo.
        .env("AWS_EC2_METADATA_DISABLED", "true")
        // Trunk would ask GitHub for its newest version.
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    command
}

/// Runs a command to completion, echoing it first; a non-zero exit is an error.
pub fn run(command: &mut Command) -> Result<()> {
    eprintln!("$ {}", describe(command));
    let status = command
        .status()
        .with_context(|| format!("could not start {}", describe(command)))?;
    if !status.success() {
        bail!("`{}` failed ({status})", describe(command));
    }
    Ok(())
}

/// Runs a built program (a benchmark), echoing its output as it is read, and returns what it
/// printed on stdout; a non-zero exit is an error naming `what`.
pub fn printed(program: &Path, what: &str) -> Result<String> {
    printed_by(&mut cmd(program), what)
}

/// [`printed`] for a command with arguments.
pub fn printed_by(command: &mut Command, what: &str) -> Result<String> {
    command.stderr(Stdio::inherit());
    eprintln!("$ {}", describe(command));
    let output = command
        .output()
        .with_context(|| format!("could not start {}", describe(command)))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    eprint!("{text}");
    if !output.status.success() {
        bail!("{what} failed ({})", output.status);
    }
    Ok(text)
}

/// Runs a command quietly and returns its stdout if it succeeded.
pub fn output(command: &mut Command) -> Option<String> {
    let Output { status, stdout, .. } = command.output().ok()?;
    status
        .success()
        .then(|| String::from_utf8_lossy(&stdout).trim().to_owned())
}

pub fn describe(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(
        command
            .get_args()
            .map(|arg| arg.to_string_lossy().into_owned()),
    );
    parts.join(" ")
}
