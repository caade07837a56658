//! The trace list's cursor: X-Ray's `NextToken` together with the window and filter it belongs
//! to, so the next page is asked for exactly as the first was — even when the request said
//! `window=15m` and "now" has moved since. Opaque to clients: base64url of a small JSON object,
//! a dot, and an HMAC of it, so that a client cannot widen the window it carries (the route
//! checks the window again anyway, like any other).
//!
//! The key is this process's own unless replicas share one (`RUNTRACE_CURSOR_KEY`, or derived
//! from the secrets they already share: tokens and embed keys), so that a cursor handed out by
//! one replica is taken by the next.

use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::aws::TimeRange;

/// X-Ray's tokens are opaque and short; this bounds what is decoded and passed back.
const MAX_CURSOR_BYTES: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    #[serde(rename = "s")]
    pub start: i64,
    #[serde(rename = "e")]
    pub end: i64,
    /// A digest of the canonical filter (empty for none): a cursor only continues its own query.
    #[serde(rename = "f")]
    pub filter_digest: String,
    #[serde(rename = "t")]
    pub token: String,
}

impl Cursor {
    pub fn new(range: TimeRange, filter: Option<&str>, token: String) -> Self {
        Self {
            start: range.start,
            end: range.end,
            filter_digest: filter_digest(filter),
            token,
        }
    }

    pub fn encode(&self) -> String {
        // Serializing two numbers and two strings cannot fail.
        let json = serde_json::to_vec(self).unwrap_or_default();
        let body = URL_SAFE_NO_PAD.encode(json);
        let tag = URL_SAFE_NO_PAD.encode(signature(body.as_bytes()));
        format!("{body}.{tag}")
    }

    /// `None` for anything this server (or a replica sharing its key) did not hand out.
    pub fn decode(text: &str) -> Option<Self> {
        if text.len() > MAX_CURSOR_BYTES {
            return None;
        }
        let (body, tag) = text.split_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        mac()?
            .chain_update(body.as_bytes())
            .verify_truncated_left(&tag)
            .ok()?;
        let json = URL_SAFE_NO_PAD.decode(body).ok()?;
        let cursor: Self = serde_json::from_slice(&json).ok()?;
        (cursor.start < cursor.end && !cursor.token.is_empty()).then_some(cursor)
    }

    pub fn range(&self) -> TimeRange {
        TimeRange {
            start: self.start,
            end: self.end,
        }
    }

    pub fn continues(&self, filter: Option<&str>) -> bool {
        self.filter_digest == filter_digest(filter)
    }
}

static KEY: OnceLock<[u8; 32]> = OnceLock::new();

/// Signs cursors with a key derived from `secret` (what the replicas share). The first call
/// wins; without one, the process signs with a random key of its own.
pub fn use_key(secret: &[u8]) {
    let key: [u8; 32] = Sha256::new()
        .chain_update(b"runtrace trace-list cursor v1\0")
        .chain_update(secret)
        .finalize()
        .into();
    let _ = KEY.set(key);
}

/// `None` never happens in practice: HMAC takes keys of any length.
fn mac() -> Option<Hmac<Sha256>> {
    let key = KEY.get_or_init(|| {
        let mut key = [0u8; 32];
        key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        key
    });
    <Hmac<Sha256> as KeyInit>::new_from_slice(key).ok()
}

/// The first 16 bytes of the HMAC: forging one is 2^128 guesses.
fn signature(body: &[u8]) -> Vec<u8> {
    mac().map_or_else(Vec::new, |mac| {
        mac.chain_update(body).finalize().into_bytes()[..16].to_vec()
    })
}

fn filter_digest(filter: Option<&str>) -> String {
    filter.map_or_else(String::new, |f| {
        hex::encode(&Sha256::digest(f.as_bytes())[..8])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_what_it_did_not_make() {
        let range = TimeRange {
            start: 100,
            end: 200,
        };
        let cursor = Cursor::new(range, Some("fault"), "token+/=".into());
        let text = cursor.encode();
        // Nothing a URL would have to escape (`.` separates the signature).
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        );
        let back = Cursor::decode(&text).expect("decodes");
        assert_eq!(back, cursor);
        assert_eq!(back.range(), range);
        assert!(back.continues(Some("fault")));
        assert!(!back.continues(Some("error")) && !back.continues(None));

        for bad in ["", "not base64!", "e30", &"A".repeat(5000)] {
            assert_eq!(Cursor::decode(bad), None, "{bad:.20}");
        }
        // A cursor rewritten to a wider window, with its old signature or none, is refused.
        let (_, tag) = text.split_once('.').expect("signed");
        let wider = URL_SAFE_NO_PAD.encode(br#"{"s":0,"e":200,"f":"","t":"token+/="}"#);
        assert_eq!(Cursor::decode(&format!("{wider}.{tag}")), None);
        assert_eq!(Cursor::decode(&wider), None);
        assert_eq!(Cursor::decode(&format!("{wider}.")), None);
        let reversed = Cursor::new(
            TimeRange {
                start: 200,
                end: 100,
            },
            None,
            "t".into(),
        );
        assert_eq!(Cursor::decode(&reversed.encode()), None);
    }
}
