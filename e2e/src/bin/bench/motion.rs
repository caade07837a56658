//! Moving through a drawn view the way a person does, so the view's per-frame marks fire: dragging
//! the service map, scrolling the trace timeline.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use fantoccini::Client;
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use serde_json::Value;

#[derive(Debug, Clone, Copy)]
pub struct Motion {
    pub name: &'static str,
    kind: Kind,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Drag,
    Scroll,
}

pub const PAN: Motion = Motion {
    name: "dragging the map",
    kind: Kind::Drag,
};
pub const SCROLL: Motion = Motion {
    name: "scrolling the timeline",
    kind: Kind::Scroll,
};

/// The centre of the biggest canvas or svg: the map's drawing surface, whatever the view calls it.
const DRAWING_CENTRE: &str = "const all = [...document.querySelectorAll('canvas, svg')]\
    .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 100 && r.height > 100)\
    .sort((a, b) => b.width * b.height - a.width * a.height);\
    return all.length ? [all[0].left + all[0].width / 2, all[0].top + all[0].height / 2] : null;";

/// Scrolls the element with the most to scroll (the virtualized rows) 240 px a frame for 90
/// frames, as a fast wheel does, then reports how many frames it saw.
const SCROLL_SCRIPT: &str = "const done = arguments[0];\
    const candidates = [...document.querySelectorAll('*')].filter((e) => {\
      const style = getComputedStyle(e);\
      return /(auto|scroll)/.test(style.overflowY) && e.scrollHeight > e.clientHeight + 10; });\
    candidates.sort((a, b) => (b.scrollHeight - b.clientHeight) - (a.scrollHeight - a.clientHeight));\
    const target = candidates[0] || document.scrollingElement;\
    let frames = 0;\
    const step = () => { target.scrollTop += 240; frames += 1;\
      if (frames < 90) { requestAnimationFrame(step); } else { setTimeout(() => done(frames), 100); } };\
    requestAnimationFrame(step);";

pub async fn perform(client: &Client, motion: Motion) -> Result<()> {
    match motion.kind {
        Kind::Drag => drag(client).await,
        Kind::Scroll => {
            client.execute_async(SCROLL_SCRIPT, vec![]).await?;
            Ok(())
        }
    }
}

/// Presses in the middle of the map and drags 300 px in 30 steps of about two frames each.
async fn drag(client: &Client) -> Result<()> {
    let centre = client.execute(DRAWING_CENTRE, vec![]).await?;
    let Value::Array(point) = centre else {
        bail!("the page has no canvas or svg bigger than 100 × 100 px to drag");
    };
    let coordinate = |i: usize| point.get(i).and_then(Value::as_f64).context("a coordinate");
    let (x, y) = (coordinate(0)?, coordinate(1)?);
    let mut mouse = MouseActions::new("bench-mouse".to_owned())
        .then(PointerAction::MoveTo {
            duration: None,
            x: x.round(),
            y: y.round(),
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    for _ in 0..30 {
        mouse = mouse.then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(33)),
            x: -10.0,
            y: -4.0,
        });
    }
    mouse = mouse.then(PointerAction::Up {
        button: MOUSE_BUTTON_LEFT,
    });
    client.perform_actions(mouse).await?;
    client.release_actions().await?;
    Ok(())
}
