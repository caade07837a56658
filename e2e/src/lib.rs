//! End-to-end test harness: starts `runtrace demo` with the real bundle and drives headless
//! Chromium through chromedriver. A test opens a [`Session`], checks through its [`Page`] and
//! ends with [`Session::finish`], which fails on any browser console error.
//!
//! The tests need a built bundle, the `runtrace` binary and Chromium, so plain `cargo test` skips
//! this crate (it is not a default member); `cargo xtask test` builds everything and runs it with
//! the environment below. A missing variable fails the test loudly instead of skipping it.
//!
//! | variable | meaning | default |
//! | --- | --- | --- |
//! | `RUNTRACE_BIN` | the `runtrace` binary | required |
//! | `RUNTRACE_DIST` | the Trunk bundle (`dist/`) | required |
//! | `CHROMEDRIVER` | chromedriver | `/usr/bin/chromedriver` |
//! | `CHROMIUM` | the browser binary | `/usr/bin/chromium` |
//! | `RUNTRACE_ARTIFACTS` | where screenshots go | `target/e2e` |
//! | `RUNTRACE_PYTHON` | a Python with `seed_app/requirements.txt` (the seed app's tests) | required there |

mod browser;
mod demo;
mod env;
mod page;
mod session;

pub use browser::{Browser, free_port};
pub use demo::Demo;
pub use env::Env;
pub use page::Page;
pub use session::Session;
