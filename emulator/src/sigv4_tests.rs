use super::*;
use axum::http::{HeaderValue, Request};

const NOW: f64 = 1_767_225_600.0; // 2026-01-01T00:00:00Z
const BODY: &[u8] = br#"{"MaxResults":5}"#;

/// Signs a request the way the AWS SDK does, at `signed_at`, with the given key pair.
fn signed_headers(access: &str, secret: &str, service: &str, signed_at: f64) -> HeaderMap {
    let mut request = Request::builder()
        .method("POST")
        .uri("http://127.0.0.1:4566/")
        .header("host", "127.0.0.1:4566")
        .header("content-type", "application/x-amz-json-1.0")
        .header("x-amz-target", "AppRunner.ListServices")
        .body(BODY)
        .expect("valid request");
    let identity: Identity = Credentials::new(access, secret, None, None, "test").into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("eu-west-1")
        .name(service)
        .time(UNIX_EPOCH + Duration::from_secs_f64(signed_at))
        .settings(SigningSettings::default())
        .build()
        .expect("params")
        .into();
    let headers = request
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str(), v.to_str().expect("ascii")));
    let signable = SignableRequest::new(
        "POST",
        "http://127.0.0.1:4566/",
        headers,
        SignableBody::Bytes(BODY),
    )
    .expect("signable");
    let (instructions, _) = sign(signable, &params).expect("signs").into_parts();
    instructions.apply_to_request_http1x(&mut request);
    request.headers().clone()
}

fn run(headers: &HeaderMap, body: &[u8]) -> Result<Authorization, AwsError> {
    let request = SignedRequest {
        method: "POST",
        path_and_query: "/",
        headers,
        body,
    };
    verify(&request, "test", "test", "apprunner", NOW)
}

/// (access key, secret, service, signed at, body) → the region, or the error code.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    f64,
    &'static [u8],
    Result<&'static str, &'static str>,
);

#[test]
fn check_verification() {
    let check = |headers: HeaderMap, body: &[u8], expect: Result<&str, &str>| {
        let got = run(&headers, body);
        match expect {
            Ok(region) => assert_eq!(got.map(|a| a.region), Ok(region.to_owned())),
            Err(code) => assert_eq!(got.err().map(|e| e.code), Some(code)),
        }
    };
    let refused = Err("InvalidSignatureException");
    let signed: [Case; 8] = [
        ("test", "test", "apprunner", NOW, BODY, Ok("eu-west-1")),
        (
            "test",
            "test",
            "apprunner",
            NOW - 200.0,
            BODY,
            Ok("eu-west-1"),
        ),
        ("test", "wrong", "apprunner", NOW, BODY, refused),
        ("test", "test", "apprunner", NOW, b"{}", refused),
        (
            "other",
            "test",
            "apprunner",
            NOW,
            BODY,
            Err("UnrecognizedClientException"),
        ),
        ("test", "test", "xray", NOW, BODY, refused),
        ("test", "test", "apprunner", NOW - 400.0, BODY, refused),
        ("test", "test", "apprunner", NOW + 400.0, BODY, refused),
    ];
    for (key, secret, service, at, body, expect) in signed {
        check(signed_headers(key, secret, service, at), body, expect);
    }
    check(
        HeaderMap::new(),
        BODY,
        Err("MissingAuthenticationTokenException"),
    );
}

#[test]
fn a_changed_signed_header_breaks_the_signature() {
    let mut headers = signed_headers("test", "test", "apprunner", NOW);
    headers.insert(
        "x-amz-target",
        HeaderValue::from_static("AppRunner.DeleteService"),
    );
    let error = run(&headers, BODY).expect_err("tampered header refused");
    assert!(
        error
            .message
            .starts_with("The request signature we calculated does not match")
    );
    assert_eq!(error.status, 403);
}

#[test]
fn skew_error_names_both_times() {
    let error = run(
        &signed_headers("test", "test", "apprunner", NOW - 400.0),
        BODY,
    )
    .expect_err("expired");
    assert_eq!(
        error.message,
        "Signature expired: 20251231T235320Z is now earlier than 20251231T235500Z (20260101T000000Z - 5 min.)"
    );
}

#[test]
fn check_authorization_parsing() {
    let header = "AWS4-HMAC-SHA256 Credential=AK/20260101/us-west-2/xray/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
    let auth = parse_authorization(header).expect("parses");
    assert_eq!(
        (auth.region.as_str(), auth.service.as_str()),
        ("us-west-2", "xray")
    );
    assert_eq!(auth.signed_headers, ["host", "x-amz-date"]);
    for broken in [
        "Basic dGVzdDp0ZXN0",
        "AWS4-HMAC-SHA256 Credential=AK/20260101/us-west-2/xray, SignedHeaders=host, Signature=abc",
        "AWS4-HMAC-SHA256 Credential=AK/20260101/us-west-2/xray/aws4_request, Signature=abc",
    ] {
        let code = parse_authorization(broken).err().map(|e| e.code);
        assert_eq!(code, Some("IncompleteSignatureException"), "{broken}");
    }
}
