//! The browser half of `cargo xtask bench`: starts `runtrace demo --scenario large`, drives
//! headless Chromium through the views, compares with a peer viewer, and writes every figure as
//! JSON for xtask to put into its table. Run it through `cargo xtask bench`, which builds the
//! release bundle and binary and sets the environment:
//!
//! | variable | meaning | default |
//! | --- | --- | --- |
//! | `RUNTRACE_BIN`, `RUNTRACE_DIST`, `CHROMEDRIVER`, `CHROMIUM` | as for the e2e tests | |
//! | `RUNTRACE_BENCH_OUT` | where the figures go | `target/bench/browser.json` |
//! | `RUNTRACE_BENCH_RUNS` | runs per figure (the median is reported) | 5 |
//! | `RUNTRACE_PEER` | speedscope's npm package folder; unset: no peer | |
//! | `RUNTRACE_BENCH_ONLY` | a comma-separated subset of `map,traces,kiosk,peer` | all |
//! | `RUNTRACE_BENCH_KIOSK_MINUTES` | run the kiosk this long (a memory sample a minute) | 100 rotations |

mod app;
mod convert;
mod figures;
mod http;
mod kiosk;
mod marks;
mod motion;
mod peer;

use std::path::PathBuf;

use anyhow::{Context, Result};
use e2e::{Browser, Session};

use crate::app::App;
use crate::figures::{Figure, Figures};
use crate::peer::Peer;

#[tokio::main]
async fn main() -> Result<()> {
    let out = std::env::var_os("RUNTRACE_BENCH_OUT")
        .map_or_else(|| PathBuf::from("target/bench/browser.json"), PathBuf::from);
    let runs = match std::env::var("RUNTRACE_BENCH_RUNS") {
        Ok(text) => text
            .parse()
            .context("RUNTRACE_BENCH_RUNS must be a whole number")?,
        Err(_) => 5,
    };
    let peer = std::env::var_os("RUNTRACE_PEER").map(|package| Peer {
        package: PathBuf::from(package),
    });
    eprintln!(
        "bench: starting runtrace demo --scenario large (it stores 100,000-segment traces first)"
    );
    // `large` holds ≈123,000 segments (≈90 MB in the emulator's store), past the store's default
    // bound of 64 MiB, which would drop the 1k and 10k traces to make room for the 100k one.
    let session = Session::start(&["--scenario", "large", "--max-segments-mb", "256"]).await?;
    let mut figures = Figures::default();
    let measured = measure(
        &session.browser,
        &session.demo.url,
        runs,
        peer.as_ref(),
        &mut figures,
    )
    .await;
    session.close().await?;
    measured?;
    figures.facts.insert("runs".to_owned(), runs.to_string());
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let json = serde_json::to_string_pretty(&figures.to_json())?;
    std::fs::write(&out, json).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("bench: browser figures written to {}", out.display());
    Ok(())
}

async fn measure(
    chrome: &Browser,
    base: &str,
    runs: usize,
    peer: Option<&Peer>,
    figures: &mut Figures,
) -> Result<()> {
    let only = std::env::var("RUNTRACE_BENCH_ONLY").unwrap_or_default();
    let wanted = |part: &str| only.is_empty() || only.split(',').any(|p| p.trim() == part);
    let app = App {
        client: &chrome.client,
        base: base.to_owned(),
        runs,
    };
    if wanted("map") {
        app.map(figures).await?;
    }
    if wanted("traces") {
        for (bench, load) in app.traces(figures).await? {
            if peer::TRACES.contains(&bench) {
                figures.put(&format!("runtrace.load.{bench}"), load);
            }
        }
    }
    if wanted("kiosk") {
        kiosk::measure(&chrome.client, base, kiosk::Length::from_env()?, figures).await?;
    }
    if !wanted("peer") {
        return Ok(());
    }
    let Some(peer) = peer else {
        for bench in peer::TRACES {
            figures.put(
                &format!("peer.load.{bench}"),
                Figure::missing("RUNTRACE_PEER is not set"),
            );
        }
        return Ok(());
    };
    figures.facts.insert("peer".to_owned(), peer.name());
    for (bench, figure) in peer.measure(&chrome.client, &app).await? {
        figures.put(&format!("peer.load.{bench}"), figure);
    }
    Ok(())
}
