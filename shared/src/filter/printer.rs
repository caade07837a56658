//! The canonical text of an expression: keywords in lower case, operators in upper case, one space
//! around operators, strings in double quotes, and parentheses only where the structure needs
//! them. Numbers use Rust's shortest round-trip formatting, which never uses an exponent, so they
//! parse back to the same `f64`.

use std::fmt::{self, Display, Formatter};

use super::ast::{Expr, ServiceId, ServiceSelector, Test, Value};

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Or(items) => join(f, items, " OR ", |item| matches!(item, Expr::Or(_))),
            // An OR inside an AND needs parentheses: AND binds tighter.
            Expr::And(items) => join(f, items, " AND ", |item| {
                matches!(item, Expr::Or(_) | Expr::And(_))
            }),
            Expr::Not(inner) => match **inner {
                Expr::Or(_) | Expr::And(_) => write!(f, "!({inner})"),
                _ => write!(f, "!{inner}"),
            },
            Expr::Test(test) => test.fmt(f),
            Expr::Service { selector, body } => {
                f.write_str("service(")?;
                if let Some(selector) = selector {
                    selector.fmt(f)?;
                }
                f.write_str(")")?;
                write_body(f, body.as_deref())
            }
            Expr::Edge {
                source,
                destination,
                body,
            } => {
                write!(f, "edge({source}, {destination})")?;
                write_body(f, body.as_deref())
            }
            Expr::Group { by, value } => write!(f, "{by} = \"{value}\""),
            Expr::RootCause { kind, target, body } => {
                write!(f, "rootcause.{kind}.{target}")?;
                write_body(f, body.as_deref())
            }
            Expr::RootCauseJson(json) => write!(f, "rootcause.json = #{json}"),
        }
    }
}

/// Writes `items` separated by `separator`, parenthesizing those `needs_parens` accepts.
fn join(
    f: &mut Formatter<'_>,
    items: &[Expr],
    separator: &str,
    needs_parens: impl Fn(&Expr) -> bool,
) -> fmt::Result {
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            f.write_str(separator)?;
        }
        if needs_parens(item) {
            write!(f, "({item})")?;
        } else {
            item.fmt(f)?;
        }
    }
    Ok(())
}

fn write_body(f: &mut Formatter<'_>, body: Option<&Expr>) -> fmt::Result {
    match body {
        Some(body) => write!(f, " {{ {body} }}"),
        None => Ok(()),
    }
}

impl Display for Test {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Test::Bool { kw, value: true } => write!(f, "{kw}"),
            Test::Bool { kw, value: false } => write!(f, "{kw} = false"),
            Test::Num { kw, op, value } => write!(f, "{kw} {op} {value}"),
            Test::Str { kw, op: None } => write!(f, "{kw}"),
            Test::Str {
                kw,
                op: Some((op, value)),
            } => write!(f, "{kw} {op} \"{value}\""),
            Test::Annotation { key, cond: None } => write!(f, "annotation.{key}"),
            Test::Annotation {
                key,
                cond: Some((op, value)),
            } => {
                write!(f, "annotation.{key} {op} {value}")
            }
        }
    }
}

impl Display for Value {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(number) => write!(f, "{number}"),
            Value::String(text) => write!(f, "\"{text}\""),
            Value::Bool(value) => write!(f, "{value}"),
        }
    }
}

impl Display for ServiceSelector {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ServiceSelector::Name(name) => write!(f, "\"{name}\""),
            ServiceSelector::Id(id) => id.fmt(f),
        }
    }
}

impl Display for ServiceId {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let fields = [
            ("name", &self.name),
            ("type", &self.kind),
            ("account.id", &self.account_id),
        ];
        let mut separator = "";
        f.write_str("id(")?;
        for (label, value) in fields {
            if let Some(value) = value {
                write!(f, "{separator}{label}: \"{value}\"")?;
                separator = ", ";
            }
        }
        f.write_str(")")
    }
}
