use super::*;
use crate::filter::parse;

const STATUS: &str =
    "coalesce(`attributes.http.response.status_code`, `attributes.http.status_code`)";
const HAS_STATUS: &str = "(ispresent(`attributes.http.response.status_code`) or ispresent(`attributes.http.status_code`))";
const METHOD: &str = "coalesce(`attributes.http.request.method`, `attributes.http.method`)";
const URL: &str = "coalesce(`attributes.url.full`, `attributes.http.url`)";
const ROOTS: &str =
    "filter ispresent(traceId) and (not ispresent(parentSpanId) or parentSpanId = \"\") and ";

fn translated(filter: &str) -> Result<SpanQuery, Untranslatable> {
    let expr = parse(filter).unwrap_or_else(|e| panic!("{filter}: {e}"));
    translate(Some(&expr), 50)
}

/// The condition a root-span query puts on the entry span.
fn check_root(filter: &str, expect: &str) {
    let query = translated(filter).unwrap_or_else(|e| panic!("{filter}: {e}"));
    assert_eq!(query.shape, Shape::Roots, "{filter}");
    let first = query.query.lines().next().unwrap_or_default();
    assert_eq!(first.strip_prefix(ROOTS), Some(expect), "{filter}");
    assert!(
        query
            .query
            .ends_with("| sort `startTimeUnixNano` desc\n| limit 50"),
        "{}",
        query.query
    );
}

#[test]
fn entry_tests_become_conditions_on_the_root_span() {
    check_root(
        "http.status = 500",
        &format!("(({HAS_STATUS} and {STATUS} = 500))"),
    );
    check_root(
        "http.status != 404",
        &format!("(({HAS_STATUS} and {STATUS} != 404))"),
    );
    check_root(
        "http.status >= 500 AND http.status < 600",
        &format!("((({HAS_STATUS} and {STATUS} >= 500)) and (({HAS_STATUS} and {STATUS} < 600)))"),
    );
    check_root(
        "http.method = \"GET\" OR http.method = \"PUT\"",
        &format!("(({METHOD} = \"GET\") or ({METHOD} = \"PUT\"))"),
    );
    check_root(
        "http.url CONTAINS \"/cart\"",
        &format!("({URL} like \"/cart\")"),
    );
    check_root(
        "http.url BEGINSWITH \"https://a.b/\"",
        &format!("({URL} like /^https:\\/\\/a\\.b\\//)"),
    );
    check_root(
        "http.url ENDSWITH \".json\"",
        &format!("({URL} like /\\.json$/)"),
    );
    check_root(
        "http.method != \"GET\"",
        &format!(
            "(not ((ispresent(`attributes.http.request.method`) or ispresent(`attributes.http.method`)) and {METHOD} = \"GET\"))"
        ),
    );
    check_root(
        "http.useragent",
        "(((ispresent(`attributes.user_agent.original`) or ispresent(`attributes.http.user_agent`)) and coalesce(`attributes.user_agent.original`, `attributes.http.user_agent`) != \"\"))",
    );
    check_root(
        "responsetime > 1.5 AND responsetime <= 3",
        "((`durationNano` > 1500000000) and (`durationNano` <= 3000000000))",
    );
    check_root("throttle", &format!("(({HAS_STATUS} and {STATUS} = 429))"));
    check_root(
        "error = false",
        &format!("(not (({HAS_STATUS} and {STATUS} >= 400 and {STATUS} <= 499)))"),
    );
    check_root(
        "fault",
        &format!(
            "((({HAS_STATUS} and {STATUS} >= 500 and {STATUS} <= 599) or (not {HAS_STATUS} and `status.code` = \"ERROR\")))"
        ),
    );
    check_root(
        "name = \"api\"",
        "(coalesce(`attributes.aws.local.service`, `resource.attributes.service.name`) = \"api\")",
    );
    check_root(
        "!(http.method = \"GET\")",
        &format!("(not ({METHOD} = \"GET\"))"),
    );
}

#[test]
fn no_filter_lists_every_trace() {
    let query = translate(None, 20_000).expect("translates");
    assert_eq!(query.shape, Shape::Roots);
    assert!(query.query.starts_with("filter ispresent(traceId) and (not ispresent(parentSpanId) or parentSpanId = \"\")\n| fields traceId, "));
    assert!(
        query.query.ends_with(&format!("| limit {MAX_ROWS}")),
        "the limit is bounded"
    );
}

