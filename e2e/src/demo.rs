use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::Env;

/// A `runtrace demo` process serving the real bundle on a free loopback port. Killed on drop.
pub struct Demo {
    /// The dashboard's base URL, without a trailing slash (`http://127.0.0.1:PORT`).
    pub url: String,
    /// The emulator's OTLP/HTTP traces URL (`http://127.0.0.1:PORT/v1/traces`).
    pub otlp_endpoint: Option<String>,
    /// The emulator's X-Ray daemon address, when `--xray-daemon` was given.
    pub xray_daemon: Option<String>,
    child: Child,
}

impl Demo {
    /// Starts `runtrace demo --listen 127.0.0.1:0 --dist DIST` with `args` appended, and waits for
    /// the dashboard URL it prints on stdout (after the emulator's trace inputs).
    pub async fn start(env: &Env, args: &[&str]) -> Result<Self> {
        let mut child = Command::new(&env.runtrace_bin)
            .arg("demo")
            .args(["--listen", "127.0.0.1:0", "--dist"])
            .arg(&env.dist)
            .args(args)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {}", env.runtrace_bin.display()))?;
        let stdout = child.stdout.take().context("runtrace stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let (mut otlp_endpoint, mut xray_daemon) = (None, None);
        let url = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await? {
                let value = |prefix: &str| {
                    let rest = line.strip_prefix(prefix)?;
                    rest.split_whitespace().next().map(str::to_owned)
                };
                if let Some(url) = value("runtrace dashboard: ") {
                    return Ok(url);
                }
                if let Some(url) = value("OTLP endpoint: ") {
                    otlp_endpoint = Some(url);
                }
                if let Some(addr) = value("X-Ray daemon: ") {
                    xray_daemon = Some(addr);
                }
            }
            bail!("runtrace demo exited before printing its URL")
        })
        .await
        .context("runtrace demo printed no URL within 60 s")??;
        // Keep draining stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Demo {
            url: url.trim_end_matches('/').to_owned(),
            otlp_endpoint,
            xray_daemon,
            child,
        })
    }

    /// Stops the server (it is also killed when dropped).
    pub async fn stop(mut self) -> Result<()> {
        self.child.kill().await.context("stopping runtrace demo")
    }
}
