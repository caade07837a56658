//! The "View traces" / "Errors" / "Faults" links of the node panel: canonical filter expressions
//! built as syntax trees and printed by `shared::filter`, so the quoting is always right.

use shared::filter::{BoolKeyword, Expr, ServiceSelector, Test};

use super::selection::Selection;

/// One link: its label and the raw filter expression for `/traces?filter=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceLink {
    pub label: &'static str,
    pub filter: String,
}

/// The three links for a node (by name) or an edge (by its two node names). X-Ray cannot filter
/// by the client node, so callers pass `None` names for it and get no links.
pub fn trace_links(selection: &Selection<String>) -> Vec<TraceLink> {
    let with = |body: Option<BoolKeyword>| {
        let body = body.map(|kw| Box::new(Expr::Test(Test::Bool { kw, value: true })));
        match selection {
            Selection::Node(name) => Expr::Service {
                selector: Some(ServiceSelector::Name(name.clone())),
                body,
            },
            Selection::Edge(source, target) => Expr::Edge {
                source: ServiceSelector::Name(source.clone()),
                destination: ServiceSelector::Name(target.clone()),
                body,
            },
        }
    };
    [
        ("View traces", None),
        ("Errors", Some(BoolKeyword::Error)),
        ("Faults", Some(BoolKeyword::Fault)),
    ]
    .into_iter()
    .map(|(label, body)| TraceLink {
        label,
        filter: with(body).to_string(),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_and_edges_link_to_canonical_filters() {
        let check = |selection: Selection<String>, expect: [&str; 3]| {
            let filters: Vec<String> = trace_links(&selection)
                .into_iter()
                .map(|l| l.filter)
                .collect();
            assert_eq!(filters, expect, "{selection:?}");
            for filter in &filters {
                assert!(
                    shared::filter::parse(filter).is_ok(),
                    "{filter} does not parse"
                );
            }
        };
        check(
            Selection::Node("movies_app".to_owned()),
            [
                r#"service("movies_app")"#,
                r#"service("movies_app") { error }"#,
                r#"service("movies_app") { fault }"#,
            ],
        );
        check(
            Selection::Edge("movies_app".to_owned(), "movies-app".to_owned()),
            [
                r#"edge("movies_app", "movies-app")"#,
                r#"edge("movies_app", "movies-app") { error }"#,
                r#"edge("movies_app", "movies-app") { fault }"#,
            ],
        );
    }
}
