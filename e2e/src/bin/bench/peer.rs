//! The peer: the same benchmark traces in speedscope (an established trace and profile viewer
//! whose built app is published on npm; Jaeger UI's is not), through the same Chromium, timed
//! from navigation start to the first frame after the trace is drawn.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use fantoccini::Client;
use serde_json::Value;

use crate::app::{App, encode};
use crate::convert::to_trace_events;
use crate::figures::Figure;
use crate::{http, marks};

pub const TRACES: [&str; 2] = ["10k", "100k"];
const RENDER_TIMEOUT: Duration = Duration::from_secs(120);

/// Marks `peer:rendered` two frames after speedscope names the document after the loaded
/// profile (it does so once the import is done and the flame chart is about to draw).
const RENDERED_HOOK: &str = "<script>\
    new MutationObserver(() => {\
      if (!window.__benchRendered && document.title.endsWith(' - speedscope')) {\
        window.__benchRendered = true;\
        requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('peer:rendered')));\
      }\
    }).observe(document.head, { childList: true, subtree: true, characterData: true });\
    </script>";

/// speedscope's npm package folder (holding `package.json` and `dist/release/`).
pub struct Peer {
    pub package: PathBuf,
}

impl Peer {
    pub fn name(&self) -> String {
        let manifest = std::fs::read(self.package.join("package.json")).unwrap_or_default();
        let version = serde_json::from_slice::<Value>(&manifest)
            .ok()
            .and_then(|m| m["version"].as_str().map(str::to_owned))
            .unwrap_or_else(|| "(unknown version)".to_owned());
        format!("speedscope {version}")
    }

    /// Load-to-rendered times of each trace in [`TRACES`], `runs` times each.
    pub async fn measure(
        &self,
        client: &Client,
        app: &App<'_>,
    ) -> Result<Vec<(&'static str, Figure)>> {
        let release = self.package.join("dist/release");
        let index = std::fs::read_to_string(release.join("index.html"))
            .with_context(|| format!("reading speedscope's {}", release.display()))?;
        let mut files = HashMap::new();
        files.insert(
            "/bench.html".to_owned(),
            index
                .replacen("</head>", &format!("{RENDERED_HOOK}</head>"), 1)
                .into_bytes(),
        );
        let mut missing = Vec::new();
        for bench in TRACES {
            match converted(app, bench).await {
                Ok(events) => {
                    files.insert(format!("/trace-{bench}.json"), events);
                }
                Err(error) => missing.push((bench, format!("{error:#}"))),
            }
        }
        let base = http::serve(http::Site {
            folder: release,
            files,
        })
        .await?;
        let mut figures = Vec::new();
        for bench in TRACES {
            if let Some((_, reason)) = missing.iter().find(|(name, _)| *name == bench) {
                figures.push((bench, Figure::missing(reason.clone())));
                continue;
            }
            let profile = encode(&format!("{base}/trace-{bench}.json"));
            let url = format!("{base}/bench.html#profileURL={profile}&title=trace-{bench}");
            let mut samples = Vec::new();
            let mut failed = None;
            for _ in 0..app.runs {
                marks::open_fresh(client, &url).await?;
                match rendered_at(client).await {
                    Ok(at) => samples.push(at),
                    Err(error) => {
                        failed = Some(format!("{error:#}"));
                        break;
                    }
                }
            }
            let figure = match failed {
                Some(reason) => Figure::missing(reason),
                None => Figure::millis(samples),
            };
            figures.push((bench, figure));
        }
        Ok(figures)
    }
}

/// The scenario's `bench` trace, fetched from runtrace and converted to trace-event JSON.
async fn converted(app: &App<'_>, bench: &str) -> Result<Vec<u8>> {
    let id = app
        .trace_id(bench)
        .await?
        .with_context(|| format!("runtrace has no {bench} trace to convert"))?;
    let detail = app.fetch_json(&format!("/api/v1/traces/{id}")).await?;
    let events = to_trace_events(&detail).context("runtrace's trace has no spans")?;
    Ok(serde_json::to_vec(&events)?)
}

/// Milliseconds from navigation start to the `peer:rendered` mark.
async fn rendered_at(client: &Client) -> Result<f64> {
    let script = "const m = performance.getEntriesByName('peer:rendered', 'mark');\
        return m.length ? m[0].startTime : null;";
    let deadline = Instant::now() + RENDER_TIMEOUT;
    while Instant::now() < deadline {
        if let Some(at) = client.execute(script, vec![]).await?.as_f64() {
            return Ok(at);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!(
        "speedscope did not draw the trace within {} s",
        RENDER_TIMEOUT.as_secs()
    )
}
