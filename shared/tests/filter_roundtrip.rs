//! Property tests: printing is the inverse of parsing. A generator builds canonical trees (flat
//! AND/OR, keywords only where the documentation allows them); token soup probes the parser.

use proptest::prelude::*;
use shared::filter::{
    AnyOp, BoolKeyword, Expr, GroupBy, NumKeyword, NumOp, RootCauseKind, RootCauseTarget,
    ServiceId, ServiceSelector, StrKeyword, StrOp, Test, Value, parse,
};

/// The contexts the generator builds expressions for; mirrors the parser's rules.
#[derive(Clone, Copy, Debug)]
enum Scope {
    Trace,
    Service,
    RootCause(RootCauseKind),
}

fn text() -> impl Strategy<Value = String> {
    "[^\"]{0,8}"
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |n| n.is_finite()),
        (-1000i32..1000).prop_map(f64::from)
    ]
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn bool_test(scope: Scope) -> impl Strategy<Value = Test> {
    let allowed: Vec<BoolKeyword> = BoolKeyword::ALL
        .iter()
        .copied()
        .filter(|kw| {
            let root_cause_only = matches!(
                kw,
                BoolKeyword::First | BoolKeyword::Last | BoolKeyword::Remote
            );
            !root_cause_only || matches!(scope, Scope::RootCause(_))
        })
        .collect();
    (proptest::sample::select(allowed), any::<bool>())
        .prop_map(|(kw, value)| Test::Bool { kw, value })
}

fn num_test(scope: Scope) -> impl Strategy<Value = Test> {
    let allowed: Vec<NumKeyword> = NumKeyword::ALL
        .iter()
        .copied()
        .filter(|kw| match kw {
            NumKeyword::Index => matches!(scope, Scope::RootCause(_)),
            NumKeyword::Coverage => matches!(scope, Scope::RootCause(RootCauseKind::ResponseTime)),
            _ => true,
        })
        .collect();
    (
        proptest::sample::select(allowed),
        pick(NumOp::ALL),
        finite(),
    )
        .prop_map(|(kw, op, value)| Test::Num { kw, op, value })
}

fn str_test() -> impl Strategy<Value = Test> {
    (
        pick(StrKeyword::ALL),
        proptest::option::of((pick(StrOp::ALL), text())),
    )
        .prop_map(|(kw, op)| Test::Str { kw, op })
}

fn annotation_test() -> impl Strategy<Value = Test> {
    let cond = pick(AnyOp::ALL).prop_flat_map(|op| {
        let value = match (op.as_num_op(), op.as_str_op()) {
            (Some(_), None) => finite().prop_map(Value::Number).boxed(),
            (None, Some(_)) => text().prop_map(Value::String).boxed(),
            _ => prop_oneof![
                finite().prop_map(Value::Number),
                text().prop_map(Value::String),
                any::<bool>().prop_map(Value::Bool)
            ]
            .boxed(),
        };
        value.prop_map(move |value| (op, value))
    });
    ("[A-Za-z0-9_]{1,8}", proptest::option::of(cond))
        .prop_map(|(key, cond)| Test::Annotation { key, cond })
}

fn tests(scope: Scope) -> BoxedStrategy<Expr> {
    let mut options = vec![
        bool_test(scope).boxed(),
        num_test(scope).boxed(),
        str_test().boxed(),
    ];
    if matches!(scope, Scope::Trace) {
        options.push(annotation_test().boxed());
    }
    proptest::strategy::Union::new(options)
        .prop_map(Expr::Test)
        .boxed()
}

/// AND, OR and `!` over `leaves`, flattened the way the parser builds them.
fn tree(leaves: BoxedStrategy<Expr>) -> BoxedStrategy<Expr> {
    leaves
        .prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 2..4).prop_filter_map("and", Expr::and),
                proptest::collection::vec(inner.clone(), 2..4).prop_filter_map("or", Expr::or),
                inner.prop_map(Expr::negate),
            ]
        })
        .boxed()
}

