//! runtrace's browser app. `main.rs` mounts [`app::App`]; the library form lets the browser tests
//! mount the same app and lets `cargo test` check [`model`] natively.

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod draw;
pub mod model;
pub mod pages;
pub mod polled;
pub mod server_config;
pub mod url_state;
