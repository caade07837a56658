//! Rejected expressions point at the offending token and say what would have been valid there.

use shared::filter::parse;

/// `input` is rejected with exactly `message`, underlining `underlined` (a substring of `input`
/// found at byte `offset`; empty means the end of the input).
fn check(input: &str, offset: usize, underlined: &str, message: &str) {
    let error = parse(input).expect_err(input);
    assert_eq!(error.to_string(), message, "message for {input:?}");
    assert_eq!(error.offset, offset, "offset for {input:?}");
    assert_eq!(error.len, underlined.len().max(1), "length for {input:?}");
    assert_eq!(
        input.get(offset..offset + underlined.len()),
        Some(underlined),
        "span for {input:?}"
    );
    let column = input[..offset].chars().count() + 1;
    assert_eq!(error.column, column, "column for {input:?}");
}

#[test]
fn syntax_errors_point_at_the_token() {
    let cases = [
        (
            "responsetime > fast",
            15,
            "fast",
            r#"expected a number after 'responsetime >' at column 16, found "fast""#,
        ),
        (
            "(ok OR error",
            12,
            "",
            "expected ')' closing the '(' from column 1 at column 13, found end of input",
        ),
        (
            "ok)",
            2,
            ")",
            r#"expected end of input (this ')' closes no '(') at column 3, found ")""#,
        ),
        (
            "service() { fault",
            17,
            "",
            "expected '}' to close the '{' of 'service()' at column 18, found end of input",
        ),
        (
            "ok }",
            3,
            "}",
            r#"expected end of input (this '}' closes no '{') at column 4, found "}""#,
        ),
        (
            r#"http.url CONTAINS "/api"#,
            18,
            "\"/api",
            r#"expected a closing '"' for the string that starts here (strings cannot contain '"') at column 19, found end of input"#,
        ),
        (
            "duration >=",
            11,
            "",
            "expected a number after 'duration >=' at column 12, found end of input",
        ),
        (
            "responsetime",
            12,
            "",
            "expected =, !=, <, <=, > or >= after 'responsetime' at column 13, found end of input",
        ),
        (
            r#"http.url > "x""#,
            9,
            ">",
            r#"expected =, !=, CONTAINS, BEGINSWITH or ENDSWITH after 'http.url' at column 10, found ">""#,
        ),
        (
            r#"duration CONTAINS "5""#,
            9,
            "CONTAINS",
            r#"expected =, !=, <, <=, > or >= after 'duration' at column 10, found "CONTAINS""#,
        ),
        (
            "ok < true",
            3,
            "<",
            r#"expected = or != after 'ok' at column 4, found "<""#,
        ),
        (
            "ok = maybe",
            5,
            "maybe",
            r#"expected true or false after 'ok =' at column 6, found "maybe""#,
        ),
        (
            "http.method = GET",
            14,
            "GET",
            r#"expected a double-quoted string after 'http.method =' at column 15, found "GET""#,
        ),
        (
            "annotation.age > \"x\"",
            17,
            "\"x\"",
            r#"expected a number after 'annotation.age >' at column 18, found "x""#,
        ),
        (
            "annotation.age CONTAINS 5",
            24,
            "5",
            r#"expected a double-quoted string after 'annotation.age CONTAINS' at column 25, found "5""#,
        ),
        (
            "ok AND",
            6,
            "",
            "expected a filter term after 'AND' at column 7, found end of input",
        ),
        (
            "ok OR OR error",
            6,
            "OR",
            r#"expected a filter term after 'OR' at column 7, found "OR""#,
        ),
        (
            "ok & error",
            3,
            "&",
            r#"expected a filter term (a keyword such as ok, responsetime, http.url, annotation.KEY or service(), '!' or '(') at column 4, found the character "&""#,
        ),
        (
            "service(api)",
            8,
            "api",
            r#"expected a double-quoted service name or id(…) after 'service(' at column 9, found "api""#,
        ),
        (
            "service() {}",
            11,
            "}",
            r#"expected a filter expression inside the { } of 'service()' at column 12, found "}""#,
        ),
        (
            r#"edge("a")"#,
            8,
            ")",
            r#"expected ',' and the destination service after the edge's source at column 9, found ")""#,
        ),
        (
            r#"service(id(name: "a", name: "b"))"#,
            22,
            "name",
            r#"expected each of name:, type: and account.id: at most once inside 'id(' at column 23, found "name""#,
        ),
        (
            "service(id())",
            11,
            ")",
            r#"expected name:, type: or account.id: inside 'id(' at column 12, found ")""#,
        ),
        (
            r#"group.name != "g""#,
            11,
            "!=",
            r#"expected '=' after 'group.name' at column 12, found "!=""#,
        ),
        (
            "rootcause.json = #[{]",
            17,
            "#[{]",
            r#"expected '#' followed by a JSON array at column 18, found invalid JSON (key must be a string at line 1 column 3)"#,
        ),
        (
            "rootcause.responsetime.exception",
            0,
            "rootcause.responsetime.exception",
            r#"expected exception only after rootcause.fault or rootcause.error at column 1, found "rootcause.responsetime.exception""#,
        ),
        (
            "http.status = 1e3",
            15,
            "e3",
            r#"expected a keyword (ok, error, fault, throttle, responsetime, duration, http.status, http.url, http.method, user, annotation.KEY, service(), edge(), group.name, rootcause.…) at column 16, found "e3""#,
        ),
        (
            "http.status = 1e999999",
            15,
            "e999999",
            r#"expected a keyword (ok, error, fault, throttle, responsetime, duration, http.status, http.url, http.method, user, annotation.KEY, service(), edge(), group.name, rootcause.…) at column 16, found "e999999""#,
        ),
    ];
    for (input, offset, underlined, message) in cases {
        check(input, offset, underlined, message);
    }
}