fn selector() -> impl Strategy<Value = ServiceSelector> {
    let id = (
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(text()),
    )
        .prop_filter("id() needs an argument", |(a, b, c)| {
            a.is_some() || b.is_some() || c.is_some()
        })
        .prop_map(|(name, kind, account_id)| {
            ServiceSelector::Id(ServiceId {
                name,
                kind,
                account_id,
            })
        });
    prop_oneof![text().prop_map(ServiceSelector::Name), id]
}

fn body(scope: Scope) -> impl Strategy<Value = Option<Box<Expr>>> {
    proptest::option::of(tree(tests(scope)).prop_map(Box::new))
}

fn complex() -> BoxedStrategy<Expr> {
    let root_causes = (pick(RootCauseKind::ALL), pick(RootCauseTarget::ALL))
        .prop_filter("existing pair", |(kind, target)| kind.takes(*target))
        .prop_flat_map(|(kind, target)| {
            body(Scope::RootCause(kind)).prop_map(move |body| Expr::RootCause {
                kind,
                target,
                body,
            })
        });
    let json = pick(
        &[
            r#"[]"#,
            r#"[{"Services":[{"Name":"a","EntityPath":[]}]}]"#,
            "[ 1 , 2.50, null ]",
        ][..],
    )
    .prop_map(|json| Expr::RootCauseJson(json.to_owned()));
    prop_oneof![
        (proptest::option::of(selector()), body(Scope::Service))
            .prop_map(|(selector, body)| Expr::Service { selector, body }),
        (selector(), selector(), body(Scope::Service)).prop_map(|(source, destination, body)| {
            Expr::Edge {
                source,
                destination,
                body,
            }
        }),
        (pick(GroupBy::ALL), text()).prop_map(|(by, value)| Expr::Group { by, value }),
        root_causes,
        json,
    ]
    .boxed()
}

fn expression() -> BoxedStrategy<Expr> {
    tree(prop_oneof![3 => tests(Scope::Trace), 1 => complex()].boxed())
}

/// Words and symbols of the language, and some that are not, for token soup.
const TOKENS: &[&str] = &[
    "ok",
    "!",
    "(",
    ")",
    "{",
    "}",
    "AND",
    "or",
    "responsetime",
    ">",
    "<=",
    "=",
    "!=",
    "5",
    "-0.25",
    "\"x\"",
    "\"",
    "http.url",
    "CONTAINS",
    "annotation.k",
    "service",
    "edge",
    ",",
    "id",
    "name",
    ":",
    "true",
    "rootcause.fault.entity",
    "rootcause.json",
    "#[1]",
    "#[",
    "group.name",
    "first",
    "é",
    "&",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn printing_then_parsing_gives_the_same_tree(expr in expression()) {
        let printed = expr.to_string();
        let parsed = parse(&printed);
        prop_assert_eq!(parsed, Ok(expr), "printed as {}", printed);
    }

    #[test]
    fn the_canonical_form_is_a_fixed_point(words in proptest::collection::vec(proptest::sample::select(TOKENS), 1..12)) {
        let input = words.join(" ");
        if let Ok(expr) = parse(&input) {
            let printed = expr.to_string();
            let reparsed = parse(&printed);
            prop_assert_eq!(reparsed.as_ref(), Ok(&expr), "{} printed as {}", input, printed);
            let reprinted = reparsed.map(|expr| expr.to_string());
            prop_assert_eq!(reprinted, Ok(printed));
        }
    }

    #[test]
    fn any_text_parses_or_fails_inside_the_input(input in "\\PC{0,40}") {
        if let Err(error) = parse(&input) {
            prop_assert!(error.offset <= input.len());
            prop_assert!(error.len >= 1);
            prop_assert!(error.column <= input.chars().count() + 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// All-spans search is total: every expression translates, or is refused pointing at the
    /// part of its canonical text that cannot be searched in spans.
    #[test]
    fn every_expression_translates_or_names_its_untranslatable_part(expr in expression()) {
        let printed = expr.to_string();
        match shared::search::translate(Some(&expr), 100) {
            Ok(query) => prop_assert!(query.query.contains("| limit 100")),
            Err(error) => {
                let part = printed.get(error.offset..error.offset + error.len);
                prop_assert_eq!(part, Some(error.part.as_str()), "in {}", printed);
            }
        }
    }
}
