//! Which nodes `service(…)`, `edge(…)` and `id(…)` refer to, in filter expressions and in
//! GetTimeSeriesServiceStatistics' `EntitySelectorExpression`.

use shared::filter::{Expr, ServiceSelector};

use super::view::NodeKey;
use crate::protocol::{AwsError, AwsResult};

pub(crate) fn selects(selector: &ServiceSelector, node: &NodeKey, account_id: &str) -> bool {
    match selector {
        ServiceSelector::Name(name) => node.name == *name,
        ServiceSelector::Id(id) => {
            id.name.as_ref().is_none_or(|n| *n == node.name)
                && id.kind.as_ref().is_none_or(|k| *k == node.kind)
                && id.account_id.as_ref().is_none_or(|a| a == account_id)
        }
    }
}

/// What a time series is about.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Entity {
    /// No selector: every edge.
    AllEdges,
    Service(ServiceSelector),
    Edge(ServiceSelector, ServiceSelector),
}

/// Parses `service("name")`, `id(name: "…", type: "…")` or `edge("a", "b")` with the filter
/// parser (an `id(…)` alone is read as `service(id(…))`).
pub(crate) fn parse_entity(expression: Option<&str>) -> AwsResult<Entity> {
    let Some(text) = expression.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(Entity::AllEdges);
    };
    if text.len() > 500 {
        return Err(AwsError::invalid_request(
            "EntitySelectorExpression is longer than 500 characters",
        ));
    }
    let wrapped;
    let source = if text.to_ascii_lowercase().starts_with("id(") {
        wrapped = format!("service({text})");
        &wrapped
    } else {
        text
    };
    let parsed = shared::filter::parse(source)
        .map_err(|e| AwsError::invalid_request(format!("EntitySelectorExpression: {e}")))?;
    match parsed {
        Expr::Service {
            selector: Some(selector),
            body: None,
        } => Ok(Entity::Service(selector)),
        Expr::Edge {
            source,
            destination,
            body: None,
        } => Ok(Entity::Edge(source, destination)),
        _ => Err(AwsError::invalid_request(format!(
            "EntitySelectorExpression {text:?} must be service(\"name\"), id(name: \"…\", type: \"…\") or edge(\"a\", \"b\")"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::filter::ServiceId;

    #[test]
    fn check_entities() {
        let check = |text: Option<&str>, expect: Result<Entity, ()>| {
            assert_eq!(parse_entity(text).map_err(|_| ()), expect, "{text:?}");
        };
        let name = |n: &str| ServiceSelector::Name(n.into());
        check(None, Ok(Entity::AllEdges));
        check(Some(r#"service("api")"#), Ok(Entity::Service(name("api"))));
        check(
            Some(r#"edge("a", "b")"#),
            Ok(Entity::Edge(name("a"), name("b"))),
        );
        let id = ServiceId {
            name: Some("api".into()),
            kind: Some("AWS::AppRunner::Service".into()),
            account_id: None,
        };
        check(
            Some(r#"id(name: "api", type: "AWS::AppRunner::Service")"#),
            Ok(Entity::Service(ServiceSelector::Id(id))),
        );
        check(Some("fault"), Err(()));
        check(Some(r#"service("a") { fault }"#), Err(()));
        check(Some("service("), Err(()));
    }

    #[test]
    fn id_selectors_match_every_given_field() {
        let node = NodeKey::new("movies-app", "AWS::DynamoDB::Table");
        let id = |name: Option<&str>, kind: Option<&str>| {
            ServiceSelector::Id(ServiceId {
                name: name.map(Into::into),
                kind: kind.map(Into::into),
                account_id: None,
            })
        };
        assert!(selects(&id(Some("movies-app"), None), &node, "1"));
        assert!(selects(&id(None, Some("AWS::DynamoDB::Table")), &node, "1"));
        assert!(!selects(
            &id(Some("movies-app"), Some("AWS::SQS::Queue")),
            &node,
            "1"
        ));
        assert!(selects(
            &ServiceSelector::Name("movies-app".into()),
            &node,
            "1"
        ));
    }
}
