//! Bearer tokens for `--auth token`. The file (or `RUNTRACE_TOKENS`) has one token per line:
//!
//! ```text
//! # role:name:token — role is viewer or operator; the name goes to the audit log
//! operator:alice:3f9c2b7e0d1a4c5e8b6f7a9d0c1e2f3a
//! viewer:wall-screen:b8e1d0c2f4a6e8c0d2f4a6b8c0e2f4a6
//! ```
//!
//! Blank lines and lines starting with `#` are ignored; in the environment variable, entries may
//! also be separated by commas. Only SHA-256 digests of the tokens are kept in memory, and a
//! presented token is compared with every digest in constant time.

use sha2::{Digest, Sha256};
use shared::api::Role;
use subtle::{Choice, ConstantTimeEq};

/// Shorter tokens can be guessed online; 16 characters of a random hex string are 64 bits.
pub const MIN_TOKEN_CHARS: usize = 16;

#[derive(Debug, Clone)]
struct Entry {
    digest: [u8; 32],
    role: Role,
    name: String,
}

/// Who a valid token belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenHolder {
    pub role: Role,
    pub name: String,
}

#[derive(Debug, Clone, Default)]
pub struct TokenStore {
    entries: Vec<Entry>,
}

impl TokenStore {
    /// Parses the file format above; `source` names the file or variable in error messages.
    pub fn parse(text: &str, source: &str) -> Result<Self, String> {
        let mut store = Self::default();
        let lines = text.lines().flat_map(|line| line.split(','));
        for (index, line) in lines.enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let entry =
                parse_entry(line).map_err(|why| format!("{source}, entry {}: {why}", index + 1))?;
            if store.entries.iter().any(|e| e.digest == entry.digest) {
                return Err(format!(
                    "{source}, entry {}: the same token appears twice",
                    index + 1
                ));
            }
            store.entries.push(entry);
        }
        if store.entries.is_empty() {
            return Err(format!(
                "{source} holds no token; add lines like `operator:alice:<random token>`"
            ));
        }
        Ok(store)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The holder of `token`, comparing against every entry so the time taken does not say
    /// which entry (or how much of one) matched.
    pub fn holder(&self, token: &str) -> Option<TokenHolder> {
        let presented = digest(token);
        let mut found: Option<&Entry> = None;
        for entry in &self.entries {
            let equal: Choice = entry.digest.ct_eq(&presented);
            if bool::from(equal) {
                found = Some(entry);
            }
        }
        found.map(|entry| TokenHolder {
            role: entry.role,
            name: entry.name.clone(),
        })
    }
}

fn parse_entry(line: &str) -> Result<Entry, String> {
    let mut fields = line.splitn(3, ':');
    let (Some(role), Some(name), Some(token)) = (fields.next(), fields.next(), fields.next())
    else {
        return Err("expected `role:name:token`, e.g. `viewer:wall-screen:<token>`".into());
    };
    let role = match role.trim() {
        "viewer" => Role::Viewer,
        "operator" => Role::Operator,
        other => return Err(format!("unknown role `{other}`; use viewer or operator")),
    };
    let name = name.trim();
    if name.is_empty() {
        return Err("the name is empty; it identifies the holder in the audit log".into());
    }
    let token = token.trim();
    if token.chars().count() < MIN_TOKEN_CHARS {
        return Err(format!(
            "the token of `{name}` is shorter than {MIN_TOKEN_CHARS} characters; generate one \
             with e.g. `openssl rand -hex 24`"
        ));
    }
    Ok(Entry {
        digest: digest(token),
        role,
        name: name.to_owned(),
    })
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALICE: &str = "0123456789abcdef-alice";
    const WALL: &str = "0123456789abcdef-wall";

    fn store() -> TokenStore {
        let text =
            format!("# comment\n\noperator:alice:{ALICE}\n  viewer : wall-screen : {WALL}  \n");
        TokenStore::parse(&text, "tokens.txt").expect("a valid file")
    }

    #[test]
    fn tokens_are_recognised_with_their_role_and_name() {
        let store = store();
        let check = |token: &str, expect: Option<(Role, &str)>| {
            let got = store.holder(token).map(|h| (h.role, h.name));
            assert_eq!(got, expect.map(|(r, n)| (r, n.to_owned())), "{token}");
        };
        check(ALICE, Some((Role::Operator, "alice")));
        check(WALL, Some((Role::Viewer, "wall-screen")));
        check("0123456789abcdef-alicE", None);
        check("", None);
        check("operator:alice:0123456789abcdef-alice", None);
    }

    #[test]
    fn only_digests_are_kept() {
        let debug = format!("{:?}", store());
        assert!(!debug.contains(ALICE) && !debug.contains(WALL), "{debug}");
    }

    #[test]
    fn the_environment_form_separates_entries_with_commas() {
        let text = format!("viewer:a:{WALL},operator:b:{ALICE}");
        assert_eq!(
            TokenStore::parse(&text, "RUNTRACE_TOKENS")
                .expect("valid")
                .len(),
            2
        );
    }

    #[test]
    fn malformed_files_say_which_entry_and_why() {
        let check = |text: &str, needle: &str| {
            let error = TokenStore::parse(text, "t.txt").expect_err(text);
            assert!(error.contains(needle), "{needle} not in: {error}");
        };
        check("", "holds no token");
        check("# only a comment", "holds no token");
        check("admin:bob:0123456789abcdef", "unknown role `admin`");
        check("viewer:0123456789abcdef", "expected `role:name:token`");
        check("viewer::0123456789abcdef", "name is empty");
        check("viewer:bob:short", "shorter than 16");
        check(
            &format!("viewer:a:{ALICE}\noperator:b:{ALICE}"),
            "entry 2: the same token appears twice",
        );
    }
}
