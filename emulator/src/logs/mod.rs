//! CloudWatch Logs over awsJson1_1 (`POST /` with `X-Amz-Target: Logs_20140328.<Op>`, SigV4
//! service `logs`): the Logs Insights operations StartQuery, GetQueryResults and StopQuery, over
//! the one log group the emulator has, `aws/spans` (which exists once a region's trace segment
//! destination has been `CloudWatchLogs`).
//!
//! A query is Scheduled for the first tenth of the emulator's `async_seconds`, then Running —
//! its results covering the share of the window's events scanned so far, oldest first, with the
//! statistics to match — and Complete at the end; StopQuery cancels it where it is.

mod insights;
mod queries;

use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;

use crate::protocol::{AwsError, AwsResult, parse_body};
use crate::xray::XRay;

/// The `X-Amz-Target` prefix of CloudWatch Logs operations.
pub const TARGET_PREFIX: &str = "Logs_20140328.";

#[derive(Clone)]
pub struct Logs {
    inner: Arc<Inner>,
}

struct Inner {
    xray: XRay,
    queries: Mutex<queries::Queries>,
}

impl Logs {
    pub fn new(xray: XRay) -> Self {
        Self {
            inner: Arc::new(Inner {
                xray,
                queries: Mutex::new(queries::Queries::default()),
            }),
        }
    }

    /// Serves one call; `op` is the operation name from `X-Amz-Target`.
    pub fn handle(&self, region: &str, op: &str, body: &[u8]) -> AwsResult<Value> {
        match op {
            "StartQuery" => queries::start(self, region, parse_body(body)?),
            "GetQueryResults" => queries::results(self, region, parse_body(body)?),
            "StopQuery" => queries::stop(self, region, parse_body(body)?),
            other => Err(AwsError::unknown_operation(format!(
                "The emulator does not implement the CloudWatch Logs operation {other} (it serves StartQuery, GetQueryResults and StopQuery)"
            ))),
        }
    }

    fn xray(&self) -> &XRay {
        &self.inner.xray
    }

    fn with_queries<T>(&self, f: impl FnOnce(&mut queries::Queries) -> T) -> T {
        f(&mut self
            .inner
            .queries
            .lock()
            .unwrap_or_else(PoisonError::into_inner))
    }
}
