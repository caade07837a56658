//! Memory after 100 kiosk rotations: the JS heap (`performance.memory`, precise because Chromium
//! runs with `--enable-precise-memory-info`) and the WASM linear memory, each after a full
//! garbage collection, at the first rotation and at the hundredth.

use std::time::Duration;

use anyhow::Result;
use fantoccini::Client;

use crate::figures::{Figure, Figures};
use crate::marks;

/// The shortest rotation the kiosk allows, so 100 rotations take about nine minutes, not fifty.
pub const KIOSK_PATH: &str = "/kiosk?every=5s";
/// The kiosk view is expected to set one measure per rotation under this prefix.
pub const ROTATION: &str = "runtrace:kiosk:rotat";
pub const ROTATIONS: usize = 100;
const FIRST_ROTATION_TIMEOUT: Duration = Duration::from_secs(60);
const ALL_ROTATIONS_TIMEOUT: Duration = Duration::from_secs(45 * 60);

const MEMORY: &str = "if (window.gc) { window.gc(); }\
    const wasm = window.__runtraceWasm;\
    return [performance.memory ? performance.memory.usedJSHeapSize : null,\
            wasm && wasm.memory ? wasm.memory.buffer.byteLength : null];";

pub async fn measure(client: &Client, base: &str, figures: &mut Figures) -> Result<()> {
    let keys = ["memory.js_heap", "memory.wasm"];
    marks::open_fresh(client, &format!("{base}{KIOSK_PATH}")).await?;
    if marks::wait_for(client, ROTATION, 1, FIRST_ROTATION_TIMEOUT)
        .await?
        .is_none()
    {
        let reason = format!(
            "{KIOSK_PATH} set no `{ROTATION}…` measure within {} s",
            FIRST_ROTATION_TIMEOUT.as_secs()
        );
        for key in keys {
            figures.put(&format!("{key}.first"), Figure::missing(reason.clone()));
            figures.put(
                &format!("{key}.after_{ROTATIONS}"),
                Figure::missing(reason.clone()),
            );
        }
        return Ok(());
    }
    let first = read(client).await?;
    let done = marks::wait_for(client, ROTATION, ROTATIONS, ALL_ROTATIONS_TIMEOUT).await?;
    let last = match done {
        Some(_) => Some(read(client).await?),
        None => None,
    };
    for (slot, key) in keys.iter().enumerate() {
        figures.put(&format!("{key}.first"), bytes(first[slot], key));
        let after = match &last {
            Some(last) => bytes(last[slot], key),
            None => Figure::missing(format!(
                "fewer than {ROTATIONS} rotations within {} min",
                ALL_ROTATIONS_TIMEOUT.as_secs() / 60
            )),
        };
        figures.put(&format!("{key}.after_{ROTATIONS}"), after);
    }
    Ok(())
}

async fn read(client: &Client) -> Result<[Option<f64>; 2]> {
    let value = client.execute(MEMORY, vec![]).await?;
    Ok([value[0].as_f64(), value[1].as_f64()])
}

fn bytes(value: Option<f64>, key: &str) -> Figure {
    match value {
        Some(value) => Figure::bytes(value),
        None => Figure::missing(format!("the page does not expose {key}")),
    }
}
