//! The trace list's cursor: X-Ray's `NextToken` together with the window and filter it belongs
//! to, so the next page is asked for exactly as the first was — even when the request said
//! `window=15m` and "now" has moved since. Opaque to clients (base64url of a small JSON object).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
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
        URL_SAFE_NO_PAD.encode(json)
    }

    /// `None` for anything runtrace did not hand out.
    pub fn decode(text: &str) -> Option<Self> {
        if text.len() > MAX_CURSOR_BYTES {
            return None;
        }
        let json = URL_SAFE_NO_PAD.decode(text).ok()?;
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
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        let back = Cursor::decode(&text).expect("decodes");
        assert_eq!(back, cursor);
        assert_eq!(back.range(), range);
        assert!(back.continues(Some("fault")));
        assert!(!back.continues(Some("error")) && !back.continues(None));

        for bad in ["", "not base64!", "e30", &"A".repeat(5000)] {
            assert_eq!(Cursor::decode(bad), None, "{bad:.20}");
        }
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
