//! runtrace's own browser figures: the service map and trace timeline on the `large` scenario,
//! each read from the `performance.measure` marks the views set.

use std::time::Duration;

use anyhow::{Context, Result};
use fantoccini::Client;
use serde_json::Value;

use crate::figures::{Figure, Figures};
use crate::http;
use crate::marks::{self, Measure};
use crate::motion;

pub const MAP_DRAW: &str = "runtrace:map:layout+draw";
/// The map view measures every repaint, a pan frame included, under this name.
pub const MAP_PAN: &str = "runtrace:map:draw";
pub const TRACE_OPEN: &str = "runtrace:trace:open";
pub const TRACE_SCROLL: &str = "runtrace:trace:scroll";
/// The steps of opening a trace the view measures (`runtrace:trace:step:*`, see the frontend's
/// `components/traces/marks.rs`). The request starts with the click, so `route` (the click to
/// the page's mount) and `fetch` overlap; `rows` is part of `render`.
const TRACE_STEPS: [&str; 5] = ["route", "fetch", "decode", "rows", "render"];
/// Every figure here is over the scenario's whole history (15 minutes of traffic).
const WINDOW: &str = "1h";
const OPEN_TIMEOUT: Duration = Duration::from_secs(90);
/// A frame mark is set per frame while moving, so a few seconds of motion gives plenty.
const FRAME_TIMEOUT: Duration = Duration::from_secs(5);

/// The `large` scenario's groups (emulator/src/scenario/large.rs) and their approximate node counts.
pub const MAP_SIZES: [(&str, &str); 3] = [
    ("100", "large-100"),
    ("1000", "large-1000"),
    ("10000", "large-10000"),
];
/// The `bench` annotation of the scenario's big traces.
pub const TRACES: [&str; 4] = ["1k", "10k", "100k", "deep5k"];

pub struct App<'a> {
    pub client: &'a Client,
    pub base: String,
    pub runs: usize,
}

