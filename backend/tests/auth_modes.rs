//! Each auth mode, per route class (static bundle, API read, change): who is let in and who is
//! refused; read-only mode; what `/api/v1/config` reports.

mod auth_common;

use axum::http::{Method, StatusCode};
use backend::auth::Mode;
use backend::auth::proxy::ProxyAuth;

use auth_common::{ALICE, SAME_ORIGIN, SERVICE, TestApp, WALL, settings, tokens, with};

const READ: &str = "/api/v1/services";
const PAGE: &str = "/services";

/// A request: the class, extra headers, the peer address; the status expected.
type Case<'a> = (
    Method,
    &'a str,
    Vec<(&'a str, &'a str)>,
    Option<&'a str>,
    StatusCode,
);

async fn check_all(app: &TestApp, cases: Vec<Case<'_>>) {
    for (method, uri, mut headers, peer, expect) in cases {
        if method == Method::PUT {
            headers.extend(SAME_ORIGIN);
        }
        let answer = app.call(method.clone(), uri, &headers, peer).await;
        assert_eq!(
            answer.status, expect,
            "{method} {uri} {headers:?} from {peer:?}: {:?}",
            answer.body
        );
    }
}

fn auth(value: &str) -> Vec<(&'static str, &str)> {
    vec![("authorization", value)]
}

fn tracing() -> String {
    format!("{SERVICE}/tracing")
}

#[tokio::test]
async fn without_auth_everyone_on_loopback_is_an_operator() {
    let app = TestApp::start(settings(Mode::None, None), false).await;
    let toggle = tracing();
    check_all(
        &app,
        vec![
            (Method::GET, PAGE, vec![], None, StatusCode::OK),
            (Method::GET, READ, vec![], None, StatusCode::OK),
            (Method::PUT, &toggle, vec![], None, StatusCode::ACCEPTED),
        ],
    )
    .await;
    let config = app.get("/api/v1/config", &[]).await;
    assert_eq!(config.body["auth"], "none");
    assert!(config.body["role"].is_null(), "{:?}", config.body);
}

#[tokio::test]
async fn token_mode_needs_a_valid_token_and_changes_need_an_operator() {
    let app = TestApp::start(settings(tokens(), None), false).await;
    let toggle = tracing();
    let (alice, wall, forged) = (
        format!("Bearer {ALICE}"),
        format!("Bearer {WALL}"),
        format!("Bearer {ALICE}x"),
    );
    check_all(
        &app,
        vec![
            (Method::GET, PAGE, vec![], None, StatusCode::OK),
            (Method::GET, READ, vec![], None, StatusCode::UNAUTHORIZED),
            (Method::PUT, &toggle, vec![], None, StatusCode::UNAUTHORIZED),
            (
                Method::GET,
                READ,
                auth(&forged),
                None,
                StatusCode::UNAUTHORIZED,
            ),
            (
                Method::GET,
                READ,
                vec![("authorization", ALICE)],
                None,
                StatusCode::UNAUTHORIZED,
            ),
            (Method::GET, READ, auth(&wall), None, StatusCode::OK),
            (
                Method::PUT,
                &toggle,
                auth(&wall),
                None,
                StatusCode::FORBIDDEN,
            ),
            (Method::GET, READ, auth(&alice), None, StatusCode::OK),
            (
                Method::PUT,
                &toggle,
                auth(&alice),
                None,
                StatusCode::ACCEPTED,
            ),
        ],
    )
    .await;

    let anonymous = app.get(READ, &[]).await;
    assert_eq!(anonymous.code(), "unauthorized");
    assert_eq!(
        anonymous.headers["www-authenticate"],
        "Bearer realm=\"runtrace\""
    );
    let viewer_change = app.toggle(&with(&auth(&wall), &SAME_ORIGIN)).await;
    assert_eq!(viewer_change.code(), "forbidden");
    let config = app.get("/api/v1/config", &auth(&alice)).await;
    assert_eq!(config.body["auth"], "token");
    assert_eq!(config.body["role"], "operator");
    assert_eq!(config.body["user"], "alice");
}

#[tokio::test]
async fn proxy_mode_believes_the_header_only_from_the_proxy() {
    let proxy = ProxyAuth::new(
        &["10.0.0.0/8".into()],
        "X-Forwarded-Email",
        &["ops@example.com".into()],
    )
    .expect("valid proxy settings");
    let app = TestApp::start(settings(Mode::Proxy(proxy), None), false).await;
    let toggle = tracing();
    let ops = vec![("x-forwarded-email", "ops@example.com")];
    let dev = vec![("x-forwarded-email", "dev@example.com")];
    let (proxy, elsewhere) = (Some("10.0.0.5:40000"), Some("203.0.113.7:40000"));
    check_all(
        &app,
        vec![
            (Method::GET, PAGE, vec![], elsewhere, StatusCode::OK),
            (Method::GET, READ, ops.clone(), proxy, StatusCode::OK),
            (
                Method::PUT,
                &toggle,
                ops.clone(),
                proxy,
                StatusCode::ACCEPTED,
            ),
            (Method::GET, READ, dev.clone(), proxy, StatusCode::OK),
            (Method::PUT, &toggle, dev, proxy, StatusCode::FORBIDDEN),
            (Method::GET, READ, vec![], proxy, StatusCode::UNAUTHORIZED),
            (
                Method::GET,
                READ,
                ops.clone(),
                elsewhere,
                StatusCode::UNAUTHORIZED,
            ),
            (
                Method::PUT,
                &toggle,
                ops.clone(),
                elsewhere,
                StatusCode::UNAUTHORIZED,
            ),
            (
                Method::GET,
                READ,
                ops.clone(),
                None,
                StatusCode::UNAUTHORIZED,
            ),
        ],
    )
    .await;
    let config = app.call(Method::GET, "/api/v1/config", &ops, proxy).await;
    assert_eq!(config.body["auth"], "proxy");
    assert_eq!(config.body["role"], "operator");
    assert_eq!(config.body["user"], "ops@example.com");
}

#[tokio::test]
async fn read_only_serves_no_change_route_at_all() {
    let app = TestApp::start(settings(tokens(), None), true).await;
    let alice = format!("Bearer {ALICE}");
    let headers = with(&[("authorization", alice.as_str())], &SAME_ORIGIN);
    let change = app.toggle(&headers).await;
    assert!(
        matches!(
            change.status,
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
        ),
        "{:?} {:?}",
        change.status,
        change.body
    );
    assert_eq!(app.get(READ, &headers).await.status, StatusCode::OK);
    let config = app.get("/api/v1/config", &headers).await;
    assert_eq!(config.body["read_only"], true);
}