#[test]
fn any_span_tests_count_marked_spans_per_trace() {
    let query =
        translated("http.status >= 500 AND service(\"api\") AND !annotation.tier = \"gold\"")
            .expect("translates");
    assert_eq!(query.shape, Shape::Traces);
    let expect = [
        format!("filter ispresent(traceId) and (((not ispresent(parentSpanId) or parentSpanId = \"\") and ((({HAS_STATUS} and {STATUS} >= 500)))) or (parentSpanId != \"\" and (`resource.attributes.service.name` like /^api$/ or `attributes.aws.remote.service` like /^api$/ or `attributes.aws.remote.resource.identifier` like /^api$/ or `attributes.tier` like /^gold$/)))"),
        "| parse parentSpanId /(?<rt_child>^.)/".to_owned(),
        "| parse `resource.attributes.service.name` /(?<rtm0>^api$)/".to_owned(),
        "| parse `attributes.aws.remote.service` /(?<rtm1>^api$)/".to_owned(),
        "| parse `attributes.aws.remote.resource.identifier` /(?<rtm2>^api$)/".to_owned(),
        "| parse `attributes.tier` /(?<rtm3>^gold$)/".to_owned(),
        "| stats count(*) as rt_spans, count(rt_child) as rt_children, count(rtm0) as rtm0, count(rtm1) as rtm1, count(rtm2) as rtm2, count(rtm3) as rtm3, min(`startTimeUnixNano`) as rt_start, max(`endTimeUnixNano`) as rt_end by traceId".to_owned(),
        "| filter rt_spans > rt_children and (((rtm0 > 0) or (rtm1 > 0) or (rtm2 > 0)) and (not (rtm3 > 0)))".to_owned(),
        "| sort rt_start desc".to_owned(),
        "| limit 50".to_owned(),
    ];
    assert_eq!(query.query.lines().collect::<Vec<_>>(), expect);
}

/// The marks (parse commands) and the test on their counts of a query of any-span tests.
fn check_marks(filter: &str, parses: &[&str], test: &str) {
    let query = translated(filter).unwrap_or_else(|e| panic!("{filter}: {e}"));
    assert_eq!(query.shape, Shape::Traces, "{filter}");
    let got: Vec<&str> = query
        .query
        .lines()
        .filter(|l| l.starts_with("| parse `"))
        .collect();
    assert_eq!(got, parses, "{filter}");
    let last_filter = query
        .query
        .lines()
        .rfind(|l| l.starts_with("| filter "))
        .unwrap_or_default();
    assert_eq!(
        last_filter,
        format!("| filter rt_spans > rt_children and ({test})"),
        "{filter}"
    );
}

#[test]
fn check_any_span_tests() {
    check_marks(
        "annotation.gameid",
        &["| parse `attributes.gameid` /(?<rtm0>^[\\s\\S]+$)/"],
        "(rtm0 > 0)",
    );
    check_marks(
        "annotation.n = 5",
        &["| parse `attributes.n` /(?<rtm0>^5(\\.0+)?$)/"],
        "(rtm0 > 0)",
    );
    check_marks(
        "annotation.ratio != 0.25",
        &["| parse `attributes.ratio` /(?<rtm0>^0\\.25$)/"],
        "(not (rtm0 > 0))",
    );
    check_marks(
        "annotation.vip = true",
        &["| parse `attributes.vip` /(?<rtm0>^true$)/"],
        "(rtm0 > 0)",
    );
    check_marks(
        "annotation.path BEGINSWITH \"/a(b\"",
        &["| parse `attributes.path` /(?<rtm0>^\\/a\\(b)/"],
        "(rtm0 > 0)",
    );
    check_marks(
        "user = \"u1\" OR user CONTAINS \"admin\"",
        &[
            "| parse `attributes.enduser.id` /(?<rtm0>^u1$)/",
            "| parse `attributes.enduser.id` /(?<rtm1>admin)/",
        ],
        "((rtm0 > 0) or (rtm1 > 0))",
    );
    check_marks(
        "user",
        &["| parse `attributes.enduser.id` /(?<rtm0>.)/"],
        "(rtm0 > 0)",
    );
    check_marks(
        "service(id(name: \"orders\", type: \"AWS::AppRunner::Service\"))",
        &["| parse `resource.attributes.service.name` /(?<rtm0>^orders$)/"],
        "((rtm0 > 0))",
    );
    check_marks(
        "service(id(name: \"orders-table\", type: \"AWS::DynamoDB::Table\"))",
        &[
            "| parse `attributes.aws.remote.service` /(?<rtm0>^orders-table$)/",
            "| parse `attributes.aws.remote.resource.identifier` /(?<rtm1>^orders-table$)/",
        ],
        "((rtm0 > 0) or (rtm1 > 0))",
    );
    // The same test twice is one mark.
    check_marks(
        "user = \"a\" AND !user = \"a\"",
        &["| parse `attributes.enduser.id` /(?<rtm0>^a$)/"],
        "(rtm0 > 0) and (not (rtm0 > 0))",
    );
}

