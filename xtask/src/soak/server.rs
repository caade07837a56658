//! The `runtrace demo` under test: started on a free loopback port with the emulator injecting
//! faults, its stderr watched line by line (a forged log line, a panic), its RSS read from /proc.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, bail};

use crate::sh::{cmd, describe};

/// The embed key the soak signs its link with (only ever on loopback, for this run).
pub const EMBED_KEY: &str = "soak:5f3a9c0e7b1d4f2a8c6e0b9d7f5a3c1e2b4d6f8a0c2e4f6a8b0d2f4a6c8e0f2a";
/// A line a forged `window` would write, were log fields not escaped.
pub const FORGED_LINE: &str = "SOAK-FORGED-LOG-LINE";
/// Seconds a client has to send its headers (and a kept-alive connection may idle): short, so
/// the holding attacks see their connections closed within the run.
pub const HEADER_TIMEOUT_SECONDS: u64 = 2;

/// What the server's log showed.
#[derive(Debug, Default, Clone)]
pub struct LogWatch {
    pub lines: usize,
    /// Lines that start with [`FORGED_LINE`]: a client wrote a line of its own.
    pub forged: usize,
    pub panics: usize,
    /// The first few ERROR/WARN lines, for the report.
    pub errors: Vec<String>,
    pub error_count: usize,
}

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub log: Arc<Mutex<LogWatch>>,
}

/// The emulator's faults: throttling, 500s, latency, truncated traces and corrupt documents.
pub const FAULT_ARGS: &[&str] = &[
    "--throttle-ratio",
    "0.05",
    "--error-ratio",
    "0.05",
    "--latency-ms",
    "20",
    "--truncate-traces",
    "--corrupt-documents",
];

impl Server {
    pub fn start(binary: &Path) -> Result<Self> {
        let header_timeout = HEADER_TIMEOUT_SECONDS.to_string();
        let mut command = cmd(binary);
        command
            .args(["demo", "--scenario", "shop", "--listen", "127.0.0.1:0"])
            .args([
                "--header-timeout",
                &header_timeout,
                "--embed-key",
                EMBED_KEY,
            ])
            .args(FAULT_ARGS)
            // Refusals are logged at debug: the level at which a forged line would show.
            .env(
                "RUST_LOG",
                "info,backend=debug,aws_config=warn,aws_smithy_runtime=warn,aws_runtime=warn",
            )
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        eprintln!("$ {}", describe(&command));
        let mut child = command
            .spawn()
            .with_context(|| format!("could not start {}", binary.display()))?;
        let log = Arc::new(Mutex::new(LogWatch::default()));
        if let Some(stderr) = child.stderr.take() {
            let log = Arc::clone(&log);
            std::thread::spawn(move || watch(BufReader::new(stderr), &log));
        }
        let addr = child
            .stdout
            .take()
            .and_then(|stdout| dashboard_addr(BufReader::new(stdout)));
        let Some(addr) = addr else {
            let _ = child.kill();
            let _ = child.wait();
            bail!("runtrace demo did not print its address (see its log above)");
        };
        Ok(Self { child, addr, log })
    }

    /// The resident set of the runtrace process, in KiB.
    pub fn rss_kib(&self) -> Option<u64> {
        rss_kib(self.child.id())
    }

    pub fn log(&self) -> LogWatch {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Whether the process is still running (a crash ends the soak as a failure).
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads stdout up to `runtrace dashboard: http://ADDR/`.
fn dashboard_addr(mut stdout: impl BufRead) -> Option<SocketAddr> {
    let mut line = String::new();
    while stdout.read_line(&mut line).ok()? > 0 {
        if let Some(rest) = line.trim().strip_prefix("runtrace dashboard: http://") {
            return rest.trim_end_matches('/').parse().ok();
        }
        line.clear();
    }
    None
}

fn watch(stderr: impl BufRead, log: &Mutex<LogWatch>) {
    for line in stderr.lines().map_while(Result::ok) {
        let Ok(mut log) = log.lock() else { return };
        log.lines += 1;
        log.forged += usize::from(line.starts_with(FORGED_LINE));
        log.panics += usize::from(line.contains("panicked"));
        if line.contains(" ERROR ") || line.contains("panicked") {
            log.error_count += 1;
            if log.errors.len() < 5 {
                log.errors.push(line);
            }
        }
    }
}

/// VmRSS of process `pid` in KiB (Linux).
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    parse_vm_rss(&status)
}

fn parse_vm_rss(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_and_the_resident_set_are_read() {
        let printed = "something else\nruntrace dashboard: http://127.0.0.1:41234/\n";
        assert_eq!(
            dashboard_addr(printed.as_bytes()),
            "127.0.0.1:41234".parse().ok()
        );
        assert_eq!(dashboard_addr("no address\n".as_bytes()), None);
        let status = "Name:\truntrace\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\n";
        assert_eq!(parse_vm_rss(status), Some(123_456));
        assert_eq!(parse_vm_rss("Name: x\n"), None);
    }

    #[test]
    fn the_log_watch_counts_forged_lines_and_panics() {
        let log = Mutex::new(LogWatch::default());
        let text = format!(
            "2026-01-01T00:00:00Z DEBUG backend: refused message=\"bad window 15m\\n{FORGED_LINE}\"\n{FORGED_LINE} forged\nthread 'x' panicked at src/x.rs\n"
        );
        watch(text.as_bytes(), &log);
        let log = log.lock().expect("not poisoned");
        assert_eq!((log.lines, log.forged, log.panics), (3, 1, 1));
        assert_eq!(log.error_count, 1);
    }
}