#[test]
fn unknown_words_are_named() {
    let cases = [
        (
            "latency > 5",
            0,
            "latency",
            r#"expected a keyword (ok, error, fault, throttle, responsetime, duration, http.status, http.url, http.method, user, annotation.KEY, service(), edge(), group.name, rootcause.…) at column 1, found "latency""#,
        ),
        (
            "rootcause.fault.stack",
            0,
            "rootcause.fault.stack",
            r#"expected rootcause.{fault|error|responsetime}.{service|entity|exception|coverage} or rootcause.json at column 1, found "rootcause.fault.stack""#,
        ),
        (
            r#"id(name: "a")"#,
            0,
            "id",
            r#"expected a filter term (id(…) only names a service inside service(…) or edge(…)) at column 1, found "id""#,
        ),
        (
            "annotation.",
            0,
            "annotation.",
            r#"expected an annotation key of letters, digits and '_' after 'annotation.' at column 1, found "annotation.""#,
        ),
        (
            "annotation.a.b",
            0,
            "annotation.a.b",
            r#"expected an annotation key of letters, digits and '_' after 'annotation.' at column 1, found "annotation.a.b""#,
        ),
        // Two typos in AWS's own examples: an unquoted value and a missing '}'.
        (
            r#"rootcause.fault.service { inferred and name = traces }"#,
            46,
            "traces",
            r#"expected a double-quoted string after 'name =' at column 47, found "traces""#,
        ),
        (
            r#"rootcause.fault.exception { last and message = "Denied" "#,
            56,
            "",
            "expected '}' to close the '{' of 'rootcause.fault.exception' at column 57, found end of input",
        ),
        // Columns count characters, offsets bytes.
        (
            "ok é",
            3,
            "é",
            r#"expected a filter term (a keyword such as ok, responsetime, http.url, annotation.KEY or service(), '!' or '(') at column 4, found the character "é""#,
        ),
        (
            r#"user = "é" fast"#,
            12,
            "fast",
            r#"expected a keyword (ok, error, fault, throttle, responsetime, duration, http.status, http.url, http.method, user, annotation.KEY, service(), edge(), group.name, rootcause.…) at column 12, found "fast""#,
        ),
    ];
    for (input, offset, underlined, message) in cases {
        check(input, offset, underlined, message);
    }
}

#[test]
fn keywords_outside_their_documented_context_are_refused() {
    let cases = [
        (
            r#"service("a") { annotation.x = 1 }"#,
            15,
            "annotation.x",
            "expected a keyword that applies here at column 16, found 'annotation.x': annotation.* cannot be used inside service(), edge() or rootcause.* { }",
        ),
        (
            r#"edge("a", "b") { annotation.x }"#,
            17,
            "annotation.x",
            "expected a keyword that applies here at column 18, found 'annotation.x': annotation.* cannot be used inside service(), edge() or rootcause.* { }",
        ),
        (
            "first",
            0,
            "first",
            "expected a keyword that applies here at column 1, found 'first': first only applies inside rootcause.* { }",
        ),
        (
            "service() { index > 1 }",
            12,
            "index",
            "expected a keyword that applies here at column 13, found 'index': index only applies inside rootcause.* { }",
        ),
        (
            "rootcause.fault.entity { coverage > 0.5 }",
            25,
            "coverage",
            "expected a keyword that applies here at column 26, found 'coverage': coverage only applies inside rootcause.responsetime.* { }",
        ),
        (
            "service() { service() }",
            12,
            "service",
            "expected a keyword that applies here at column 13, found 'service': service cannot be used inside another keyword's { } filter",
        ),
        (
            r#"rootcause.fault.service { group.name = "g" }"#,
            26,
            "group.name",
            "expected a keyword that applies here at column 27, found 'group.name': group.name cannot be used inside another keyword's { } filter",
        ),
    ];
    for (input, offset, underlined, message) in cases {
        check(input, offset, underlined, message);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let parens = format!("{}ok{}", "(".repeat(5_000), ")".repeat(5_000));
    check(
        &parens,
        64,
        "(",
        r#"expected at most 64 nested levels of '(', '!' and '{' at column 65, found "(" opening level 65"#,
    );
    let bangs = format!("{}ok", "!".repeat(5_000));
    check(
        &bangs,
        64,
        "!",
        r#"expected at most 64 nested levels of '(', '!' and '{' at column 65, found "!" opening level 65"#,
    );
    let unclosed = "(".repeat(5_000);
    check(
        &unclosed,
        64,
        "(",
        r#"expected at most 64 nested levels of '(', '!' and '{' at column 65, found "(" opening level 65"#,
    );
}

#[test]
fn nesting_up_to_the_limit_parses() {
    let deepest = format!("{}ok{}", "(".repeat(64), ")".repeat(64));
    assert_eq!(
        parse(&deepest).expect("64 levels are allowed").to_string(),
        "ok"
    );
    let bodies = format!("{}ok", "!".repeat(63));
    assert!(
        parse(&format!("service() {{ {bodies} }}")).is_ok(),
        "63 '!' inside one body is 64 levels"
    );
}
