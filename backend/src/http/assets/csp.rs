//! The Content-Security-Policy. Trunk injects a small inline module script into index.html that
//! starts the WASM app; instead of allowing every inline script, the policy for index.html
//! allows exactly the inline scripts it contains, by their SHA-256 hash.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

/// The policy of every response; `script_hashes` adds `'sha256-…'` sources to `script-src`.
pub fn content_security_policy(script_hashes: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for hash in script_hashes {
        script_src.push_str(&format!(" '{hash}'"));
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'"
    )
}

/// `sha256-<base64>` of the text of every `<script>` element without a `src` attribute.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(open) = lower[from..].find("<script").map(|i| i + from) {
        let Some(tag_end) = lower[open..].find('>').map(|i| i + open) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| i + tag_end) else {
            break;
        };
        let tag = &lower[open..tag_end];
        let body = &html[tag_end + 1..close];
        if !has_src_attribute(tag) && !body.is_empty() {
            hashes.push(format!(
                "sha256-{}",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            ));
        }
        from = close;
    }
    hashes
}

fn has_src_attribute(tag: &str) -> bool {
    tag.split(|c: char| c.is_ascii_whitespace())
        .any(|attribute| attribute == "src" || attribute.starts_with("src="))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed() {
        let html = r#"<html><head>
<script type="module">import init from '/frontend-1.js'; init();</script>
<script src="/other.js"></script>
<SCRIPT data-src="x">a()</SCRIPT>
</head></html>"#;
        let hashes = inline_script_hashes(html);
        let expect = |body: &str| {
            format!(
                "sha256-{}",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            )
        };
        assert_eq!(
            hashes,
            [
                expect("import init from '/frontend-1.js'; init();"),
                expect("a()")
            ]
        );
    }

    #[test]
    fn policy_lists_the_hashes_in_script_src() {
        let policy = content_security_policy(&["sha256-abc".to_owned()]);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';"));
        assert!(policy.contains("frame-ancestors 'self'"));
        assert!(!content_security_policy(&[]).contains("sha256"));
    }
}