/// What cannot be translated: the part (canonical text), where it is, and a word of the reason.
fn check_refused(filter: &str, part: &str, offset: usize, reason: &str) {
    let error = translated(filter).expect_err(filter);
    assert_eq!(error.part, part, "{filter}");
    assert_eq!(error.offset, offset, "{filter}");
    assert_eq!(error.len, part.len(), "{filter}");
    assert!(error.reason.contains(reason), "{filter}: {}", error.reason);
}

#[test]
fn what_cannot_be_searched_in_spans_is_refused_with_its_place() {
    check_refused("duration > 3", "duration > 3", 0, "responsetime");
    check_refused("http.status = 500 AND partial", "partial", 22, "indexed");
    check_refused(
        "ok AND (fault OR service(\"a\"))",
        "fault OR service(\"a\")",
        8,
        "AND only",
    );
    check_refused(
        "!(service(\"a\") AND ok)",
        "!(service(\"a\") AND ok)",
        0,
        "AND only",
    );
    check_refused("edge(\"a\", \"b\")", "edge(\"a\", \"b\")", 0, "edge");
    check_refused(
        "service(\"a\") { fault }",
        "service(\"a\") { fault }",
        0,
        "service(\"name\") alone",
    );
    check_refused("service()", "service()", 0, "name the service");
    check_refused("group.name = \"g\"", "group.name = \"g\"", 0, "group");
    check_refused(
        "rootcause.fault.service { name = \"a\" }",
        "rootcause.fault.service { name = \"a\" }",
        0,
        "root causes",
    );
    check_refused("annotation.n > 3", "annotation.n > 3", 0, "= or !=");
    check_refused(
        "type = \"AWS::DynamoDB::Table\"",
        "type = \"AWS::DynamoDB::Table\"",
        0,
        "node type",
    );
    check_refused(
        "ok AND service(id(type: \"AWS::Lambda::Function\"))",
        "service(id(type: \"AWS::Lambda::Function\"))",
        7,
        "name",
    );
    check_refused(
        "resource.arn = \"x\"",
        "resource.arn = \"x\"",
        0,
        "span fields",
    );
}

/// The query with its string, regex and backtick literals blanked out, as a Logs Insights
/// scanner reads them (a backslash escapes the next character in strings and regexes).
fn code(query: &str) -> String {
    let mut out = String::new();
    let mut chars = query.chars();
    while let Some(c) = chars.next() {
        let close = match c {
            '"' | '/' | '`' => c,
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str("<literal>");
        while let Some(inner) = chars.next() {
            if inner == '\\' && close != '`' {
                chars.next();
            } else if inner == close {
                break;
            }
        }
    }
    out
}

#[test]
fn no_input_escapes_its_literal() {
    use crate::filter::{AnyOp, Expr, StrKeyword, StrOp, Test, Value};
    for hostile in [
        "\\",
        "x\\\" | stats count(*) as n #",
        "\") or (1 = 1",
        "/) or (1 = 1",
        "` or `",
        "\\/ or /",
    ] {
        // Built directly: the AST holds any string, whatever the parser lets through.
        let url = |op| {
            Expr::Test(Test::Str {
                kw: StrKeyword::HttpUrl,
                op: Some((op, hostile.to_owned())),
            })
        };
        let annotation = Expr::Test(Test::Annotation {
            key: "k".into(),
            cond: Some((AnyOp::Eq, Value::String(hostile.to_owned()))),
        });
        let expr = Expr::And(vec![url(StrOp::Contains), url(StrOp::EndsWith), annotation]);
        let query = translate(Some(&expr), 10).expect("translates").query;
        let code = code(&query);
        for injected in ["1 = 1", "count(*) as n", " or `", "#"] {
            assert!(
                !code.contains(injected),
                "{hostile:?} leaked {injected:?} into {code}"
            );
        }
    }
    let newline = crate::filter::Expr::Test(crate::filter::Test::Str {
        kw: crate::filter::StrKeyword::HttpUrl,
        op: Some((crate::filter::StrOp::Contains, "a\nb".into())),
    });
    let error = translate(Some(&newline), 10).expect_err("control characters");
    assert!(
        error.reason.contains("control character"),
        "{}",
        error.reason
    );
}
