//! Reading the app's `performance.measure` entries from a page.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use fantoccini::Client;
use serde_json::{Value, json};

/// One `performance.measure` entry, in milliseconds since the page's navigation started.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    pub start: f64,
    pub duration: f64,
}

impl Measure {
    /// When the measured work finished, counted from navigation start: "load to rendered".
    pub fn end(&self) -> f64 {
        self.start + self.duration
    }
}

/// Entries whose name starts with the prefix, so `runtrace:map:pan` finds `runtrace:map:pan-frame`
/// as well as a differently suffixed name.
const READ: &str = "return performance.getEntriesByType('measure')\
    .filter((entry) => entry.name.startsWith(arguments[0]))\
    .map((entry) => [entry.startTime, entry.duration]);";

pub async fn read(client: &Client, prefix: &str) -> Result<Vec<Measure>> {
    let value = client
        .execute(READ, vec![json!(prefix)])
        .await
        .with_context(|| format!("reading the {prefix} measures"))?;
    Ok(parse(&value))
}

fn parse(value: &Value) -> Vec<Measure> {
    let Some(entries) = value.as_array() else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|entry| {
            Some(Measure {
                start: entry.get(0)?.as_f64()?,
                duration: entry.get(1)?.as_f64()?,
            })
        })
        .collect()
}

/// Waits until at least `count` entries with the prefix exist; `None` if they never do.
pub async fn wait_for(
    client: &Client,
    prefix: &str,
    count: usize,
    timeout: Duration,
) -> Result<Option<Vec<Measure>>> {
    let deadline = Instant::now() + timeout;
    loop {
        let entries = read(client, prefix).await?;
        if entries.len() >= count {
            return Ok(Some(entries));
        }
        if Instant::now() > deadline {
            return Ok(None);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Navigates to `url` from a blank page, so every run starts with a fresh document, fresh
/// `performance` entries and a cold app (the HTTP cache stays warm, as for a returning user).
pub async fn open_fresh(client: &Client, url: &str) -> Result<()> {
    client.goto("about:blank").await?;
    client
        .goto(url)
        .await
        .with_context(|| format!("opening {url}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_and_malformed_ones_skipped() {
        let check = |value: Value, expect: Vec<Measure>| {
            assert_eq!(parse(&value), expect, "{value}");
        };
        check(json!(null), vec![]);
        check(
            json!([[10.5, 2.0], ["x", 1.0], [3.0]]),
            vec![Measure {
                start: 10.5,
                duration: 2.0,
            }],
        );
        let measure = Measure {
            start: 100.0,
            duration: 25.0,
        };
        assert_eq!(measure.end(), 125.0);
    }
}
