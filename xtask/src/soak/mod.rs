//! `cargo xtask soak`: load, faults and abuse for a bounded time, on loopback only. It starts
//! `runtrace demo --scenario shop` with the emulator injecting throttling, 500s, latency,
//! truncated traces and corrupt documents ([`server`]), then for the whole run keeps
//! concurrent clients on the API's read routes ([`load`]), sends the attacks of issue 20 items
//! 2–6 round after round ([`attacks`]) and holds connections with half-sent heads and idle
//! keep-alives ([`hold`]). It prints one table ([`table`]) and fails ([`report`]) on any 5xx
//! other than a mapped 502/503, a request without an answer, a wrongly answered attack, a forged
//! log line, a panic or a crash.

mod attacks;
mod hold;
mod http;
mod load;
mod report;
mod server;
mod table;

use std::path::PathBuf;
use std::sync::RwLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};

use crate::sh::{cmd, output, root, run};
use report::{AttackTally, Facts, Tally};
use server::Server;

pub struct Options {
    pub duration: Duration,
    pub clients: usize,
    /// The `runtrace` to soak; `None`: build the release one.
    pub binary: Option<PathBuf>,
}

pub fn run_soak(options: &Options) -> Result<()> {
    let binary = match &options.binary {
        Some(binary) => binary.clone(),
        None => {
            run(cmd("cargo").args([
                "build",
                "--release",
                "--locked",
                "--package",
                "backend",
                "--bin",
                "runtrace",
            ]))?;
            crate::bench::target_dir().join("release/runtrace")
        }
    };
    let mut server = Server::start(&binary)?;
    let addr = server.addr;
    wait_for_health(&server)?;
    let token = embed_token(&binary, addr)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let attacks = attacks::all(addr, &token, now);
    let rss_before_kib = server.rss_kib();
    let started = Instant::now();
    let deadline = started + options.duration;
    let known = RwLock::new(load::Known::default());
    let (load, attack_tally, rss_peak_kib) = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..options.clients)
            .map(|i| {
                let known = &known;
                scope.spawn(move || load::client(addr, i, deadline, known))
            })
            .collect();
        let abuse = scope.spawn(|| {
            let mut tally = AttackTally::default();
            while Instant::now() < deadline {
                for attack in &attacks {
                    tally.record(attack.name, attack.run(addr).map(drop));
                }
                std::thread::sleep(Duration::from_millis(500));
            }
            tally
        });
        let holder = scope.spawn(|| {
            let mut tally = AttackTally::default();
            while Instant::now() < deadline {
                tally.record("half-sent heads, idle keep-alives", hold::round(addr));
            }
            tally
        });
        let mut peak = rss_before_kib;
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_secs(1));
            peak = peak.max(server.rss_kib());
        }
        let mut load = Tally::default();
        for client in clients {
            load.merge(client.join().unwrap_or_default());
        }
        let mut attacks = abuse.join().unwrap_or_default();
        let held = holder.join().unwrap_or_default();
        attacks.results.extend(held.results);
        (load, attacks, peak)
    });
    let mut load = load;
    let duration = started.elapsed();
    let rss_after_kib = server.rss_kib();
    // Let the last log lines arrive before they are counted.
    std::thread::sleep(Duration::from_millis(500));
    let log = server.log();
    let facts = Facts {
        duration,
        clients: options.clients,
        rss_before_kib,
        rss_after_kib,
        rss_peak_kib,
        log_lines: log.lines,
        forged_lines: log.forged,
        panics: log.panics,
        server_exited: !server.running(),
    };
    let table = table::table(&mut load, &attack_tally, &facts);
    print!("{table}");
    let out = root().join("target/soak");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("table.txt"), &table)?;
    for line in &log.errors {
        eprintln!("runtrace logged: {line}");
    }
    let failures = report::failures(&load, &attack_tally, &facts);
    if !failures.is_empty() {
        bail!("the soak failed: {}", failures.join("; "));
    }
    Ok(())
}

/// The demo installs its scenario before it listens; health answers at once, within a minute
/// on a loaded machine.
fn wait_for_health(server: &Server) -> Result<()> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        let answer = http::Client::new(server.addr).get("/api/v1/health", &[]);
        if answer.is_ok_and(|r| r.status == 200) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    bail!("runtrace's health check did not answer within a minute")
}

/// A map link pinned to us-east-1, minted by `runtrace embed-link` with the server's key.
fn embed_token(binary: &std::path::Path, addr: std::net::SocketAddr) -> Result<String> {
    let base = format!("http://{addr}");
    let link = output(cmd(binary).args([
        "embed-link",
        "--view",
        attacks::EMBED_VIEW,
        "--ttl",
        "1d",
        "--base-url",
        &base,
        "--embed-key",
        server::EMBED_KEY,
    ]))
    .context("runtrace embed-link failed")?;
    let token = link
        .split(['?', '&'])
        .find_map(|pair| pair.strip_prefix("embed_token="))
        .with_context(|| format!("no embed_token in {link}"))?;
    Ok(token.to_owned())
}
