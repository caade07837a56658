//! Work a trace page does once its first rows are on screen: what walks the whole trace (the
//! critical path, the minimap) or the router (the selection written into the URL) is not what
//! a person waits for when a trace opens.

use std::time::Duration;

use leptos::prelude::{request_animation_frame, set_timeout};

/// Runs `work` after the next frame is painted: a task queued from the frame's animation
/// callback runs once that frame's rendering is done.
pub fn after_first_paint(work: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(work, Duration::ZERO));
}
