//! Before evaluating, an expression is checked for what the emulator cannot answer faithfully —
//! refused with InvalidRequestException rather than answered wrongly — and `group.name`/`group.arn`
//! are replaced by the group's own expression.
//!
//! Not supported: `rootcause.responsetime.*` and `coverage` (no response-time root causes are
//! computed), `rootcause.json`, and `first`/`last`/`index` (root-cause list positions).

use shared::filter::{BoolKeyword, Expr, GroupBy, NumKeyword, RootCauseKind, Test};

use crate::protocol::{AwsError, AwsResult};

/// How deep groups may refer to groups (`group.name = "a"` inside group a's filter, …).
const MAX_GROUP_NESTING: usize = 4;

/// Looks a group up: `Ok(Some(expr))` for a group with a filter, `Ok(None)` for one without
/// (it matches every trace).
pub(crate) type GroupLookup<'a> = dyn Fn(GroupBy, &str) -> AwsResult<Option<Expr>> + 'a;

pub(crate) fn prepare(expr: Expr, groups: &GroupLookup<'_>) -> AwsResult<Expr> {
    prepare_at(expr, groups, 0)
}

fn prepare_at(expr: Expr, groups: &GroupLookup<'_>, nesting: usize) -> AwsResult<Expr> {
    let again = |e: Expr| prepare_at(e, groups, nesting);
    let boxed = |b: Option<Box<Expr>>| -> AwsResult<Option<Box<Expr>>> {
        b.map(|e| again(*e).map(Box::new)).transpose()
    };
    Ok(match expr {
        Expr::Or(items) => Expr::Or(items.into_iter().map(again).collect::<AwsResult<_>>()?),
        Expr::And(items) => Expr::And(items.into_iter().map(again).collect::<AwsResult<_>>()?),
        Expr::Not(inner) => Expr::Not(Box::new(again(*inner)?)),
        Expr::Test(test) => Expr::Test(check_test(test)?),
        Expr::Service { selector, body } => Expr::Service {
            selector,
            body: boxed(body)?,
        },
        Expr::Edge {
            source,
            destination,
            body,
        } => Expr::Edge {
            source,
            destination,
            body: boxed(body)?,
        },
        Expr::RootCause {
            kind: RootCauseKind::ResponseTime,
            ..
        } => {
            return Err(unsupported("rootcause.responsetime.*"));
        }
        Expr::RootCause { kind, target, body } => Expr::RootCause {
            kind,
            target,
            body: boxed(body)?,
        },
        Expr::RootCauseJson(_) => return Err(unsupported("rootcause.json")),
        Expr::Group { by, value } => {
            if nesting >= MAX_GROUP_NESTING {
                return Err(AwsError::invalid_request(format!(
                    "{by} = \"{value}\": groups refer to each other more than {MAX_GROUP_NESTING} levels deep"
                )));
            }
            match groups(by, &value)? {
                Some(group_expr) => prepare_at(group_expr, groups, nesting + 1)?,
                None => everything(),
            }
        }
    })
}

fn check_test(test: Test) -> AwsResult<Test> {
    match &test {
        Test::Bool {
            kw: kw @ (BoolKeyword::First | BoolKeyword::Last),
            ..
        } => Err(unsupported(kw.as_str())),
        Test::Num {
            kw: kw @ (NumKeyword::Index | NumKeyword::Coverage),
            ..
        } => Err(unsupported(kw.as_str())),
        _ => Ok(test),
    }
}

/// An expression every trace with at least one service matches: what a group without a filter
/// stands for.
fn everything() -> Expr {
    Expr::Service {
        selector: None,
        body: None,
    }
}

fn unsupported(what: &str) -> AwsError {
    AwsError::invalid_request(format!(
        "The emulator does not support `{what}` in filter expressions (no response-time root causes or root-cause positions are computed); remove it or run against AWS"
    ))
}

/// Parses and prepares a FilterExpression as sent; the parser's message is passed on as is.
pub(crate) fn parse_filter(text: &str, groups: &GroupLookup<'_>) -> AwsResult<Option<Expr>> {
    let parsed = shared::filter::parse_optional(text)
        .map_err(|e| AwsError::invalid_request(format!("Invalid FilterExpression: {e}")))?;
    parsed.map(|expr| prepare(expr, groups)).transpose()
}
