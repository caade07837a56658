//! Reading single segment documents (aws-apis.md §1c).

use serde_json::json;
use shared::trace::{
    AnnotationValue, Cause, Downstream, RawSegment, SpanKind, assemble, parse_document,
};

mod trace_support;
use trace_support::build;

#[test]
fn reads_a_full_segment() {
    let assembly = build(vec![json!({
        "id": "70de5b6f19ff9a0a", "name": "movies_app", "trace_id": "1-58406520-a006649127e371903a2de979",
        "start_time": 1480615200.010, "end_time": 1480615200.090,
        "origin": "AWS::AppRunner::Service", "user": "ana", "service": {"version": "1.2"},
        "http": {"request": {"method": "GET", "url": "https://x/movies", "client_ip": "10.0.0.1",
                             "x_forwarded_for": true},
                 "response": {"status": 404, "content_length": 12}},
        "error": true,
        "aws": {"account_id": "123456789012", "xray": {"sdk": "opentelemetry for python"},
                "ecs": {"container": "c1"}},
        "annotations": {"tenant": "acme", "retries": 2, "cached": false},
        "metadata": {"default": {"otel.resource.service.name": "movies_app"}},
        "some_future_field": {"nested": [1, 2, 3]}
    })]);
    assert_eq!(assembly.problems, vec![]);
    let span = &assembly.trace.spans[0];
    assert_eq!(
        (span.id.as_str(), span.name.as_str()),
        ("70de5b6f19ff9a0a", "movies_app")
    );
    assert_eq!(span.kind, SpanKind::Segment);
    assert_eq!(span.origin.as_deref(), Some("AWS::AppRunner::Service"));
    assert_eq!(span.service_version.as_deref(), Some("1.2"));
    assert_eq!(span.http_status(), Some(404));
    assert!(span.error && !span.fault && !span.in_progress);
    let aws = span.aws.as_ref().expect("aws block");
    assert_eq!(aws.account_id.as_deref(), Some("123456789012"));
    assert_eq!(
        aws.other["xray"],
        json!({"sdk": "opentelemetry for python"}),
        "unknown keys kept"
    );
    assert_eq!(aws.other["ecs"], json!({"container": "c1"}));
    assert_eq!(
        span.annotations["tenant"],
        AnnotationValue::String("acme".into())
    );
    assert_eq!(span.annotations["retries"], AnnotationValue::Number(2.0));
    assert_eq!(span.annotations["cached"], AnnotationValue::Bool(false));
    assert_eq!(
        span.metadata.as_ref().expect("metadata")["default"]["otel.resource.service.name"],
        "movies_app"
    );
    assert_eq!(
        assembly.trace.trace_id.as_deref(),
        Some("1-58406520-a006649127e371903a2de979")
    );
}

#[test]
fn reads_aws_sql_and_remote_subsegments() {
    let assembly = build(vec![json!({
        "id": "a", "name": "api", "start_time": 1.0, "end_time": 2.0,
        "subsegments": [
            {"id": "b", "name": "DynamoDB", "namespace": "aws", "start_time": 1.1, "end_time": 1.2,
             "aws": {"operation": "GetItem", "region": "us-east-1", "table_name": "movies-app",
                     "request_id": "R1", "table_names": ["movies-app"]}},
            {"id": "c", "name": "payments", "namespace": "remote", "start_time": 1.3, "end_time": 1.4,
             "http": {"request": {"method": "POST", "traced": true}, "response": {"status": 503}},
             "fault": true},
            {"id": "d", "name": "orders@db", "namespace": "remote", "start_time": 1.5, "end_time": 1.6,
             "sql": {"url": "jdbc:postgresql://db/orders", "sanitized_query": "SELECT ?",
                     "database_type": "PostgreSQL", "preparation": "statement"}},
            {"id": "e", "name": "render", "start_time": 1.6, "end_time": 1.7, "precursor_ids": ["d"]}
        ]
    })]);
    assert_eq!(assembly.problems, vec![]);
    let spans = &assembly.trace.spans;
    let by_id = |id: &str| spans.iter().find(|span| span.id == id).expect("span");
    let dynamo = by_id("b");
    assert_eq!(dynamo.kind, SpanKind::Subsegment);
    assert_eq!(dynamo.downstream, Some(Downstream::Aws));
    let aws = dynamo.aws.as_ref().expect("aws");
    assert_eq!(aws.operation.as_deref(), Some("GetItem"));
    assert_eq!(aws.table_name.as_deref(), Some("movies-app"));
    assert_eq!(aws.other["table_names"], json!(["movies-app"]));
    assert_eq!(by_id("c").downstream, Some(Downstream::Remote));
    assert_eq!(by_id("c").http_status(), Some(503));
    let sql = by_id("d").sql.as_ref().expect("sql");
    assert_eq!(sql.sanitized_query.as_deref(), Some("SELECT ?"));
    assert_eq!(by_id("e").downstream, None);
    assert_eq!(by_id("e").precursor_ids, vec!["d".to_owned()]);
}

