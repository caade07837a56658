//! Changes from other sites are refused before they reach AWS, and every change attempt leaves
//! one audit line.

mod auth_common;

use axum::http::StatusCode;
use backend::auth::{AuditLog, Mode};
use serde_json::Value;

use auth_common::{SAME_ORIGIN, TestApp, settings};

const JSON: (&str, &str) = ("content-type", "application/json");
const CSRF: (&str, &str) = ("x-runtrace-csrf", "1");
const HOST: (&str, &str) = ("host", "127.0.0.1:8080");

#[tokio::test]
async fn cross_site_changes_are_refused_with_a_reason() {
    let app = TestApp::start(settings(Mode::None, None), false).await;
    let same_origin = ("sec-fetch-site", "same-origin");
    let evil = ("origin", "https://evil.example");
    // The headers of a change → what the refusal's message names.
    let cases: [(&[(&str, &str)], &str); 6] = [
        (&[JSON, HOST], "X-Runtrace-Csrf: 1"),
        (&[JSON, HOST, same_origin], "X-Runtrace-Csrf"),
        (
            &[JSON, CSRF, ("sec-fetch-site", "cross-site")],
            "another site",
        ),
        (
            &[JSON, CSRF, ("sec-fetch-site", "same-site")],
            "another site",
        ),
        (&[JSON, CSRF, HOST, evil], "https://evil.example"),
        (
            &[JSON, CSRF, HOST, same_origin, ("origin", "null")],
            "the page at null",
        ),
    ];
    for (headers, needle) in cases {
        let answer = app.toggle(headers).await;
        let expect = (StatusCode::FORBIDDEN, "csrf_rejected");
        assert_eq!(answer.refusal(), expect, "{headers:?}");
        let message = answer.body["message"].as_str().unwrap_or_default();
        assert!(message.contains(needle), "{needle} not in: {message}");
    }

    let own_page = app
        .toggle(&[JSON, CSRF, HOST, ("origin", "http://127.0.0.1:8080")])
        .await;
    assert_eq!(own_page.status, StatusCode::ACCEPTED, "{:?}", own_page.body);
}

#[tokio::test]
async fn every_change_attempt_is_audited() {
    let dir = std::env::temp_dir().join(format!("runtrace-auth-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join("audit.jsonl");
    let mut auth = settings(Mode::None, None);
    auth.audit = AuditLog::open(&path).expect("the audit log opens");
    let app = TestApp::start(auth, false).await;

    let refused = app.toggle(&[JSON, ("sec-fetch-site", "cross-site")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let accepted = app.toggle(&SAME_ORIGIN).await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{:?}", accepted.body);
    let read = app.get("/api/v1/services", &[]).await;
    assert_eq!(read.status, StatusCode::OK, "reads are not audited");

    let text = std::fs::read_to_string(&path).expect("the audit log");
    let lines: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    for (line, (status, result)) in lines.iter().zip([(403, "refused"), (202, "ok")]) {
        assert_eq!(line["who"], "local");
        assert_eq!(line["role"], "operator");
        assert_eq!(
            line["what"],
            "PUT /api/v1/services/us-east-1/movies_app/tracing"
        );
        assert_eq!(line["region"], "us-east-1");
        assert_eq!(line["service"], "movies_app");
        assert_eq!(line["status"], status);
        assert_eq!(line["result"], result);
    }
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn any_role_may_stop_a_search_with_the_csrf_checks_and_an_audit_line() {
    let dir = std::env::temp_dir().join(format!("runtrace-auth-stop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join("audit.jsonl");
    let mut auth = settings(auth_common::tokens(), None);
    auth.audit = AuditLog::open(&path).expect("the audit log opens");
    let app = TestApp::start(auth, true).await;
    let bearer = format!("Bearer {}", auth_common::WALL);
    let viewer = [("authorization", bearer.as_str())];
    let stop = |headers: Vec<(&'static str, &'static str)>| {
        let all = auth_common::with(&headers, &viewer);
        let app = &app;
        async move {
            let uri = "/api/v1/traces/searches/0f3a";
            app.call(axum::http::Method::DELETE, uri, &all, None).await
        }
    };
    let cross_site = stop(vec![CSRF, ("sec-fetch-site", "cross-site")]).await;
    assert_eq!(cross_site.code(), "csrf_rejected");
    // Permitted to a viewer, even read-only: the search is simply unknown here.
    let allowed = stop(SAME_ORIGIN.to_vec()).await;
    assert_eq!(allowed.status, StatusCode::NOT_FOUND, "{:?}", allowed.body);
    assert_eq!(allowed.code(), "search_gone");
    let change = app.toggle(&auth_common::with(&SAME_ORIGIN, &viewer)).await;
    assert!(
        change.status.is_client_error(),
        "a viewer still cannot change tracing"
    );

    let text = std::fs::read_to_string(&path).expect("the audit log");
    let stops: Vec<Value> = text
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|line| line["what"] == "DELETE /api/v1/traces/searches/0f3a")
        .collect();
    assert_eq!(stops.len(), 2, "{text}");
    assert_eq!(
        (stops[0]["result"].as_str(), stops[1]["status"].as_u64()),
        (Some("refused"), Some(404))
    );
    assert_eq!(stops[1]["role"], "viewer");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}
