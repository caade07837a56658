//! Parsing and printing a ~2 KB filter expression (the size a generated console query reaches).
//! Run with `cargo bench -p shared --bench filter`.

use shared::filter::{Expr, parse};

fn main() {
    divan::main();
}

/// About 2 KB of realistic clauses: refiners, services, edges, root causes and annotations.
fn large_expression() -> String {
    let clauses = [
        r#"(http.status >= 500 AND http.status < 600)"#,
        r#"(http.method = "GET" OR http.method = "POST" OR http.method = "PUT")"#,
        r#"http.url CONTAINS "/api/movies/" AND responsetime >= 0.25 AND duration <= 12.5"#,
        r#"service(id(name: "movies_app", type: "AWS::AppRunner::Service")) { fault OR responsetime > 2 }"#,
        r#"edge("movies_app", "movies-app") { error OR throttle }"#,
        r#"!service("payments.example.com") AND annotation.tenant = "acme" AND annotation.retries > 2"#,
        r#"rootcause.fault.entity { last AND name = "deserialize" } AND user BEGINSWITH "team-""#,
    ];
    let mut text = String::new();
    let mut index = 0;
    while text.len() < 2_000 {
        if !text.is_empty() {
            text.push_str(if index % 3 == 0 { " OR " } else { " AND " });
        }
        text.push_str(clauses[index % clauses.len()]);
        index += 1;
    }
    text
}

#[divan::bench]
fn parse_2kb(bencher: divan::Bencher) {
    let text = large_expression();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| parse(divan::black_box(&text)));
}

#[divan::bench]
fn print_2kb(bencher: divan::Bencher) {
    let expr: Expr = parse(&large_expression()).expect("the benchmark's expression is valid");
    bencher.bench(|| divan::black_box(&expr).to_string());
}
