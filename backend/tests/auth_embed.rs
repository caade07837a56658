//! Signed embed links: the link's view is readable, nothing else is; a changed, expired,
//! out-of-scope or unknown-key token gets a bare 401. Also the framing and security headers.

mod auth_common;

use axum::http::{Method, StatusCode};
use backend::auth::embed::{EMBED_HEADER, KeyRing, embed_url};
use serde_json::Value;

use auth_common::{Answer, NEW_KEY, NOW, OLD_KEY, TestApp, keys, settings, tokens};

const BASE: &str = "http://127.0.0.1:8080";

/// The server accepts both keys (signing with the new one) and requires tokens otherwise.
async fn server() -> TestApp {
    TestApp::start(settings(tokens(), Some(keys(&[NEW_KEY, OLD_KEY]))), false).await
}

/// The page path and the token of a link minted with `ring` at `minted`.
fn link(ring: &KeyRing, view: &str, ttl: i64, minted: i64) -> (String, String) {
    let url = embed_url(ring, BASE, view, ttl, minted).expect("a link");
    let page = url.strip_prefix(BASE).expect("the base").to_owned();
    let token = page
        .split_once("embed_token=")
        .expect("a token")
        .1
        .to_owned();
    (page, token)
}

fn changed_at(token: &str, index: usize) -> String {
    let mut chars: Vec<char> = token.chars().collect();
    chars[index] = if chars[index] == 'x' { 'y' } else { 'x' };
    chars.into_iter().collect()
}

async fn api(app: &TestApp, uri: &str, token: &str) -> (StatusCode, Value) {
    let answer = app.get(uri, &[(EMBED_HEADER, token)]).await;
    (answer.status, answer.body)
}

#[tokio::test]
async fn a_valid_link_reads_its_view_and_nothing_else() {
    let app = server().await;
    let (page, token) = link(&keys(&[NEW_KEY]), "/map?window=1h", 3_600, NOW);
    assert_eq!(app.get(&page, &[]).await.status, StatusCode::OK, "{page}");
    for uri in [
        "/api/v1/map?window=1h",
        "/api/v1/map/timeseries?window=1h&period=60&node=movies_app&type=AWS::AppRunner::Service",
        "/api/v1/config",
    ] {
        let (status, body) = api(&app, uri, &token).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body:?}");
    }
    let config = app.get("/api/v1/config", &[(EMBED_HEADER, &token)]).await;
    assert_eq!(config.body["auth"], "embed");
    assert_eq!(config.body["role"], "viewer");
    // Out of scope: another view's reads, another view's page, any change.
    for uri in ["/api/v1/traces", "/api/v1/services"] {
        assert_eq!(
            api(&app, uri, &token).await.0,
            StatusCode::UNAUTHORIZED,
            "{uri}"
        );
    }
    let traces_page = format!("/traces?embed=1&embed_token={token}");
    assert_eq!(
        app.get(&traces_page, &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
    let change = app
        .call(
            Method::PUT,
            "/api/v1/services/us-east-1/movies_app/tracing",
            &[
                (EMBED_HEADER, &token),
                ("x-runtrace-csrf", "1"),
                ("content-type", "application/json"),
            ],
            None,
        )
        .await;
    assert_eq!(change.status, StatusCode::UNAUTHORIZED);
    // Without the token, the same reads need a bearer token.
    assert_eq!(
        app.get("/api/v1/map", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn bad_tokens_get_a_bare_401() {
    let app = server().await;
    let (page, token) = link(&keys(&[NEW_KEY]), "/map?window=1h", 3_600, NOW);
    let (_, expired) = link(&keys(&[NEW_KEY]), "/map", 60, NOW - 61);
    let (_, unknown) = link(
        &keys(&["gone:gone-secret-0123456789abcdef0123456789"]),
        "/map",
        3_600,
        NOW,
    );
    let (_, wrong_view) = link(&keys(&[NEW_KEY]), "/traces", 3_600, NOW);
    let dot = token.find('.').expect("a dot");
    let mut refused = vec![
        ("expired", expired),
        ("unknown key", unknown),
        ("wrong view", wrong_view),
        ("empty", String::new()),
    ];
    for index in [0, dot / 2, dot - 1, dot + 1, token.len() - 2] {
        refused.push(("changed", changed_at(&token, index)));
    }
    let mut bodies = Vec::new();
    for (why, token) in &refused {
        let (status, body) = api(&app, "/api/v1/map?window=1h", token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{why}: {token}");
        bodies.push(body);
    }
    // The same generic body every time: nothing tells a prober what was wrong.
    assert!(
        bodies.windows(2).all(|pair| pair[0] == pair[1]),
        "{bodies:?}"
    );
    assert_eq!(bodies[0]["code"], "unauthorized");
    assert_eq!(bodies[0]["message"], "this link is not valid");

    // The page itself (what a portal's iframe shows) says why, in HTML, and gives nothing away.
    let tampered_page = page.replace(&token, &changed_at(&token, dot + 1));
    let refused = app.get(&tampered_page, &[]).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(
        refused.headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "{:?}",
        refused.headers
    );
    let html = String::from_utf8(refused.raw).unwrap();
    assert!(html.contains("<h1>This link does not work</h1>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
}

#[tokio::test]
async fn links_signed_with_the_previous_key_still_work() {
    let app = server().await;
    let (_, old) = link(&keys(&[OLD_KEY]), "/services", 3_600, NOW);
    let (_, new) = link(&keys(&[NEW_KEY, OLD_KEY]), "/services", 3_600, NOW);
    assert_ne!(old, new);
    for token in [&old, &new] {
        let (status, body) = api(&app, "/api/v1/services", token).await;
        assert_eq!(status, StatusCode::OK, "{body:?}");
    }
    let retired = TestApp::start(settings(tokens(), Some(keys(&[NEW_KEY]))), false).await;
    assert_eq!(
        api(&retired, "/api/v1/services", &old).await.0,
        StatusCode::UNAUTHORIZED
    );
}

fn csp(answer: &Answer) -> &str {
    answer.headers["content-security-policy"]
        .to_str()
        .expect("text")
}

#[tokio::test]
async fn responses_carry_the_configured_frame_ancestors_and_security_headers() {
    let mut auth = settings(tokens(), None);
    auth.frame_ancestors = "'self' http://127.0.0.1:9000".into();
    let app = TestApp::start(auth, false).await;
    for uri in ["/map", "/api/v1/config", "/app-0123.js"] {
        let answer = app.get(uri, &[]).await;
        let csp = csp(&answer);
        assert!(
            csp.ends_with("frame-ancestors 'self' http://127.0.0.1:9000"),
            "{uri}: {csp}"
        );
        assert_eq!(csp.matches("frame-ancestors").count(), 1, "{csp}");
        assert!(csp.contains("default-src 'self'"), "{uri}: {csp}");
        assert_eq!(answer.headers["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(answer.headers["referrer-policy"], "no-referrer", "{uri}");
    }
    let page = app.get("/map", &[]).await;
    let csp = csp(&page);
    assert!(
        csp.contains("'sha256-"),
        "the page keeps its script hashes: {csp}"
    );
}
