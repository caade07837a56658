//! A read answer shared by every browser that asks while it is cached: the value, and its JSON
//! bytes (plain, gzip, brotli) computed once, on first use. Ten browsers polling the same map
//! then cost one AWS call, one serialization and one compression per encoding. An answer may
//! also have a second form than JSON (a trace's compact form), made and compressed the same way.

use std::sync::OnceLock;

use bytes::Bytes;
use serde::Serialize;

use crate::compress::{self, Effort};

/// Below this size compressing an answer is not worth its cost.
const MIN_COMPRESS_BYTES: usize = 1024;

pub struct Answer<T> {
    value: T,
    json: OnceLock<Body>,
    other: OnceLock<Option<Body>>,
}

/// One form of an answer: its bytes and, made on first use, their compressed forms.
pub struct Body {
    plain: Bytes,
    gzip: OnceLock<Option<Bytes>>,
    brotli: OnceLock<Option<Bytes>>,
}

impl Body {
    fn new(plain: Bytes) -> Self {
        Self {
            plain,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    pub fn plain(&self) -> &Bytes {
        &self.plain
    }

    /// Gzip-compressed; `None` when it is too small to gain from it.
    pub fn gzip(&self) -> Option<&Bytes> {
        self.gzip
            .get_or_init(|| self.compressed(|body| compress::gzip(body, Effort::Fast)))
            .as_ref()
    }

    /// Brotli-compressed; `None` when it is too small to gain from it.
    pub fn brotli(&self) -> Option<&Bytes> {
        self.brotli
            .get_or_init(|| self.compressed(|body| compress::brotli(body, Effort::Fast)))
            .as_ref()
    }

    fn compressed(&self, compress: impl FnOnce(&[u8]) -> Option<Vec<u8>>) -> Option<Bytes> {
        if self.plain.len() < MIN_COMPRESS_BYTES {
            return None;
        }
        compress(&self.plain)
            .filter(|c| c.len() < self.plain.len())
            .map(Bytes::from)
    }
}

impl<T: Serialize> Answer<T> {
    pub fn new(value: T) -> Self {
        Self {
            value,
            json: OnceLock::new(),
            other: OnceLock::new(),
        }
    }

    /// An answer whose JSON is already known (read from the shared cache, where it was written
    /// from [`Answer::json`] of the same type): it is served as is, not serialized again.
    pub fn with_json(value: T, json: Bytes) -> Self {
        let answer = Self::new(value);
        // A fresh OnceLock is empty, so this cannot fail.
        let _ = answer.json.set(Body::new(json));
        answer
    }

    pub fn value(&self) -> &T {
        &self.value
    }

    /// The value as JSON. Serializing the `shared::api` types cannot fail (no maps with
    /// non-string keys, no failing `Serialize` impls); if it ever did, the answer is `null`
    /// and the error is logged.
    pub fn json(&self) -> &Bytes {
        self.json_body().plain()
    }

    /// The JSON with its compressed forms.
    pub fn json_body(&self) -> &Body {
        self.json.get_or_init(|| {
            Body::new(match serde_json::to_vec(&self.value) {
                Ok(json) => Bytes::from(json),
                Err(error) => {
                    tracing::error!(%error, "an answer could not be serialized");
                    Bytes::from_static(b"null")
                }
            })
        })
    }

    /// The answer's one other form than JSON, made by `encode` on first use; `None` when it
    /// could not be made (JSON is then the answer). An answer type has one other form, so the
    /// first `encode` asked for is the one kept.
    pub fn other_body(&self, encode: impl FnOnce(&T) -> Option<Vec<u8>>) -> Option<&Body> {
        self.other
            .get_or_init(|| encode(&self.value).map(|bytes| Body::new(Bytes::from(bytes))))
            .as_ref()
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
        let gzip = big.json_body().gzip().expect("worth compressing").clone();
        assert!(gzip.len() < json.len());
        // The same bytes (not a recomputation) on the next call.
        assert_eq!(
            big.json_body().gzip().map(|b| b.as_ptr()),
            Some(gzip.as_ptr())
        );
        assert!(big.json_body().brotli().is_some());

        let small = Answer::new(vec![1, 2, 3]);
        assert_eq!(small.json().as_ref(), b"[1,2,3]");
        let body = small.json_body();
        assert!(body.gzip().is_none() && body.brotli().is_none());
    }

    #[test]
    fn the_other_form_is_made_once_or_not_at_all() {
        let answer = Answer::new(vec![7u8; 4000]);
        let made = answer
            .other_body(|value| Some(value.clone()))
            .expect("made");
        assert_eq!(made.plain().len(), 4000);
        assert!(made.brotli().is_some_and(|b| b.len() < 4000));
        // A second `encode` is not run: the first form is kept.
        let again = answer.other_body(|_| None).expect("kept");
        assert_eq!(again.plain().as_ptr(), made.plain().as_ptr());

        let failed = Answer::new(1);
        assert!(failed.other_body(|_| None).is_none());
        assert!(failed.other_body(|_| Some(vec![1])).is_none());
    }
}
