//! `runtrace embed-link`: mints the URL of an embeddable, read-only, expiring view.

use std::collections::BTreeMap;

use super::keys::KeyRing;
use super::scope::{View, query_pairs};
use super::token::{EmbedClaims, sign};

/// The query parameter that carries the token on the page URL; the page sends it on to the API
/// in the `X-Runtrace-Embed` header.
pub const PAGE_PARAMETER: &str = "embed_token";

/// The URL `base_url` + `view` with `embed=1` and a token valid until `now + ttl_seconds`.
pub fn embed_url(
    ring: &KeyRing,
    base_url: &str,
    view: &str,
    ttl_seconds: i64,
    now: i64,
) -> Result<String, String> {
    let (path, query) = view.split_once('?').unwrap_or((view, ""));
    let path = format!("/{}", path.trim_start_matches('/'));
    View::of_page(&path)?;
    let pinned: BTreeMap<String, String> = query_pairs(query)
        .filter(|(name, _)| *name != "embed" && *name != PAGE_PARAMETER)
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
    let claims = EmbedClaims {
        kid: String::new(),
        view: path.clone(),
        query: pinned.clone(),
        exp: now.saturating_add(ttl_seconds),
    };
    let token = sign(ring, &claims)?;
    let mut url = format!("{}{path}?", base_url.trim_end_matches('/'));
    for (name, value) in &pinned {
        url.push_str(&format!("{name}={value}&"));
    }
    url.push_str(&format!("embed=1&{PAGE_PARAMETER}={token}"));
    Ok(url)
}

#[cfg(test)]
mod tests {
    use axum::http::Method;

    use super::super::keys::parse_key;
    use super::super::scope::check_scope;
    use super::super::token::verify;
    use super::*;

    const NOW: i64 = 1_795_000_000;

    fn ring() -> KeyRing {
        KeyRing::new(vec![
            parse_key("k1:0123456789abcdef0123456789abcdef").expect("key"),
        ])
        .expect("a ring")
    }

    fn token_of(url: &str) -> &str {
        url.split_once("embed_token=").expect("a token").1
    }

    #[test]
    fn the_url_carries_the_view_and_a_token_for_it() {
        let url = embed_url(&ring(), "http://portal:8080/", "/map?window=1h", 3_600, NOW)
            .expect("a link");
        assert!(
            url.starts_with("http://portal:8080/map?window=1h&embed=1&embed_token="),
            "{url}"
        );
        let claims = verify(&ring(), token_of(&url), NOW).expect("valid");
        assert_eq!(claims.view, "/map");
        assert_eq!(claims.query.get("window").map(String::as_str), Some("1h"));
        assert_eq!(claims.exp, NOW + 3_600);
        let asked = super::super::Asked {
            method: &Method::GET,
            path: "/api/v1/map",
            query: None,
            access: crate::http::routes::table::access(&Method::GET, "/api/v1/map"),
            params: &[],
        };
        assert!(check_scope(&claims, &asked).is_ok());
        assert!(
            verify(&ring(), token_of(&url), NOW + 3_600).is_err(),
            "expired after the ttl"
        );
    }

    #[test]
    fn views_that_cannot_be_embedded_are_refused() {
        let error = embed_url(&ring(), "http://x", "/kiosk", 60, NOW).expect_err("refused");
        assert!(error.contains("/map, /services or /traces"), "{error}");
    }
}
