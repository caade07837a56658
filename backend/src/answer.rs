//! A read answer shared by every browser that asks while it is cached: the value, and its JSON
//! bytes (plain, gzip, brotli) computed once, on first use. Ten browsers polling the same map
//! then cost one AWS call, one serialization and one compression per encoding.

use std::sync::OnceLock;

use bytes::Bytes;
use serde::Serialize;

use crate::compress::{self, Effort};

/// Below this size compressing a JSON answer is not worth its cost.
const MIN_COMPRESS_BYTES: usize = 1024;

pub struct Answer<T> {
    value: T,
    json: OnceLock<Bytes>,
    gzip: OnceLock<Option<Bytes>>,
    brotli: OnceLock<Option<Bytes>>,
}

impl<T: Serialize> Answer<T> {
    pub fn new(value: T) -> Self {
        Self {
            value,
            json: OnceLock::new(),
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    /// An answer whose JSON is already known (read from the shared cache, where it was written
    /// from [`Answer::json`] of the same type): it is served as is, not serialized again.
    pub fn with_json(value: T, json: Bytes) -> Self {
        let answer = Self::new(value);
        // A fresh OnceLock is empty, so this cannot fail.
        let _ = answer.json.set(json);
        answer
    }

    pub fn value(&self) -> &T {
        &self.value
    }

    /// The value as JSON. Serializing the `shared::api` types cannot fail (no maps with
    /// non-string keys, no failing `Serialize` impls); if it ever did, the answer is `null`
    /// and the error is logged.
    pub fn json(&self) -> &Bytes {
        self.json
            .get_or_init(|| match serde_json::to_vec(&self.value) {
                Ok(json) => Bytes::from(json),
                Err(error) => {
                    tracing::error!(%error, "an answer could not be serialized");
                    Bytes::from_static(b"null")
                }
            })
    }

    /// The JSON gzip-compressed; `None` when it is too small to gain from it.
    pub fn gzip(&self) -> Option<&Bytes> {
        self.gzip
            .get_or_init(|| self.compressed(|json| compress::gzip(json, Effort::Fast)))
            .as_ref()
    }

    /// The JSON brotli-compressed; `None` when it is too small to gain from it.
    pub fn brotli(&self) -> Option<&Bytes> {
        self.brotli
            .get_or_init(|| self.compressed(|json| compress::brotli(json, Effort::Fast)))
            .as_ref()
    }

    fn compressed(&self, compress: impl FnOnce(&[u8]) -> Option<Vec<u8>>) -> Option<Bytes> {
        let json = self.json();
        if json.len() < MIN_COMPRESS_BYTES {
            return None;
        }
        compress(json)
            .filter(|c| c.len() < json.len())
            .map(Bytes::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_computed_once_and_skipped_when_small() {
        let big = Answer::new(vec!["movies_app"; 500]);
        let json = big.json().clone();
        assert!(json.starts_with(b"[\"movies_app\""));
        let gzip = big.gzip().expect("worth compressing").clone();
        assert!(gzip.len() < json.len());
        // The same bytes (not a recomputation) on the next call.
        assert_eq!(big.gzip().map(|b| b.as_ptr()), Some(gzip.as_ptr()));
        assert!(big.brotli().is_some());

        let small = Answer::new(vec![1, 2, 3]);
        assert_eq!(small.json().as_ref(), b"[1,2,3]");
        assert!(small.gzip().is_none() && small.brotli().is_none());
    }
}
