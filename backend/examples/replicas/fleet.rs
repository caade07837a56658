//! The processes of one run: `runtrace emulator`, a `redis-server`, and `runtrace serve`
//! replicas pointed at the emulator (and at Redis when sharing), each on a free loopback port.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process, killed when dropped.
pub struct Process {
    child: Child,
    pub url: String,
}

impl Process {
    /// Starts `program args` and waits for the `http://` address it prints on stdout.
    pub fn start(program: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(program)
            .args(args)
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("{} could not start: {e}", program.display()));
        let stdout = child.stdout.take().expect("a piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let url = lines
            .find_map(|line| {
                let line = line.ok()?;
                let word = line.split_whitespace().find(|w| w.starts_with("http://"))?;
                Some(word.trim_end_matches('/').to_owned())
            })
            .unwrap_or_else(|| panic!("{} {args:?} printed no address", program.display()));
        std::thread::spawn(move || lines.for_each(drop));
        Self { child, url }
    }

    /// SIGKILL, as a crashed or evicted replica goes.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

pub struct Redis {
    child: Child,
    pub url: String,
}

impl Redis {
    pub fn start(program: &str) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new(program)
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{program} could not start: {e}"));
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not listen");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self {
            child,
            url: format!("redis://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `count` replicas of `runtrace serve` in front of the emulator at `endpoint`.
pub fn replicas(
    runtrace: &Path,
    endpoint: &str,
    count: usize,
    cache: Option<&str>,
) -> Vec<Process> {
    (0..count)
        .map(|_| {
            let mut args = vec![
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--endpoint-url",
                endpoint,
            ];
            args.extend(["--region", "us-east-1", "--region", "eu-west-1"]);
            if let Some(url) = cache {
                args.extend(["--cache-url", url]);
            }
            Process::start(runtrace, &args)
        })
        .collect()
}
