//! Bad and hostile input: refused with a clear 4xx before any AWS call.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use backend::http::assets::Assets;
use serde_json::json;

use crate::common::{app_without_aws, send};

/// A request: method, uri, body and headers; the status and error code expected.
type Case<'a> = (
    Method,
    &'a str,
    &'a str,
    &'a [(&'a str, &'a str)],
    (StatusCode, &'a str),
);

async fn check(app: &axum::Router, cases: &[Case<'_>]) {
    for (method, uri, body, headers, expect) in cases {
        let body = Body::from((*body).to_owned());
        let answer = send(app, method.clone(), uri, body, headers).await;
        let got = (
            answer.status,
            answer.body["code"].as_str().unwrap_or_default(),
        );
        assert_eq!(got, *expect, "{method} {uri}: {}", answer.body);
    }
}

const JSON: (&str, &str) = ("content-type", "application/json");

/// A tracing change with this body and these headers.
fn put<'a>(
    body: &'a str,
    headers: &'a [(&'a str, &'a str)],
    expect: (StatusCode, &'a str),
) -> Case<'a> {
    let url = "/api/v1/services/us-east-1/movies_app/tracing";
    (Method::PUT, url, body, headers, expect)
}

#[tokio::test]
async fn bad_parameters_are_refused_before_calling_aws() {
    // The endpoint is unreachable: any request that got as far as AWS would answer 503.
    let app = app_without_aws(Assets::empty(), false).await;
    let get = |uri, expect| (Method::GET, uri, "", &[][..], expect);
    let bad = |code| (StatusCode::BAD_REQUEST, code);
    let not_found = (StatusCode::NOT_FOUND, "not_found");
    check(
        &app,
        &[
            get("/api/v1/map?window=7h", bad("invalid_window")),
            get("/api/v1/map?window=15", bad("invalid_window")),
            get("/api/v1/map?start=2000&end=1000", bad("invalid_window")),
            get("/api/v1/map?start=yesterday", bad("invalid_window")),
            get("/api/v1/map?region=mars-1", bad("unknown_region")),
            get("/api/v1/map?group=no%20spaces", bad("bad_request")),
            get("/api/v1/map/timeseries?window=5m", bad("bad_request")),
            get("/api/v1/map/timeseries?node=a%22b", bad("bad_request")),
            get(
                "/api/v1/map/timeseries?node=api&period=90",
                bad("bad_request"),
            ),
            get("/api/v1/traces/not-a-trace-id", bad("bad_request")),
            get(
                "/api/v1/traces?filter=http.status%20%3E",
                bad("invalid_filter"),
            ),
            get("/api/v1/services/us-east-1/x", bad("bad_request")),
            get("/api/v1/nothing/here", not_found),
            get("/api/v2/services", not_found),
            (
                Method::POST,
                "/api/v1/services",
                "",
                &[],
                (StatusCode::METHOD_NOT_ALLOWED, "bad_request"),
            ),
        ],
    )
    .await;
}

#[tokio::test]
async fn the_window_error_says_the_limit() {
    let app = app_without_aws(Assets::empty(), false).await;
    let answer = send(
        &app,
        Method::GET,
        "/api/v1/traces?start=1795000000&end=1795030000",
        Body::empty(),
        &[],
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let message = answer.body["message"].as_str().unwrap_or_default();
    assert!(message.contains("6h"), "{message}");
}

#[tokio::test]
async fn malformed_and_hostile_tracing_changes_are_refused() {
    let app = app_without_aws(Assets::empty(), false).await;
    let on = json!({"enabled": true}).to_string();
    let huge = format!(r#"{{"enabled": true, "pad": "{}"}}"#, "x".repeat(64 * 1024));
    let length = huge.len().to_string();
    let sized = [JSON, ("content-length", length.as_str())];
    let cross_site = [
        JSON,
        ("origin", "https://evil.example"),
        ("host", "127.0.0.1:8080"),
    ];
    let fetch_site = [JSON, ("sec-fetch-site", "cross-site")];
    let csrf = (StatusCode::FORBIDDEN, "csrf_rejected");
    check(
        &app,
        &[
            put(
                "{enabled",
                &[JSON],
                (StatusCode::BAD_REQUEST, "bad_request"),
            ),
            put(
                r#"{"enabled": "yes"}"#,
                &[JSON],
                (StatusCode::UNPROCESSABLE_ENTITY, "bad_request"),
            ),
            put(
                &on,
                &[],
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "bad_request"),
            ),
            put(
                &huge,
                &sized,
                (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            ),
            put(&on, &cross_site, csrf),
            put(&on, &fetch_site, csrf),
        ],
    )
    .await;

    let read_only = app_without_aws(Assets::empty(), true).await;
    // --read-only does not serve the route at all.
    let not_served = (StatusCode::NOT_FOUND, "not_found");
    check(&read_only, &[put(&on, &[JSON], not_served)]).await;
}

#[tokio::test]
async fn hostile_headers_do_not_break_the_api() {
    let app = app_without_aws(Assets::empty(), false).await;
    let long_cookie = "a".repeat(8 * 1024);
    let headers = [
        ("host", "evil.example"),
        ("x-request-id", "<script>alert(1)</script>"),
        ("x-forwarded-for", "1.2.3.4, 5.6.7.8"),
        ("accept-encoding", "br;q=0, gzip;q=nonsense"),
        ("cookie", long_cookie.as_str()),
        ("range", "bytes=0-0,1-1,2-2"),
    ];
    let answer = send(&app, Method::GET, "/api/v1/config", Body::empty(), &headers).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["regions"], json!(["us-east-1"]));
    assert_eq!(
        answer
            .headers
            .get("x-content-type-options")
            .map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
}

/// A request's URI and headers, and the status and code expected.
type Oversized<'a> = (&'a str, &'a [(&'a str, &'a str)], (StatusCode, &'a str));

#[tokio::test]
async fn oversized_requests_get_the_json_error_and_the_security_headers() {
    let app = app_without_aws(Assets::empty(), false).await;
    let long_filter = format!("/api/v1/traces?filter={}", "a".repeat(20 * 1024));
    let big_header = "x".repeat(70 * 1024);
    let cases: [Oversized<'_>; 2] = [
        (&long_filter, &[], (StatusCode::URI_TOO_LONG, "bad_request")),
        (
            "/api/v1/services",
            &[("x-padding", big_header.as_str())],
            (StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "bad_request"),
        ),
    ];
    for (uri, headers, expect) in cases {
        let answer = send(&app, Method::GET, uri, Body::empty(), headers).await;
        let code = answer.body["code"].as_str().unwrap_or_default();
        assert_eq!((answer.status, code), expect, "{}", answer.body);
        assert!(
            answer.body["message"]
                .as_str()
                .is_some_and(|m| m.contains("at most"))
        );
        assert_eq!(answer.headers["x-content-type-options"], "nosniff");
        assert!(answer.headers.contains_key("content-security-policy"));
        assert!(answer.headers.contains_key("x-request-id"));
    }
}
