//! The log group `aws/spans`: where, with Transaction Search on (trace segment destination
//! `CloudWatchLogs`), every span is kept as a structured log event — from the OTLP endpoint and,
//! converted, from PutTraceSegments and the daemon alike — while only the indexed share reaches
//! X-Ray's own store. CloudWatch Logs Insights ([`crate::logs`]) queries it; X-Ray's trace
//! retrieval reads whole traces back from it.

mod from_otlp;
mod from_segment;
pub(crate) mod path;
mod store;

use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

pub(crate) use from_otlp::record as otlp_record;
pub(crate) use from_segment::records as segment_records;
pub(crate) use store::{NewSpan, SpanRecord, SpanStore};
pub use store::{SpanOptions, SpanStoreSize};

/// The log group's name, as AWS creates it.
pub const LOG_GROUP: &str = "aws/spans";

impl Default for SpanOptions {
    fn default() -> Self {
        Self {
            retention_seconds: 30.0 * 86_400.0,
            max_spans: 300_000,
            max_bytes: crate::config::DEFAULT_STORE_MIB * 1024 * 1024,
        }
    }
}

/// A shared handle on the store (cheap to clone).
#[derive(Clone)]
pub struct Spans {
    inner: Arc<RwLock<SpanStore>>,
}

impl Spans {
    pub fn new(options: SpanOptions) -> Self {
        Self {
            inner: Arc::new(RwLock::new(SpanStore::new(options))),
        }
    }

    /// How much the log group holds now (every region).
    pub fn stored(&self) -> SpanStoreSize {
        self.read().size()
    }

    pub(crate) fn read(&self) -> RwLockReadGuard<'_, SpanStore> {
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, SpanStore> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A trace id in the W3C form `aws/spans` records carry (32 lowercase hex digits): X-Ray's
/// `1-5f84c7a1-0123456789abcdef01234567` loses its version and dashes; a W3C id is kept.
pub fn w3c_trace_id(trace_id: &str) -> String {
    let hex = trace_id
        .strip_prefix("1-")
        .unwrap_or(trace_id)
        .replace('-', "");
    hex.to_ascii_lowercase()
}

/// The X-Ray form of a 32-hex-digit W3C trace id (`None` for anything else).
pub fn xray_trace_id(w3c: &str) -> Option<String> {
    let valid = w3c.len() == 32 && w3c.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| format!("1-{}-{}", &w3c[..8], &w3c[8..]).to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_ids_convert_both_ways() {
        let check = |xray: &str, w3c: &str| {
            assert_eq!(w3c_trace_id(xray), w3c);
            assert_eq!(xray_trace_id(w3c).as_deref(), Some(xray));
        };
        check(
            "1-69e9cc47-71d7cabe0d8e8cea33b6b338",
            "69e9cc4771d7cabe0d8e8cea33b6b338",
        );
        check(
            "1-00000000-000000000000000000000abc",
            "00000000000000000000000000000abc",
        );
        assert_eq!(
            w3c_trace_id("69E9CC4771D7CABE0D8E8CEA33B6B338"),
            "69e9cc4771d7cabe0d8e8cea33b6b338"
        );
        assert_eq!(xray_trace_id("xyz"), None);
    }
}
