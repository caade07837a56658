//! runtrace's pure core, shared by the backend, the frontend and the emulator.
//!
//! Nothing here does I/O, spawns tasks or knows about the web or AWS crates: every function is a
//! plain transformation of data, so it runs the same natively, in the browser and in tests.
//!
//! - [`api`]: the `/api/v1` contract — the JSON types the backend sends and the frontend reads.
//! - [`filter`]: the X-Ray filter-expression language — AST, parser, canonical printer, builder.
//! - [`search`]: a filter expression as a Logs Insights query over every span (`aws/spans`).
//! - [`stats`]: figures derived from X-Ray's request statistics.
//! - [`trace`]: X-Ray segment documents, and the trace tree and timeline rows built from them.

pub mod api;
pub mod filter;
pub mod search;
pub mod stats;
pub mod trace;