#[test]
fn cause_is_an_exception_id_or_exceptions_or_kept_raw() {
    let assembly = build(vec![json!({
        "id": "a", "name": "api", "start_time": 1.0, "end_time": 2.0, "fault": true,
        "cause": {"working_directory": "/app", "paths": ["/app/main.py"], "exceptions": [
            {"id": "e1", "message": "boom", "type": "KeyError", "remote": false, "truncated": 3,
             "stack": [{"path": "main.py", "line": 10, "label": "handler"}], "cause": "e0"}]},
        "subsegments": [
            {"id": "b", "name": "child", "start_time": 1.0, "end_time": 1.5, "fault": true,
             "cause": "e1"},
            {"id": "c", "name": "odd", "start_time": 1.0, "end_time": 1.5, "cause": 42}
        ]
    })]);
    assert_eq!(assembly.problems, vec![]);
    let spans = &assembly.trace.spans;
    let Some(Cause::Details(details)) = &spans[0].cause else {
        panic!("{:?}", spans[0].cause)
    };
    assert_eq!(details.working_directory.as_deref(), Some("/app"));
    let exception = &details.exceptions[0];
    assert_eq!(exception.exception_type.as_deref(), Some("KeyError"));
    assert_eq!(exception.stack[0].line, Some(10));
    assert_eq!(exception.truncated, Some(3));
    assert_eq!(spans[1].cause, Some(Cause::ExceptionId("e1".into())));
    assert_eq!(spans[2].cause, Some(Cause::Unrecognized(json!(42))));
}

#[test]
fn in_progress_and_missing_end_times_are_unfinished() {
    let assembly = build(vec![
        json!({"id": "a", "name": "api", "start_time": 1.0, "in_progress": true}),
        json!({"id": "b", "name": "api", "start_time": 1.0}),
        json!({"id": "c", "name": "api", "start_time": 1.0, "end_time": 3.0}),
    ]);
    let unfinished: Vec<bool> = assembly
        .trace
        .spans
        .iter()
        .map(|span| span.in_progress)
        .collect();
    assert_eq!(unfinished, vec![true, true, false]);
    assert!(assembly.trace.is_partial());
}

#[test]
fn odd_annotation_values_are_kept_as_text() {
    let document =
        parse_document(r#"{"id":"a","annotations":{"list":[1,2],"none":null}}"#).expect("parses");
    assert_eq!(
        document.annotations["list"],
        AnnotationValue::String("[1,2]".into())
    );
    assert_eq!(
        document.annotations["none"],
        AnnotationValue::String("null".into())
    );
}

#[test]
fn documents_that_do_not_parse_are_reported_one_by_one() {
    let cases = [
        ("not json", "this segment's document could not be read"),
        ("", "could not be read"),
        (r#"{"id": "x", "start_time": "yesterday"}"#, "invalid type"),
        (r#"["a", "list"]"#, "must be a JSON object"),
        (
            r#"{"id": "x", "subsegments": {"not": "a list"}}"#,
            "invalid type",
        ),
    ];
    for (text, expected) in cases {
        let assembly = assemble(vec![
            RawSegment {
                id: "bad".into(),
                document: text.into(),
            },
            RawSegment {
                id: "good".into(),
                document: r#"{"id":"good","name":"ok"}"#.into(),
            },
        ]);
        assert_eq!(
            assembly.problems.len(),
            1,
            "{text:?}: {:?}",
            assembly.problems
        );
        assert_eq!(assembly.problems[0].segment_id, "bad");
        assert!(
            assembly.problems[0].message.contains(expected),
            "{text:?}: {:?}",
            assembly.problems
        );
        assert_eq!(
            assembly.trace.spans.len(),
            1,
            "the good document is still there"
        );
        assert_eq!(
            assembly.trace.documents,
            vec![text.to_owned(), r#"{"id":"good","name":"ok"}"#.to_owned()]
        );
    }
}

#[test]
fn nesting_beyond_serde_json_limit_is_a_problem_not_a_crash() {
    let depth = 200;
    let mut text = String::new();
    for level in 0..depth {
        text.push_str(&format!(r#"{{"id":"s{level}","name":"n","subsegments":["#));
    }
    text.push_str(&"]}".repeat(depth));
    let assembly = assemble(vec![RawSegment {
        id: "deep".into(),
        document: text,
    }]);
    assert_eq!(assembly.problems.len(), 1);
    assert!(
        assembly.problems[0].message.contains("recursion limit"),
        "{:?}",
        assembly.problems
    );
}

#[test]
fn nesting_within_the_limit_is_flattened() {
    let depth = 60;
    let mut text = String::new();
    for level in 0..depth {
        text.push_str(&format!(
            r#"{{"id":"s{level}","name":"n","start_time":1,"end_time":2,"subsegments":["#
        ));
    }
    text.push_str(&"]}".repeat(depth));
    let assembly = assemble(vec![RawSegment {
        id: "s0".into(),
        document: text,
    }]);
    assert_eq!(assembly.problems, vec![]);
    assert_eq!(assembly.trace.spans.len(), depth);
    let deepest = &assembly.trace.spans[depth - 1];
    assert_eq!(deepest.id, format!("s{}", depth - 1));
    assert_eq!(deepest.parent, Some(depth - 2));
}

#[test]
fn a_missing_id_is_reported_but_the_span_kept() {
    let assembly = build(vec![
        json!({"name": "anonymous", "start_time": 1.0, "end_time": 2.0}),
    ]);
    assert_eq!(assembly.trace.spans.len(), 1);
    assert_eq!(assembly.problems.len(), 1);
    assert!(assembly.problems[0].message.contains("no id"));
}

#[test]
fn segment_documents_serialize_back_to_what_they_read() {
    let text = r#"{"id":"a","name":"api","trace_id":"1-5f000000-000000000000000000000001","start_time":1.5,"end_time":2.5,"fault":true,"annotations":{"k":"v"},"subsegments":[{"id":"b","name":"DynamoDB","namespace":"aws","start_time":1.6,"end_time":1.7}]}"#;
    let document = parse_document(text).expect("parses");
    let written = serde_json::to_value(&document).expect("writes");
    assert_eq!(
        written,
        serde_json::from_str::<serde_json::Value>(text).expect("json")
    );
}
