//! The keys that sign embed links. Each has an id (`kid`) carried in the token, so two keys can
//! be accepted at once while links move from the old key to the new one; the first key signs.
//!
//! Given as `kid:secret`, with `--embed-key` (repeatable), `RUNTRACE_EMBED_KEYS` (comma
//! separated) or `--embed-key-file` (one per line, `#` comments).

use std::path::Path;

/// HMAC-SHA256 keys shorter than this are guessable offline from one leaked link.
pub const MIN_SECRET_CHARS: usize = 32;

pub struct EmbedKey {
    pub kid: String,
    pub secret: Vec<u8>,
}

// Never print a secret, not even in a debug log.
impl std::fmt::Debug for EmbedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbedKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

#[derive(Debug)]
pub struct KeyRing {
    keys: Vec<EmbedKey>,
}

impl KeyRing {
    /// Keys from `--embed-key` values, then from the file; `None` when there are none at all.
    pub fn load(flags: &[String], file: Option<&Path>) -> Result<Option<Self>, String> {
        let mut keys = Vec::new();
        for flag in flags {
            keys.push(parse_key(flag).map_err(|why| format!("--embed-key: {why}"))?);
        }
        if let Some(file) = file {
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("cannot read the embed key file {}: {e}", file.display()))?;
            keys.extend(parse_lines(&text, &file.display().to_string())?);
        }
        if keys.is_empty() {
            return Ok(None);
        }
        Self::new(keys).map(Some)
    }

    pub fn new(keys: Vec<EmbedKey>) -> Result<Self, String> {
        for (index, key) in keys.iter().enumerate() {
            if keys[..index].iter().any(|k| k.kid == key.kid) {
                return Err(format!("the embed key id `{}` is given twice", key.kid));
            }
        }
        if keys.is_empty() {
            return Err("no embed key; give --embed-key kid:secret".into());
        }
        Ok(Self { keys })
    }

    /// The key new links are signed with.
    pub fn signing(&self) -> &EmbedKey {
        // `new` refuses an empty ring.
        &self.keys[0]
    }

    pub fn find(&self, kid: &str) -> Option<&EmbedKey> {
        self.keys.iter().find(|k| k.kid == kid)
    }
}

/// `kid:secret` lines; blank lines and `#` comments are skipped.
pub fn parse_lines(text: &str, source: &str) -> Result<Vec<EmbedKey>, String> {
    text.lines()
        .enumerate()
        .map(|(index, line)| (index, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(|(index, line)| {
            parse_key(line).map_err(|why| format!("{source}:{}: {why}", index + 1))
        })
        .collect()
}

pub fn parse_key(text: &str) -> Result<EmbedKey, String> {
    let Some((kid, secret)) = text.trim().split_once(':') else {
        return Err("expected `kid:secret`, e.g. `2026-11:$(openssl rand -hex 32)`".into());
    };
    let kid_ok = !kid.is_empty()
        && kid.len() <= 32
        && kid
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !kid_ok {
        return Err(format!(
            "the key id `{kid}` must be 1 to 32 letters, digits, - or _"
        ));
    }
    if secret.chars().count() < MIN_SECRET_CHARS {
        return Err(format!(
            "the secret of key `{kid}` is shorter than {MIN_SECRET_CHARS} characters; generate \
             one with `openssl rand -hex 32`"
        ));
    }
    Ok(EmbedKey {
        kid: kid.to_owned(),
        secret: secret.as_bytes().to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn the_first_key_signs_and_all_are_found() {
        let file = format!("# rotated in November\nnew:{SECRET}\n\nold:{SECRET}x\n");
        let ring = KeyRing::new(parse_lines(&file, "keys.txt").expect("valid")).expect("a ring");
        assert_eq!(ring.signing().kid, "new");
        assert_eq!(ring.find("old").map(|k| k.secret.len()), Some(33));
        assert!(ring.find("other").is_none());
    }

    #[test]
    fn bad_keys_are_explained() {
        let check = |text: &str, needle: &str| {
            let error = parse_lines(text, "keys.txt").expect_err(text);
            assert!(error.contains(needle), "{needle} not in: {error}");
        };
        check("nocolon", "keys.txt:1: expected `kid:secret`");
        check(
            &format!("\nbad kid:{SECRET}"),
            "keys.txt:2: the key id `bad kid`",
        );
        check(&format!(":{SECRET}"), "the key id ``");
        check("k1:short", "shorter than 32");
        let twice = parse_lines(&format!("a:{SECRET}\na:{SECRET}"), "k").expect("parses");
        let error = KeyRing::new(twice).expect_err("duplicate");
        assert!(error.contains("`a` is given twice"), "{error}");
    }

    #[test]
    fn secrets_never_show_in_debug_output() {
        let ring =
            KeyRing::new(vec![parse_key(&format!("k:{SECRET}")).expect("valid")]).expect("a ring");
        assert!(!format!("{ring:?}").contains(SECRET));
    }
}
