//! Expressions from X-Ray's documentation parse, and print in canonical form.

use shared::filter::{
    AnyOp, BoolKeyword, Expr, NumKeyword, NumOp, RootCauseKind, RootCauseTarget, ServiceId,
    ServiceSelector, StrKeyword, StrOp, Test, Value, parse, parse_optional,
};

/// `input` parses, prints as `canonical`, and the canonical text parses to the same tree.
fn check(input: &str, canonical: &str) {
    let expr = parse(input).unwrap_or_else(|error| panic!("{input:?} should parse: {error}"));
    assert_eq!(expr.to_string(), canonical, "canonical form of {input:?}");
    let again =
        parse(canonical).unwrap_or_else(|error| panic!("{canonical:?} should parse: {error}"));
    assert_eq!(again, expr, "re-parsing the canonical form of {input:?}");
}

#[test]
fn documented_examples_parse_to_their_canonical_form() {
    let cases = [
        ("responsetime > 5", "responsetime > 5"),
        (
            "duration >= 5 AND duration <= 8",
            "duration >= 5 AND duration <= 8",
        ),
        ("ok", "ok"),
        ("!ok", "!ok"),
        ("ok = false", "ok = false"),
        ("http.status != 200", "http.status != 200"),
        (
            "ok !partial duration <3",
            "ok AND !partial AND duration < 3",
        ),
        (
            r#"http.url CONTAINS "/api/game/""#,
            r#"http.url CONTAINS "/api/game/""#,
        ),
        (r#"user CONTAINS """#, r#"user CONTAINS """#),
        (
            r#"service("api.example.com") { fault }"#,
            r#"service("api.example.com") { fault }"#,
        ),
        (
            r#"service("api.example.com") { fault = true }"#,
            r#"service("api.example.com") { fault }"#,
        ),
        ("service() { fault }", "service() { fault }"),
        (
            r#"edge("api.example.com", "backend.example.com") { error }"#,
            r#"edge("api.example.com", "backend.example.com") { error }"#,
        ),
        (
            r#"http.url BEGINSWITH "http://api.example.com/" AND http.url CONTAINS "/v2/" AND !service("api.example.com")"#,
            r#"http.url BEGINSWITH "http://api.example.com/" AND http.url CONTAINS "/v2/" AND !service("api.example.com")"#,
        ),
        (
            "http.url AND responseTime > 2",
            "http.url AND responsetime > 2",
        ),
        (
            r#"annotation.gameid = "817DL6VO""#,
            r#"annotation.gameid = "817DL6VO""#,
        ),
        ("annotation.age", "annotation.age"),
        ("!annotation.age", "!annotation.age"),
        ("annotation.age > 29", "annotation.age > 29"),
        (
            r#"group.name = "high_response_time" AND user = "alice""#,
            r#"group.name = "high_response_time" AND user = "alice""#,
        ),
        (
            r#"group.arn = "arn:aws:xray:us-east-1:1:group/g/X""#,
            r#"group.arn = "arn:aws:xray:us-east-1:1:group/g/X""#,
        ),
        (
            r#"service(id(name: "api.example.com", type: "AWS::EC2::Instance")) { fault OR responsetime > 2 }"#,
            r#"service(id(name: "api.example.com", type: "AWS::EC2::Instance")) { fault OR responsetime > 2 }"#,
        ),
        (
            r#"service(id(type: "AWS::Lambda::Function")) { error }"#,
            r#"service(id(type: "AWS::Lambda::Function")) { error }"#,
        ),
        (
            r#"edge(id(name: "a", type:"t"), id(name:"b",type:"t", account.id:"123"))"#,
            r#"edge(id(name: "a", type: "t"), id(name: "b", type: "t", account.id: "123"))"#,
        ),
        (
            r#"rootcause.fault.entity { last and name = "deserialize" }"#,
            r#"rootcause.fault.entity { last AND name = "deserialize" }"#,
        ),
        (
            r#"rootcause.responsetime.entity { remote and coverage > 0.7 and name = "traces" }"#,
            r#"rootcause.responsetime.entity { remote AND coverage > 0.7 AND name = "traces" }"#,
        ),
        (
            r#"rootcause.fault.service { name = "Auth" }"#,
            r#"rootcause.fault.service { name = "Auth" }"#,
        ),
        (
            r#"rootcause.fault.service { index > 5 }"#,
            r#"rootcause.fault.service { index > 5 }"#,
        ),
        (
            r#"rootcause.responsetime.service { last and type = "AWS::DynamoDB" }"#,
            r#"rootcause.responsetime.service { last AND type = "AWS::DynamoDB" }"#,
        ),
        (
            r#"service("data-plane") {root = true and fault = true}"#,
            r#"service("data-plane") { root AND fault }"#,
        ),
        ("rootcause.error.exception", "rootcause.error.exception"),
        (
            r#"rootcause.json = #[{ "Services": [ { "Name": "GetWeatherData" } ] }]"#,
            r#"rootcause.json = #[{ "Services": [ { "Name": "GetWeatherData" } ] }]"#,
        ),
        (
            r#"http.status = 500 and http.method = "POST""#,
            r#"http.status = 500 AND http.method = "POST""#,
        ),
        (r#"user = "alice""#, r#"user = "alice""#),
    ];
    for (input, canonical) in cases {
        check(input, canonical);
    }
}

#[test]
fn precedence_and_parentheses() {
    let cases = [
        ("ok OR error AND fault", "ok OR error AND fault"),
        ("(ok OR error) AND fault", "(ok OR error) AND fault"),
        ("((ok))", "ok"),
        ("ok AND (error AND fault)", "ok AND error AND fault"),
        ("(ok OR error) OR fault", "ok OR error OR fault"),
        ("!(ok OR error)", "!(ok OR error)"),
        ("!(ok)", "!ok"),
        ("!!ok", "!!ok"),
        (
            "ok (error OR fault) throttle",
            "ok AND (error OR fault) AND throttle",
        ),
        (
            "service() { ok OR error } OR fault",
            "service() { ok OR error } OR fault",
        ),
    ];
    for (input, canonical) in cases {
        check(input, canonical);
    }
}

#[test]
fn keywords_and_operators_ignore_case_but_values_do_not() {
    let cases = [
        (r#"HTTP.URL contains "/A/""#, r#"http.url CONTAINS "/A/""#),
        (
            r#"Http.Method = "get" Or OK"#,
            r#"http.method = "get" OR ok"#,
        ),
        ("FAULT = TRUE", "fault"),
        ("ok != false", "ok"),
        ("ok != true", "ok = false"),
        (
            r#"ROOTCAUSE.Fault.Service { Name EndsWith "x" }"#,
            r#"rootcause.fault.service { name ENDSWITH "x" }"#,
        ),
        (
            r#"annotation.GameId beginswith "A""#,
            r#"annotation.GameId BEGINSWITH "A""#,
        ),
        ("annotation.flag = TRUE", "annotation.flag = true"),
        ("annotation.n != -1.50", "annotation.n != -1.5"),
        ("responsetime >= 0.000001", "responsetime >= 0.000001"),
        ("http.status = 0500", "http.status = 500"),
    ];
    for (input, canonical) in cases {
        check(input, canonical);
    }
}

#[test]
fn trees_are_typed_for_evaluation() {
    let cases = [
        (
            "responsetime > 5",
            Expr::Test(Test::Num {
                kw: NumKeyword::ResponseTime,
                op: NumOp::Gt,
                value: 5.0,
            }),
        ),
        (
            "!partial",
            Expr::Test(Test::Bool {
                kw: BoolKeyword::Partial,
                value: true,
            })
            .negate(),
        ),
        (
            "http.useragent",
            Expr::Test(Test::Str {
                kw: StrKeyword::HttpUserAgent,
                op: None,
            }),
        ),
        (
            r#"annotation.gameid = "817DL6VO""#,
            Expr::Test(Test::Annotation {
                key: "gameid".into(),
                cond: Some((AnyOp::Eq, Value::String("817DL6VO".into()))),
            }),
        ),
        (
            "annotation.on = false",
            Expr::Test(Test::Annotation {
                key: "on".into(),
                cond: Some((AnyOp::Eq, Value::Bool(false))),
            }),
        ),
        (
            r#"service(id(name: "api", type: "AWS::AppRunner::Service"))"#,
            Expr::Service {
                selector: Some(ServiceSelector::Id(ServiceId {
                    name: Some("api".into()),
                    kind: Some("AWS::AppRunner::Service".into()),
                    account_id: None,
                })),
                body: None,
            },
        ),
        (
            r#"edge("a", "b") { error }"#,
            Expr::Edge {
                source: ServiceSelector::Name("a".into()),
                destination: ServiceSelector::Name("b".into()),
                body: Some(Box::new(Expr::Test(Test::Bool {
                    kw: BoolKeyword::Error,
                    value: true,
                }))),
            },
        ),
        (
            "rootcause.responsetime.coverage",
            Expr::RootCause {
                kind: RootCauseKind::ResponseTime,
                target: RootCauseTarget::Coverage,
                body: None,
            },
        ),
        (
            r#"http.method = "GET" ok"#,
            Expr::And(vec![
                Expr::Test(Test::Str {
                    kw: StrKeyword::HttpMethod,
                    op: Some((StrOp::Eq, "GET".into())),
                }),
                Expr::Test(Test::Bool {
                    kw: BoolKeyword::Ok,
                    value: true,
                }),
            ]),
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(
            parse(input).expect("documented form"),
            expected,
            "tree of {input:?}"
        );
    }
}

#[test]
fn blank_input_is_no_filter_for_parse_optional_only() {
    assert_eq!(parse_optional("  \t\n").expect("blank is fine"), None);
    assert!(parse_optional(" ok ").expect("valid").is_some());
    let error = parse("   ").expect_err("blank is no expression");
    assert_eq!(error.expected, "a filter expression");
    assert_eq!(error.found, "end of input");
}
