//! The route table is the API: every row is served by the router behind the whole middleware
//! stack, and a path no row names is answered 404 whatever the method.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use backend::http::assets::Assets;
use backend::http::routes::table::{API, PREFIX};

use crate::common::{app_without_aws, send};

/// A path for the row's pattern, `x` in every parameter (the handler judges it, not the router).
fn sample(pattern: &str) -> String {
    let path: Vec<&str> = pattern
        .split('/')
        .map(|segment| match segment.starts_with('{') {
            true => "x",
            false => segment,
        })
        .collect();
    format!("{PREFIX}{}", path.join("/"))
}

#[tokio::test]
async fn every_row_reaches_its_handler() {
    let app = app_without_aws(Assets::empty(), false).await;
    for route in API {
        let uri = sample(route.path);
        let answer = send(&app, route.method.clone(), &uri, Body::empty(), &[]).await;
        let message = answer.body["message"].as_str().unwrap_or_default();
        assert!(
            answer.status != StatusCode::METHOD_NOT_ALLOWED
                && !message.starts_with("there is no API route"),
            "{} {uri}: {} {}",
            route.method,
            answer.status,
            answer.body
        );
    }
}

#[tokio::test]
async fn paths_no_row_names_are_not_found_for_every_method() {
    let app = app_without_aws(Assets::empty(), false).await;
    for method in [Method::GET, Method::PUT, Method::POST, Method::DELETE] {
        for uri in [
            "/api/v1/unknown",
            "/api/v1/services/a/b/c/d",
            "/api/v1",
            "/api/x",
        ] {
            let answer = send(&app, method.clone(), uri, Body::empty(), &[]).await;
            assert_eq!(
                (answer.status, answer.body["code"].as_str()),
                (StatusCode::NOT_FOUND, Some("not_found")),
                "{method} {uri}"
            );
        }
    }
}
