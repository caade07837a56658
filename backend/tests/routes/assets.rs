//! The dashboard bundle: cache headers, precompressed bodies, the CSP for Trunk's inline script,
//! the SPA fallback and the page shown when there is no bundle.

use axum::body::{Body, Bytes};
use axum::http::{Method, StatusCode, header};
use backend::http::assets::Assets;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::common::{Answer, app_without_aws, send};

const INLINE: &str = "import init from '/frontend-0123456789abcdef.js'; init();";

fn bundle() -> Assets {
    let index =
        format!("<html><head><script type=\"module\">{INLINE}</script></head><body></body></html>");
    let files = [
        ("index.html", index),
        (
            "frontend-0123456789abcdef.js",
            "export default function init() {}\n".repeat(200),
        ),
        (
            "style-0123456789abcdef.css",
            "body { margin: 0 }\n".repeat(200),
        ),
        (
            "favicon.svg",
            "<svg xmlns='http://www.w3.org/2000/svg'/>".to_owned(),
        ),
    ];
    let assets = Assets::from_files(
        files
            .into_iter()
            .map(|(path, body)| (path.to_owned(), Bytes::from(body)))
            .collect(),
    );
    assets.precompress_all();
    assets
}

async fn get(app: &axum::Router, uri: &str, headers: &[(&str, &str)]) -> Answer {
    send(app, Method::GET, uri, Body::empty(), headers).await
}

fn header(answer: &Answer, name: header::HeaderName) -> &str {
    answer
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn index_is_revalidated_and_allows_exactly_its_inline_script() {
    let app = app_without_aws(bundle(), false).await;
    let index = get(&app, "/", &[]).await;
    assert_eq!(index.status, StatusCode::OK);
    assert_eq!(header(&index, header::CACHE_CONTROL), "no-cache");
    assert!(header(&index, header::CONTENT_TYPE).starts_with("text/html"));
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(INLINE.as_bytes()));
    let policy = header(&index, header::CONTENT_SECURITY_POLICY);
    assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
    assert!(policy.contains("'wasm-unsafe-eval'") && policy.contains("frame-ancestors 'self'"));
    assert_eq!(header(&index, header::REFERRER_POLICY), "no-referrer");
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_precompressed() {
    let app = app_without_aws(bundle(), false).await;
    let script = get(
        &app,
        "/frontend-0123456789abcdef.js",
        &[("accept-encoding", "gzip, br")],
    )
    .await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(
        header(&script, header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header(&script, header::CONTENT_ENCODING), "br");
    assert_eq!(header(&script, header::VARY), "accept-encoding");

    let gzip = get(
        &app,
        "/style-0123456789abcdef.css",
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(header(&gzip, header::CONTENT_ENCODING), "gzip");
    let plain = get(&app, "/style-0123456789abcdef.css", &[]).await;
    assert_eq!(header(&plain, header::CONTENT_ENCODING), "");
    assert!(
        plain
            .body
            .as_str()
            .is_some_and(|css| css.starts_with("body { margin: 0 }"))
    );

    let etag = header(&gzip, header::ETAG).to_owned();
    let again = get(
        &app,
        "/style-0123456789abcdef.css",
        &[("accept-encoding", "gzip"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn app_routes_fall_back_to_index_but_missing_files_do_not() {
    let app = app_without_aws(bundle(), false).await;
    let deep_link = get(
        &app,
        "/traces/1-58406520-a006649127e371903a2de979?window=1h",
        &[],
    )
    .await;
    assert_eq!(deep_link.status, StatusCode::OK);
    assert!(
        deep_link
            .body
            .as_str()
            .is_some_and(|html| html.contains(INLINE))
    );
    assert_eq!(
        get(&app, "/frontend-ffffffffffffffff.js", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/%2e%2e/Cargo.toml", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let api = get(&app, "/api/v1/unknown", &[]).await;
    assert_eq!(
        (api.status, api.body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
}

#[tokio::test]
async fn without_a_bundle_the_root_explains_how_to_build_one() {
    let app = app_without_aws(Assets::empty(), false).await;
    let root = get(&app, "/", &[]).await;
    assert_eq!(root.status, StatusCode::OK);
    assert!(
        root.body
            .as_str()
            .is_some_and(|html| html.contains("cargo xtask demo"))
    );
    assert_eq!(get(&app, "/services", &[]).await.status, StatusCode::OK);
}
