//! The refiner controls build expressions, and read them back.

use shared::filter::{
    AnnotationRefiner, AnyOp, BuildError, Refiners, ServiceId, ServiceSelector, StatusRefiner,
    Value, parse,
};

/// `refiners` print as `expected`, and reading that text back gives the same refiners.
fn check(refiners: Refiners, expected: &str) {
    let expr = refiners.to_expr().expect("buildable").expect("not empty");
    assert_eq!(expr.to_string(), expected);
    let reparsed = parse(expected).expect("the builder writes valid expressions");
    assert_eq!(Refiners::from_expr(&reparsed), Some(refiners));
}

#[test]
fn refiners_round_trip_through_text() {
    let cases = [
        (
            Refiners {
                http_status: Some(StatusRefiner::Exact(503)),
                ..Default::default()
            },
            "http.status = 503",
        ),
        (
            Refiners {
                http_status: Some(StatusRefiner::Class(4)),
                ..Default::default()
            },
            "http.status >= 400 AND http.status < 500",
        ),
        (
            Refiners {
                methods: vec!["GET".into()],
                ..Default::default()
            },
            r#"http.method = "GET""#,
        ),
        (
            Refiners {
                methods: vec!["GET".into(), "POST".into()],
                fault: Some(true),
                ..Default::default()
            },
            r#"(http.method = "GET" OR http.method = "POST") AND fault"#,
        ),
        (
            Refiners {
                url_contains: Some("/movies".into()),
                response_time_min: Some(0.5),
                response_time_max: Some(2.0),
                duration_min: Some(0.0),
                duration_max: Some(10.25),
                ..Default::default()
            },
            r#"http.url CONTAINS "/movies" AND responsetime >= 0.5 AND responsetime <= 2 AND duration >= 0 AND duration <= 10.25"#,
        ),
        (
            Refiners {
                ok: Some(false),
                error: Some(true),
                throttle: Some(false),
                ..Default::default()
            },
            "ok = false AND error AND throttle = false",
        ),
        (
            Refiners {
                service: Some(ServiceSelector::Name("movies_app".into())),
                user: Some("alice".into()),
                ..Default::default()
            },
            r#"service("movies_app") AND user = "alice""#,
        ),
        (
            Refiners {
                service: Some(ServiceSelector::Id(ServiceId {
                    name: Some("movies_app".into()),
                    kind: Some("AWS::AppRunner::Service".into()),
                    account_id: None,
                })),
                annotation: Some(AnnotationRefiner {
                    key: "gameid".into(),
                    cond: Some((AnyOp::Eq, Value::String("817DL6VO".into()))),
                }),
                ..Default::default()
            },
            r#"service(id(name: "movies_app", type: "AWS::AppRunner::Service")) AND annotation.gameid = "817DL6VO""#,
        ),
        (
            Refiners {
                annotation: Some(AnnotationRefiner {
                    key: "age".into(),
                    cond: None,
                }),
                ..Default::default()
            },
            "annotation.age",
        ),
    ];
    for (refiners, expected) in cases {
        check(refiners, expected);
    }
}

#[test]
fn no_refiners_is_no_expression() {
    assert_eq!(Refiners::default().to_expr(), Ok(None));
}

#[test]
fn values_a_filter_cannot_hold_are_refused() {
    let cases = [
        (
            Refiners {
                url_contains: Some(r#"/a"b"#.into()),
                ..Default::default()
            },
            r#"the URL "/a\"b" contains a double quote, which a filter expression cannot hold (X-Ray documents no escape); remove it"#,
        ),
        (
            Refiners {
                service: Some(ServiceSelector::Name("x\"".into())),
                ..Default::default()
            },
            r#"the service name "x\"" contains a double quote, which a filter expression cannot hold (X-Ray documents no escape); remove it"#,
        ),
        (
            Refiners {
                http_status: Some(StatusRefiner::Class(7)),
                ..Default::default()
            },
            "HTTP status class 7 is not 1–5 (for 1xx–5xx)",
        ),
        (
            Refiners {
                http_status: Some(StatusRefiner::Exact(42)),
                ..Default::default()
            },
            "HTTP status 42 is not between 100 and 599",
        ),
        (
            Refiners {
                response_time_min: Some(f64::NAN),
                ..Default::default()
            },
            "the minimum response time must be a finite number of seconds, 0 or more; got NaN",
        ),
        (
            Refiners {
                duration_max: Some(-1.0),
                ..Default::default()
            },
            "the maximum duration must be a finite number of seconds, 0 or more; got -1",
        ),
        (
            Refiners {
                methods: vec![String::new()],
                ..Default::default()
            },
            "an HTTP method cannot be empty",
        ),
        (
            Refiners {
                annotation: Some(AnnotationRefiner {
                    key: "a-b".into(),
                    cond: None,
                }),
                ..Default::default()
            },
            "an annotation key is letters, digits and '_' only",
        ),
        (
            Refiners {
                annotation: Some(AnnotationRefiner {
                    key: "a".into(),
                    cond: Some((AnyOp::Lt, Value::Bool(true))),
                }),
                ..Default::default()
            },
            "the annotation operator does not fit its value (<, >… take a finite number, CONTAINS… a string, true/false only = or !=)",
        ),
        (
            Refiners {
                service: Some(ServiceSelector::Id(ServiceId::default())),
                ..Default::default()
            },
            "a service id needs a name, a type or an account id",
        ),
    ];
    for (refiners, message) in cases {
        let error: BuildError = refiners.to_expr().expect_err(message);
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn reading_back_accepts_any_order_and_bang_flags() {
    let expr = parse(r#"!fault user = "bob" http.status < 600 http.status >= 500"#).expect("valid");
    let expected = Refiners {
        fault: Some(false),
        user: Some("bob".into()),
        http_status: Some(StatusRefiner::Class(5)),
        ..Default::default()
    };
    assert_eq!(Refiners::from_expr(&expr), Some(expected));
}

#[test]
fn expressions_beyond_the_refiners_are_not_read_back() {
    let cases = [
        "ok OR fault",
        "responsetime > 5",
        "http.status = 500 AND http.status = 404",
        "http.status >= 500 AND http.status < 700",
        r#"user = "a" AND user = "b""#,
        r#"user CONTAINS "a""#,
        "partial",
        r#"service("a") { fault }"#,
        "!(ok AND fault)",
        r#"http.method = "GET" AND (http.method = "PUT" OR http.method = "POST")"#,
        r#"(http.method = "GET" OR user = "x")"#,
        "group.name = \"g\"",
    ];
    for input in cases {
        let expr = parse(input).expect(input);
        assert_eq!(Refiners::from_expr(&expr), None, "{input}");
    }
}