impl App<'_> {
    pub async fn map(&self, figures: &mut Figures) -> Result<()> {
        for (nodes, group) in MAP_SIZES {
            let url = format!("{}/map?window={WINDOW}&group={group}", self.base);
            let opened = self.repeat(&url, MAP_DRAW).await?;
            let pan = match (&opened, nodes) {
                (Ok(_), "1000") => Some(self.frames(&url, MAP_DRAW, MAP_PAN, motion::PAN).await?),
                _ => None,
            };
            figures.put(&format!("map.layout_draw.{nodes}"), durations(&opened));
            if let Some(pan) = pan {
                figures.put("map.pan_frame.1000", pan);
            }
        }
        Ok(())
    }

    /// Opens each benchmark trace; returns the load-to-rendered times for the peer comparison.
    pub async fn traces(&self, figures: &mut Figures) -> Result<Vec<(&'static str, Figure)>> {
        let mut loads = Vec::new();
        for bench in TRACES {
            let id = self.trace_id(bench).await?;
            let missing =
                || format!("no trace with annotation.bench = \"{bench}\" in the last {WINDOW}");
            // Click to interactive, as a person opens a trace from the search results.
            let clicked = match &id {
                Some(id) => self.click_open(bench, id).await?,
                None => Err(missing()),
            };
            let by_step = clicked.as_ref().ok().map(Vec::as_slice).map(steps);
            let opens = clicked.map(|runs| runs.into_iter().map(|run| run.open).collect());
            figures.put(&format!("trace.open.{bench}"), durations(&opens));
            if let Some(by_step) = by_step {
                for (step, samples) in by_step {
                    figures.put(
                        &format!("trace.step.{step}.{bench}"),
                        Figure::millis(samples),
                    );
                }
            }
            // A deep link, page load included: what the peer viewer is compared on.
            let opened = match &id {
                Some(id) => self.repeat(&self.trace_url(id), TRACE_OPEN).await?,
                None => Err(missing()),
            };
            figures.put(&format!("trace.deep_link.{bench}"), durations(&opened));
            let load = match &opened {
                Ok(runs) => Figure::millis(runs.iter().map(Measure::end).collect()),
                Err(reason) => Figure::missing(reason.clone()),
            };
            loads.push((bench, load));
            if bench == "100k" {
                let scroll = match (&opened, &id) {
                    (Ok(_), Some(id)) => {
                        let url = self.trace_url(id);
                        self.frames(&url, TRACE_OPEN, TRACE_SCROLL, motion::SCROLL)
                            .await?
                    }
                    _ => Figure::missing("the 100,000-segment trace did not open"),
                };
                figures.put("trace.scroll_frame.100k", scroll);
            }
        }
        Ok(loads)
    }

    /// Opens the search for the trace, clicks its link, and takes the view's own click-to-
    /// interactive measure and its steps, `runs` times.
    async fn click_open(&self, bench: &str, id: &str) -> Result<Result<Vec<Opened>, String>> {
        let filter = format!("annotation.bench = \"{bench}\"");
        let search = format!(
            "{}/traces?window={WINDOW}&filter={}",
            self.base,
            encode(&filter)
        );
        let link = format!("a.trace-link[href^='/traces/{id}']");
        let mut runs = Vec::new();
        for _ in 0..self.runs {
            marks::open_fresh(self.client, &search).await?;
            let found = self
                .client
                .wait()
                .at_most(OPEN_TIMEOUT)
                .for_element(fantoccini::Locator::Css(&link))
                .await;
            let Ok(element) = found else {
                return Ok(Err(format!("the search never listed {id}")));
            };
            element.click().await?;
            match marks::wait_for(self.client, TRACE_OPEN, 1, OPEN_TIMEOUT).await? {
                Some(entries) => {
                    let mut steps = Vec::new();
                    for step in TRACE_STEPS {
                        let name = format!("runtrace:trace:step:{step}");
                        steps.push(marks::read(self.client, &name).await?.first().copied());
                    }
                    runs.push(Opened {
                        open: entries[0],
                        steps,
                    });
                }
                None => {
                    return Ok(Err(format!(
                        "no `{TRACE_OPEN}` measure within {} s of clicking {id}",
                        OPEN_TIMEOUT.as_secs()
                    )));
                }
            }
        }
        Ok(Ok(runs))
    }

    pub fn trace_url(&self, id: &str) -> String {
        format!("{}/traces/{id}?window={WINDOW}", self.base)
    }

    /// The id of the scenario's trace annotated `bench = <bench>`, asked of runtrace's own API.
    pub async fn trace_id(&self, bench: &str) -> Result<Option<String>> {
        let filter = format!("annotation.bench = \"{bench}\"");
        let path = format!("/api/v1/traces?window={WINDOW}&filter={}", encode(&filter));
        let page = self.fetch_json(&path).await?;
        Ok(page["traces"][0]["id"].as_str().map(str::to_owned))
    }

    /// GETs a JSON document from runtrace's API.
    pub async fn fetch_json(&self, path: &str) -> Result<Value> {
        let body = http::get(&self.base, path).await?;
        serde_json::from_slice(&body).with_context(|| format!("{path} did not answer JSON"))
    }

    /// Opens `url` `runs` times and takes the first entry of `mark` each time; `Err(reason)` when
    /// the mark never appears (the view or its mark does not exist yet).
    async fn repeat(&self, url: &str, mark: &str) -> Result<Result<Vec<Measure>, String>> {
        let mut runs = Vec::new();
        for _ in 0..self.runs {
            marks::open_fresh(self.client, url).await?;
            match marks::wait_for(self.client, mark, 1, OPEN_TIMEOUT).await? {
                Some(entries) => runs.push(entries[0]),
                None => {
                    return Ok(Err(format!(
                        "no `{mark}` measure within {} s of opening {}",
                        OPEN_TIMEOUT.as_secs(),
                        url.trim_start_matches(&self.base)
                    )));
                }
            }
        }
        Ok(Ok(runs))
    }

    /// Opens `url`, waits for its `ready` mark, moves through it, and reads the per-frame marks.
    async fn frames(
        &self,
        url: &str,
        ready: &str,
        mark: &str,
        movement: motion::Motion,
    ) -> Result<Figure> {
        let mut frames = Vec::new();
        for _ in 0..self.runs {
            marks::open_fresh(self.client, url).await?;
            if marks::wait_for(self.client, ready, 1, OPEN_TIMEOUT)
                .await?
                .is_none()
            {
                return Ok(Figure::missing(format!("{url} never set `{ready}`")));
            }
            // Only the frames drawn while moving count, not the first draw.
            let before = marks::read(self.client, mark).await?.len();
            if let Err(error) = motion::perform(self.client, movement).await {
                return Ok(Figure::missing(format!(
                    "could not {}: {error:#}",
                    movement.name
                )));
            }
            match marks::wait_for(self.client, mark, before + 1, FRAME_TIMEOUT).await? {
                Some(entries) => frames.extend(entries[before..].iter().map(|e| e.duration)),
                None => {
                    return Ok(Figure::missing(format!(
                        "no `{mark}…` measure while {} ",
                        movement.name
                    )));
                }
            }
        }
        Ok(Figure::millis(frames))
    }
}

/// One click-to-interactive run: the whole, and each of [`TRACE_STEPS`] the page measured.
struct Opened {
    open: Measure,
    steps: Vec<Option<Measure>>,
}

/// Each step's samples over the runs; a run that lacks a step adds no sample to it.
fn steps(runs: &[Opened]) -> Vec<(&'static str, Vec<f64>)> {
    TRACE_STEPS
        .into_iter()
        .enumerate()
        .map(|(index, step)| {
            let samples = runs
                .iter()
                .filter_map(|run| Some(run.steps.get(index).copied()??.duration))
                .collect();
            (step, samples)
        })
        .collect()
}

fn durations(opened: &Result<Vec<Measure>, String>) -> Figure {
    match opened {
        Ok(runs) => Figure::millis(runs.iter().map(|m| m.duration).collect()),
        Err(reason) => Figure::missing(reason.clone()),
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn filters_are_percent_encoded() {
        let check = |text: &str, expect: &str| assert_eq!(encode(text), expect, "{text}");
        check("1h", "1h");
        check(
            "annotation.bench = \"10k\"",
            "annotation.bench%20%3D%20%2210k%22",
        );
    }
}
