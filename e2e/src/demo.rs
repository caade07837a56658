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
    child: Child,
}

impl Demo {
    /// Starts `runtrace demo --listen 127.0.0.1:0 --dist DIST` with `args` appended, and waits for
    /// the dashboard URL it prints on stdout.
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
        let url = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await? {
                if let Some(url) = first_http_url(&line) {
                    return Ok(url);
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
            child,
        })
    }

    /// Stops the server (it is also killed when dropped).
    pub async fn stop(mut self) -> Result<()> {
        self.child.kill().await.context("stopping runtrace demo")
    }
}

/// The first `http://…` token of a line, e.g. of `runtrace dashboard: http://127.0.0.1:8080/`.
pub(crate) fn first_http_url(line: &str) -> Option<String> {
    let start = line.find("http://")?;
    let url = line[start..].split_whitespace().next()?;
    Some(url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::first_http_url;

    #[test]
    fn finds_the_printed_url() {
        let check = |line: &str, expect: Option<&str>| {
            assert_eq!(first_http_url(line).as_deref(), expect, "{line}");
        };
        check(
            "runtrace dashboard: http://127.0.0.1:4312/",
            Some("http://127.0.0.1:4312/"),
        );
        check("http://[::1]:80/ ready", Some("http://[::1]:80/"));
        check("listening, no url yet", None);
    }
}
