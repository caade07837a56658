//! The shared harness (`tests/support`): the emulator on a loopback port, and the app pointed at
//! it through the same AWS code path `runtrace demo` uses, driven with `oneshot`.

#[path = "../support/answer.rs"]
mod support_answer;
#[path = "../support/harness.rs"]
mod support_harness;

pub use support_answer::Answer;
pub use support_harness::{Harness, NOW, Setup, app_without_aws, scenario_config, send};
