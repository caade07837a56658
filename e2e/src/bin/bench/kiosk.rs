//! The kiosk's memory over a long run on `large`: the JS heap (`performance.memory`, precise
//! because Chromium runs with `--enable-precise-memory-info`) and the WASM linear memory, each
//! after a full garbage collection.
//!
//! The baseline is taken after two full cycles of the views, not after the first rotation:
//! linear memory never shrinks, so the first layout of the 10,000-node map sets a high-water mark
//! that is not growth. From there the run lasts `RUNTRACE_BENCH_KIOSK_MINUTES` minutes (a sample
//! each minute) or, without it, until rotation 100.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use fantoccini::Client;

use crate::figures::{Figure, Figures};
use crate::marks;

/// The shortest rotation the kiosk allows, so 100 rotations take about nine minutes, not fifty.
pub const KIOSK_PATH: &str = "/kiosk?views=map,services,traces&every=5s";
const VIEWS: u64 = 3;
/// Two full cycles: every view has been built twice, so every high-water mark is set.
const BASELINE_ROTATION: u64 = 2 * VIEWS;
const DEFAULT_ROTATIONS: u64 = 100;
const SAMPLE_EVERY: Duration = Duration::from_secs(60);
/// A rotation takes 5 s plus the fetch; this is far beyond any healthy one.
const ROTATION_TIMEOUT: Duration = Duration::from_secs(120);

/// Collects several times with pauses between: wasm-bindgen frees the JS side of dropped Rust
/// values from a FinalizationRegistry, whose callbacks only run after a collection, and what they
/// free can hold more of the same, so a single `gc()` still counts garbage on its way out.
const COLLECTIONS: usize = 4;
const COLLECT: &str = "if (window.gc) { window.gc(); }";
const MEMORY: &str = "if (window.gc) { window.gc(); }\
    const wasm = window.__runtraceWasm;\
    const kiosk = document.querySelector('.kiosk');\
    return [performance.memory ? performance.memory.usedJSHeapSize : null,\
            wasm && wasm.memory ? wasm.memory.buffer.byteLength : null,\
            kiosk ? Number(kiosk.getAttribute('data-rotations')) : null];";

/// One reading: JS heap and WASM memory in bytes (if the page exposes them) at a rotation.
#[derive(Debug, Clone, Copy)]
struct Sample {
    js_heap: Option<f64>,
    wasm: Option<f64>,
    rotation: u64,
}

/// How long the run lasts after the baseline.
#[derive(Debug, Clone, Copy)]
pub enum Length {
    Rotations(u64),
    Minutes(u64),
}

impl Length {
    /// `RUNTRACE_BENCH_KIOSK_MINUTES` if set, else 100 rotations.
    pub fn from_env() -> Result<Self> {
        match std::env::var("RUNTRACE_BENCH_KIOSK_MINUTES") {
            Ok(text) => Ok(Length::Minutes(text.parse().with_context(|| {
                format!("RUNTRACE_BENCH_KIOSK_MINUTES={text:?} is not a whole number of minutes")
            })?)),
            Err(_) => Ok(Length::Rotations(DEFAULT_ROTATIONS)),
        }
    }
}

pub async fn measure(
    client: &Client,
    base: &str,
    length: Length,
    figures: &mut Figures,
) -> Result<()> {
    marks::open_fresh(client, &format!("{base}{KIOSK_PATH}")).await?;
    let Some(baseline) = wait_for_rotation(client, BASELINE_ROTATION).await? else {
        not_measured(
            figures,
            &format!("{KIOSK_PATH} did not reach rotation {BASELINE_ROTATION}"),
        );
        return Ok(());
    };
    eprintln!(
        "bench: kiosk baseline at rotation {}: {baseline:?}",
        baseline.rotation
    );
    let mut series = vec![(0.0, baseline)];
    let started = Instant::now();
    let end = match length {
        Length::Rotations(rotations) => wait_for_rotation(client, rotations).await?,
        Length::Minutes(minutes) => {
            let mut last = None;
            for minute in 1..=minutes {
                let due = started + SAMPLE_EVERY * u32::try_from(minute).unwrap_or(u32::MAX);
                tokio::time::sleep_until(due.into()).await;
                let sample = read(client).await?;
                eprintln!("bench: kiosk minute {minute}: {sample:?}");
                series.push((started.elapsed().as_secs_f64() / 60.0, sample));
                last = Some(sample);
            }
            last
        }
    };
    let Some(end) = end else {
        not_measured(
            figures,
            "the kiosk stopped rotating before the end of the run",
        );
        return Ok(());
    };
    if matches!(length, Length::Rotations(_)) {
        series.push((started.elapsed().as_secs_f64() / 60.0, end));
    }
    for (key, pick) in [
        (
            "memory.js_heap",
            (|s: &Sample| s.js_heap) as fn(&Sample) -> Option<f64>,
        ),
        ("memory.wasm", |s: &Sample| s.wasm),
    ] {
        figures.put(&format!("{key}.baseline"), bytes(pick(&baseline), key));
        figures.put(&format!("{key}.end"), bytes(pick(&end), key));
    }
    figures.facts.insert(
        "kiosk.run".to_owned(),
        format!(
            "rotation {} → {} ({:.0} min, every 5 s)",
            baseline.rotation,
            end.rotation,
            started.elapsed().as_secs_f64() / 60.0
        ),
    );
    let series: Vec<serde_json::Value> = series
        .iter()
        .map(|(minute, s)| serde_json::json!([minute, s.rotation, s.js_heap, s.wasm]))
        .collect();
    figures.facts.insert(
        "kiosk.series [minute, rotation, js heap, wasm]".to_owned(),
        serde_json::Value::Array(series).to_string(),
    );
    Ok(())
}

/// Waits for the kiosk to reach `rotation` and reads its memory then.
async fn wait_for_rotation(client: &Client, rotation: u64) -> Result<Option<Sample>> {
    let mut last_change = (0, Instant::now());
    loop {
        let rotations = client
            .execute(
                "const k = document.querySelector('.kiosk');\
                 return k ? Number(k.getAttribute('data-rotations')) : 0;",
                vec![],
            )
            .await?
            .as_u64()
            .unwrap_or(0);
        if rotations >= rotation {
            return read(client).await.map(Some);
        }
        if rotations != last_change.0 {
            last_change = (rotations, Instant::now());
        } else if last_change.1.elapsed() > ROTATION_TIMEOUT {
            return Ok(None);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn read(client: &Client) -> Result<Sample> {
    for _ in 0..COLLECTIONS {
        client.execute(COLLECT, vec![]).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let value = client.execute(MEMORY, vec![]).await?;
    Ok(Sample {
        js_heap: value[0].as_f64(),
        wasm: value[1].as_f64(),
        rotation: value[2].as_u64().unwrap_or(0),
    })
}

fn not_measured(figures: &mut Figures, reason: &str) {
    for key in ["memory.js_heap", "memory.wasm"] {
        for end in ["baseline", "end"] {
            figures.put(&format!("{key}.{end}"), Figure::missing(reason));
        }
    }
}

fn bytes(value: Option<f64>, key: &str) -> Figure {
    match value {
        Some(value) => Figure::bytes(value),
        None => Figure::missing(format!("the page does not expose {key}")),
    }
}
