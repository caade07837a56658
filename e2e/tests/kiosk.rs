//! The kiosk in a real browser against `runtrace demo --scenario shop`: it rotates through the
//! three views, says so when AWS throttles or fails while keeping the last good data on screen,
//! recovers when AWS does, and its memory (JS heap and WASM linear memory, after a full garbage
//! collection) does not grow over the run.

use std::collections::BTreeSet;
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use e2e::{Page, Session, free_port};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const KIOSK: &str = "/kiosk?views=services,map,traces&every=5s&window=15m";
/// Rotations before the baseline sample: the app has built every view and warmed its caches.
const WARM_UP: u64 = 6;
/// Rotations at the end sample; with failures in between the run takes about four minutes.
const ROTATIONS: u64 = 30;
/// Growth from the baseline that counts as noise. A leak of a few KB per rotation still stays
/// below this over 24 rotations, so the hour-long `cargo xtask bench` run catches slower ones.
const HEAP_NOISE: f64 = 1.5 * 1024.0 * 1024.0;
const WASM_NOISE: f64 = 1024.0 * 1024.0;

#[tokio::test(flavor = "multi_thread")]
async fn kiosk_rotates_survives_throttling_and_outages_and_keeps_its_memory() -> Result<()> {
    let emulator = format!("127.0.0.1:{}", free_port()?);
    let session =
        Session::start(&["--scenario", "shop", "--emulator-listen", emulator.as_str()]).await?;
    let outcome = check_kiosk(&session.page(), &emulator).await;
    // The injected failures make the browser log each refused request; anything else is a defect.
    session.finish(outcome, &["Failed to load resource"]).await
}

async fn check_kiosk(page: &Page<'_>, emulator: &str) -> Result<()> {
    page.open(KIOSK).await?;
    let mut seen = BTreeSet::new();
    for _ in 0..120 {
        let view = page.text_attribute(".kiosk", "data-kiosk-view").await?;
        if seen.insert(view.clone()) {
            // Give the board a moment to draw before the picture.
            tokio::time::sleep(Duration::from_millis(1500)).await;
            page.screenshot(&format!("kiosk-{view}")).await?;
        }
        if seen.len() == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    ensure!(
        seen.len() == 3,
        "the kiosk showed only {seen:?} in a minute"
    );
    ensure!(
        page.text(".kiosk-age").await?.starts_with("updated"),
        "the kiosk does not say how old its data is"
    );

    wait_for_rotations(page, WARM_UP).await?;
    let baseline = memory(page).await?;
    println!("kiosk memory after {WARM_UP} rotations: {baseline:?}");

    for (fault, title) in [
        (r#"{"throttle_ratio": 1.0}"#, "Too many requests"),
        (r#"{"error_ratio": 1.0}"#, "AWS"),
    ] {
        put_faults(emulator, fault).await?;
        let banner = wait_for_banner(page, true).await?;
        ensure!(
            banner.contains(title),
            "with {fault} the banner reads {banner:?}"
        );
        ensure!(
            banner.contains("Showing the last data"),
            "the banner does not say the data on screen is the last good one: {banner:?}"
        );
        let board = page.text(".kiosk-body").await?;
        ensure!(
            !board.contains("Loading"),
            "the kiosk dropped its data during the failure: {board:?}"
        );
        page.screenshot("kiosk-failing").await?;
        put_faults(emulator, "{}").await?;
        wait_for_banner(page, false).await?;
    }

    wait_for_rotations(page, ROTATIONS).await?;
    let end = memory(page).await?;
    println!("kiosk memory after {ROTATIONS} rotations: {end:?}");
    ensure!(
        end.0 - baseline.0 < HEAP_NOISE,
        "the JS heap grew from {} to {} bytes over {} rotations",
        baseline.0,
        end.0,
        ROTATIONS - WARM_UP
    );
    ensure!(
        end.1 - baseline.1 < WASM_NOISE,
        "the WASM memory grew from {} to {} bytes over {} rotations",
        baseline.1,
        end.1,
        ROTATIONS - WARM_UP
    );
    Ok(())
}

async fn rotations(page: &Page<'_>) -> Result<u64> {
    let text = page.text_attribute(".kiosk", "data-rotations").await?;
    text.parse()
        .with_context(|| format!("data-rotations is {text:?}"))
}

async fn wait_for_rotations(page: &Page<'_>, count: u64) -> Result<()> {
    for _ in 0..600 {
        if rotations(page).await? >= count {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    bail!("the kiosk did not reach {count} rotations in 10 minutes")
}

/// Waits until the failure banner is shown (`shown`) or gone, and answers its text.
async fn wait_for_banner(page: &Page<'_>, shown: bool) -> Result<String> {
    for _ in 0..180 {
        let present = page.count(".kiosk-banner").await? > 0;
        if present == shown {
            return if shown {
                page.text(".kiosk-banner").await
            } else {
                Ok(String::new())
            };
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    bail!(
        "the kiosk's failure banner was still {} after 90 s",
        if shown { "absent" } else { "shown" }
    )
}

/// The JS heap and the WASM linear memory in bytes, after a full garbage collection.
async fn memory(page: &Page<'_>) -> Result<(f64, f64)> {
    const READ: &str = "window.gc(); return [performance.memory.usedJSHeapSize, \
        window.__runtraceWasm.memory.buffer.byteLength];";
    let value = page.client.execute(READ, vec![]).await?;
    match (value[0].as_f64(), value[1].as_f64()) {
        (Some(heap), Some(wasm)) => Ok((heap, wasm)),
        _ => bail!("the page answered {value} for its memory"),
    }
}

/// `PUT /_emulator/faults` on the demo's emulator.
async fn put_faults(emulator: &str, body: &str) -> Result<()> {
    let mut stream = TcpStream::connect(emulator)
        .await
        .with_context(|| format!("connecting to the emulator at {emulator}"))?;
    let request = format!(
        "PUT /_emulator/faults HTTP/1.0\r\nHost: {emulator}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await?;
    let status = answer.lines().next().unwrap_or_default();
    ensure!(
        status.contains(" 200 "),
        "PUT /_emulator/faults {body} answered {status:?}"
    );
    Ok(())
}
