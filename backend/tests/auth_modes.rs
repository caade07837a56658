//! Each auth mode, per route class (static bundle, API read, change): who is let in and who is
//! refused; read-only mode; what `/api/v1/config` reports.

mod auth_common;

use axum::http::{Method, StatusCode};
use backend::auth::Mode;
use backend::auth::proxy::ProxyAuth;

use auth_common::{ALICE, SAME_ORIGIN, SERVICE, TRACING, TestApp, WALL, settings, tokens, with};

const READ: &str = "/api/v1/services";
const PAGE: &str = "/services";

type Headers<'a> = Vec<(&'a str, &'a str)>;
/// A request: the method and path, extra headers, the peer address; the status expected.
type Case<'a> = (Method, &'a str, Headers<'a>, Option<&'a str>, StatusCode);

/// The bundle's page, an API read and a change (sent as runtrace's own pages send it).
fn page(peer: Option<&str>, expect: StatusCode) -> Case<'_> {
    (Method::GET, PAGE, vec![], peer, expect)
}

fn read<'a>(headers: Headers<'a>, peer: Option<&'a str>, expect: StatusCode) -> Case<'a> {
    (Method::GET, READ, headers, peer, expect)
}

fn change<'a>(headers: Headers<'a>, peer: Option<&'a str>, expect: StatusCode) -> Case<'a> {
    (Method::PUT, TRACING, headers, peer, expect)
}

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

use StatusCode as S;

#[tokio::test]
async fn without_auth_everyone_on_loopback_is_an_operator() {
    let app = TestApp::start(settings(Mode::None, None), false).await;
    check_all(
        &app,
        vec![
            page(None, S::OK),
            read(vec![], None, S::OK),
            change(vec![], None, S::ACCEPTED),
        ],
    )
    .await;
    let config = app.get("/api/v1/config", &[]).await;
    assert_eq!(config.body["auth"], "none");
    assert!(config.body["role"].is_null(), "{:?}", config.body);
}

#[tokio::test]
async fn dns_rebinding_and_doubled_headers_are_refused_before_anything_else() {
    let app = TestApp::start(settings(Mode::None, None), false).await;
    let rebound = || vec![("host", "rebind.evil.example:8080")];
    check_all(
        &app,
        vec![
            page(None, S::OK),
            read(vec![("host", "127.0.0.1:8080")], None, S::OK),
            read(vec![("host", "localhost:8080")], None, S::OK),
            (Method::GET, PAGE, rebound(), None, S::MISDIRECTED_REQUEST),
            read(rebound(), None, S::MISDIRECTED_REQUEST),
            read(
                vec![("host", "127.0.0.1:8080"), ("host", "rebind.evil.example")],
                None,
                S::BAD_REQUEST,
            ),
        ],
    )
    .await;
    // What a browser sends after rebinding: same-origin in every header but the name.
    let rebound_change = app
        .toggle(&[
            ("content-type", "application/json"),
            ("x-runtrace-csrf", "1"),
            ("sec-fetch-site", "same-origin"),
            ("host", "rebind.evil.example:8080"),
            ("origin", "http://rebind.evil.example:8080"),
        ])
        .await;
    assert_eq!(
        rebound_change.status,
        S::MISDIRECTED_REQUEST,
        "{:?}",
        rebound_change.body
    );
    // The tracing change was never made: the service is still running, not being updated.
    let service = app.get(SERVICE, &[]).await;
    assert_eq!(
        service.body["service"]["status"], "RUNNING",
        "{:?}",
        service.body
    );

    let doubled = app
        .toggle(&with(
            &[
                ("origin", "http://127.0.0.1:8080"),
                ("origin", "http://evil.example"),
            ],
            &SAME_ORIGIN,
        ))
        .await;
    assert_eq!(doubled.status, S::BAD_REQUEST, "{:?}", doubled.body);
    assert!(
        doubled.body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("origin")
    );
    let misdirected = app.get(READ, &rebound()).await;
    assert!(
        misdirected.body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("--allowed-host"),
        "{:?}",
        misdirected.body
    );
}

#[tokio::test]
async fn token_mode_needs_a_valid_token_and_changes_need_an_operator() {
    let app = TestApp::start(settings(tokens(), None), false).await;
    let (alice, wall, forged) = (
        format!("Bearer {ALICE}"),
        format!("Bearer {WALL}"),
        format!("Bearer {ALICE}x"),
    );
    check_all(
        &app,
        vec![
            page(None, S::OK),
            read(vec![], None, S::UNAUTHORIZED),
            change(vec![], None, S::UNAUTHORIZED),
            read(auth(&forged), None, S::UNAUTHORIZED),
            read(vec![("authorization", ALICE)], None, S::UNAUTHORIZED),
            read(auth(&wall), None, S::OK),
            change(auth(&wall), None, S::FORBIDDEN),
            read(auth(&alice), None, S::OK),
            change(auth(&alice), None, S::ACCEPTED),
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
async fn the_health_probe_answers_anyone_but_tells_only_the_signed_in_why() {
    let app = TestApp::start(settings(tokens(), None), false).await;
    // AWS failing: the probe's answer then carries a reason, which may name the account.
    app.emulator().faults.set(emulator::FaultConfig {
        error_ratio: 1.0,
        ..emulator::FaultConfig::default()
    });
    let balancer = app.get("/api/v1/health", &[]).await;
    assert_eq!(balancer.status, S::OK, "{:?}", balancer.body);
    assert_eq!(balancer.body["ok"], false);
    assert!(
        balancer.body["upstream"]["message"].is_null(),
        "{:?}",
        balancer.body
    );
    assert_eq!(balancer.body["cache"]["location"], "memory");

    let alice = format!("Bearer {ALICE}");
    let operator = app.get("/api/v1/health", &auth(&alice)).await;
    assert_eq!(operator.body["ok"], false);
    assert!(
        operator.body["upstream"]["message"].is_string(),
        "{:?}",
        operator.body
    );
    // Everything else still needs a token.
    assert_eq!(app.get("/api/v1/config", &[]).await.status, S::UNAUTHORIZED);
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
    let ops = || vec![("x-forwarded-email", "ops@example.com")];
    let dev = || vec![("x-forwarded-email", "dev@example.com")];
    let (proxy, elsewhere) = (Some("10.0.0.5:40000"), Some("203.0.113.7:40000"));
    check_all(
        &app,
        vec![
            page(elsewhere, S::OK),
            read(ops(), proxy, S::OK),
            change(ops(), proxy, S::ACCEPTED),
            read(dev(), proxy, S::OK),
            change(dev(), proxy, S::FORBIDDEN),
            read(vec![], proxy, S::UNAUTHORIZED),
            read(ops(), elsewhere, S::UNAUTHORIZED),
            change(ops(), elsewhere, S::UNAUTHORIZED),
            read(ops(), None, S::UNAUTHORIZED),
        ],
    )
    .await;
    let config = app.call(Method::GET, "/api/v1/config", &ops(), proxy).await;
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
