//! The embed token: `base64url(payload) "." base64url(HMAC-SHA256(key, payload))`, the payload a
//! JSON object with the key id, the view, its pinned query parameters and the expiry.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::keys::{EmbedKey, KeyRing};

/// Longer tokens are refused before any decoding; real ones are a few hundred characters.
pub const MAX_TOKEN_CHARS: usize = 2_048;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbedClaims {
    pub kid: String,
    /// The page path, e.g. `/map`.
    pub view: String,
    /// The page's query parameters, e.g. `window=1h`, as the link gave them.
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    /// Epoch seconds after which the link stops working.
    pub exp: i64,
}

/// Why a token was refused; for the log only, the client just gets 401.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmbedError {
    #[error("the embed token is malformed")]
    Malformed,
    #[error("the embed token names the unknown key `{0}`")]
    UnknownKey(String),
    #[error("the embed token's signature does not match (tampered, or signed by another key)")]
    BadSignature,
    #[error("the embed token expired at {0}")]
    Expired(i64),
    #[error("the embed token for {view} does not allow {request}")]
    OutOfScope { view: String, request: String },
}

/// A token for `claims`, signed by the ring's signing key (whose id replaces `claims.kid`).
pub fn sign(ring: &KeyRing, claims: &EmbedClaims) -> Result<String, String> {
    let key = ring.signing();
    let claims = EmbedClaims {
        kid: key.kid.clone(),
        ..claims.clone()
    };
    let payload = serde_json::to_vec(&claims).map_err(|e| format!("cannot encode: {e}"))?;
    let signature = mac(key, &payload)
        .ok_or("the signing key is unusable")?
        .finalize()
        .into_bytes();
    Ok(format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(&payload),
        URL_SAFE_NO_PAD.encode(signature)
    ))
}

/// The claims of a token signed by a key of `ring` that has not expired at `now`.
pub fn verify(ring: &KeyRing, token: &str, now: i64) -> Result<EmbedClaims, EmbedError> {
    if token.len() > MAX_TOKEN_CHARS {
        return Err(EmbedError::Malformed);
    }
    let (payload, signature) = token.split_once('.').ok_or(EmbedError::Malformed)?;
    let payload = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| EmbedError::Malformed)?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| EmbedError::Malformed)?;
    // Parsed before the signature is checked only to find the key; nothing else is trusted yet.
    let claims: EmbedClaims =
        serde_json::from_slice(&payload).map_err(|_| EmbedError::Malformed)?;
    let key = ring
        .find(&claims.kid)
        .ok_or_else(|| EmbedError::UnknownKey(claims.kid.clone()))?;
    mac(key, &payload)
        .ok_or(EmbedError::BadSignature)?
        .verify_slice(&signature)
        .map_err(|_| EmbedError::BadSignature)?;
    if claims.exp <= now {
        return Err(EmbedError::Expired(claims.exp));
    }
    Ok(claims)
}

/// `None` never happens in practice: HMAC takes keys of any length.
fn mac(key: &EmbedKey, payload: &[u8]) -> Option<Hmac<Sha256>> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key.secret).ok()?;
    mac.update(payload);
    Some(mac)
}

#[cfg(test)]
mod tests {
    use super::super::keys::parse_key;
    use super::*;

    const NOW: i64 = 1_795_000_000;

    fn ring(keys: &[&str]) -> KeyRing {
        let keys = keys
            .iter()
            .map(|k| parse_key(&format!("{k}:{k}-0123456789abcdef0123456789abcdef")).expect("key"))
            .collect();
        KeyRing::new(keys).expect("a ring")
    }

    fn claims() -> EmbedClaims {
        EmbedClaims {
            kid: String::new(),
            view: "/map".into(),
            query: BTreeMap::from([("window".into(), "1h".into())]),
            exp: NOW + 60,
        }
    }

    /// The token with the character at `index` replaced by another base64url character.
    fn tampered(token: &str, index: usize) -> String {
        let mut chars: Vec<char> = token.chars().collect();
        chars[index] = if chars[index] == 'A' { 'B' } else { 'A' };
        chars.into_iter().collect()
    }

    #[test]
    fn a_signed_token_verifies_with_its_claims() {
        let token = sign(&ring(&["k1"]), &claims()).expect("signed");
        let got = verify(&ring(&["k1"]), &token, NOW).expect("valid");
        assert_eq!(
            got,
            EmbedClaims {
                kid: "k1".into(),
                ..claims()
            }
        );
    }

    #[test]
    fn every_single_character_change_is_refused() {
        let ring = ring(&["k1"]);
        let token = sign(&ring, &claims()).expect("signed");
        for index in 0..token.len() {
            let changed = tampered(&token, index);
            assert!(
                verify(&ring, &changed, NOW).is_err(),
                "accepted a change at {index}: {changed}"
            );
        }
    }

    #[test]
    fn refusals_say_why() {
        let ring_k1 = ring(&["k1"]);
        let token = sign(&ring_k1, &claims()).expect("signed");
        let signature_start = token.find('.').expect("a dot") + 1;
        let check = |ring: &KeyRing, token: &str, now: i64, expect: EmbedError| {
            assert_eq!(verify(ring, token, now), Err(expect), "{token}");
        };
        check(&ring_k1, &token, NOW + 60, EmbedError::Expired(NOW + 60));
        check(
            &ring_k1,
            &tampered(&token, signature_start),
            NOW,
            EmbedError::BadSignature,
        );
        check(
            &ring(&["k2"]),
            &token,
            NOW,
            EmbedError::UnknownKey("k1".into()),
        );
        check(&ring_k1, "", NOW, EmbedError::Malformed);
        check(&ring_k1, "abc", NOW, EmbedError::Malformed);
        check(
            &ring_k1,
            &format!("{token}A"),
            NOW,
            EmbedError::BadSignature,
        );
        check(
            &ring_k1,
            &"a.".repeat(MAX_TOKEN_CHARS),
            NOW,
            EmbedError::Malformed,
        );
        // A key with the same id but another secret: the signature does not match.
        let impostor = KeyRing::new(vec![
            parse_key("k1:another-secret-0123456789abcdef0123").expect("key"),
        ])
        .expect("a ring");
        check(&impostor, &token, NOW, EmbedError::BadSignature);
    }

    #[test]
    fn after_rotation_both_keys_verify_and_the_new_one_signs() {
        let before = sign(&ring(&["old"]), &claims()).expect("signed");
        let rotated = ring(&["new", "old"]);
        let after = sign(&rotated, &claims()).expect("signed");
        assert_eq!(
            verify(&rotated, &before, NOW).map(|c| c.kid),
            Ok("old".into())
        );
        assert_eq!(
            verify(&rotated, &after, NOW).map(|c| c.kid),
            Ok("new".into())
        );
        let retired = ring(&["new"]);
        assert_eq!(
            verify(&retired, &before, NOW),
            Err(EmbedError::UnknownKey("old".into()))
        );
    }
}
