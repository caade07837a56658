//! Values and expressions. A field a row does not have is absent, and any comparison with an
//! absent value is false (so `not (x = 1)` holds for a row without `x`); numbers compare as
//! numbers (integers exactly: nanosecond times do not fit a double), strings as strings, and a
//! string that reads as a number compares with a number as that number.

use std::cmp::Ordering;

use super::ast::{ArithOp, CmpOp, Expr, Func, Pattern};

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum V {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl V {
    /// How the value reads in a result row (every value is a string there).
    pub fn text(&self) -> String {
        match self {
            V::Str(text) => text.clone(),
            V::Int(n) => n.to_string(),
            V::Float(f) => f.to_string(),
            V::Bool(b) => b.to_string(),
        }
    }

    fn number(&self) -> Option<f64> {
        match self {
            V::Int(n) => Some(*n as f64),
            V::Float(f) => Some(*f),
            V::Str(text) => text.trim().parse().ok(),
            V::Bool(_) => None,
        }
    }

    /// Orders two values of comparable kinds; `None` when they do not compare.
    pub fn compare(&self, other: &V) -> Option<Ordering> {
        match (self, other) {
            (V::Int(a), V::Int(b)) => Some(a.cmp(b)),
            (V::Str(a), V::Str(b)) => Some(a.cmp(b)),
            (V::Bool(a), V::Bool(b)) => Some(a.cmp(b)),
            (V::Bool(_), _) | (_, V::Bool(_)) => None,
            (a, b) => a.number()?.partial_cmp(&b.number()?),
        }
    }
}

/// Where an expression reads its fields from.
pub(crate) trait Fields {
    fn get(&self, name: &str) -> Option<V>;
}

/// Whether a `filter` keeps the row.
pub(crate) fn holds(expr: &Expr, row: &dyn Fields) -> bool {
    matches!(eval(expr, row), Some(V::Bool(true)))
}

pub(crate) fn eval(expr: &Expr, row: &dyn Fields) -> Option<V> {
    match expr {
        Expr::Field(name) => row.get(name),
        Expr::Str(text) => Some(V::Str(text.clone())),
        Expr::Int(n) => Some(V::Int(*n)),
        Expr::Num(n) => Some(number(*n)),
        Expr::Not(inner) => Some(V::Bool(!holds(inner, row))),
        Expr::And(a, b) => Some(V::Bool(holds(a, row) && holds(b, row))),
        Expr::Or(a, b) => Some(V::Bool(holds(a, row) || holds(b, row))),
        Expr::Cmp(op, a, b) => Some(V::Bool(compare(*op, eval(a, row), eval(b, row)))),
        Expr::Arith(op, a, b) => arith(*op, eval(a, row)?, eval(b, row)?),
        Expr::Neg(inner) => match eval(inner, row)? {
            V::Int(n) => Some(V::Int(n.checked_neg()?)),
            other => Some(V::Float(-other.number()?)),
        },
        Expr::Like {
            value,
            pattern,
            negated,
        } => {
            let matched = eval(value, row).is_some_and(|v| {
                let text = v.text();
                match pattern {
                    Pattern::Text(wanted) => text.contains(wanted.as_str()),
                    Pattern::Regex(regex) => regex.is_match(&text),
                }
            });
            Some(V::Bool(matched != *negated))
        }
        Expr::In {
            value,
            list,
            negated,
        } => {
            let value = eval(value, row);
            let found = list
                .iter()
                .any(|item| compare(CmpOp::Eq, value.clone(), eval(item, row)));
            Some(V::Bool(found != *negated))
        }
        Expr::Call(func, args) => call(*func, args, row),
    }
}

/// A literal number: an integer when it is one, so it compares exactly with integer fields.
fn number(n: f64) -> V {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        V::Int(n as i64)
    } else {
        V::Float(n)
    }
}

fn compare(op: CmpOp, a: Option<V>, b: Option<V>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let Some(order) = a.compare(&b) else {
        // Values of kinds that do not order still differ.
        return op == CmpOp::Ne && a.text() != b.text();
    };
    match op {
        CmpOp::Eq => order == Ordering::Equal,
        CmpOp::Ne => order != Ordering::Equal,
        CmpOp::Lt => order == Ordering::Less,
        CmpOp::Le => order != Ordering::Greater,
        CmpOp::Gt => order == Ordering::Greater,
        CmpOp::Ge => order != Ordering::Less,
    }
}

fn arith(op: ArithOp, a: V, b: V) -> Option<V> {
    if let (V::Int(x), V::Int(y)) = (&a, &b) {
        let exact = match op {
            ArithOp::Add => x.checked_add(*y),
            ArithOp::Sub => x.checked_sub(*y),
            ArithOp::Mul => x.checked_mul(*y),
            ArithOp::Rem => x.checked_rem(*y),
            ArithOp::Div => None,
        };
        if let Some(n) = exact {
            return Some(V::Int(n));
        }
    }
    let (x, y) = (a.number()?, b.number()?);
    let result = match op {
        ArithOp::Add => x + y,
        ArithOp::Sub => x - y,
        ArithOp::Mul => x * y,
        ArithOp::Div => x / y,
        ArithOp::Rem => x % y,
    };
    result.is_finite().then_some(V::Float(result))
}

fn call(func: Func, args: &[Expr], row: &dyn Fields) -> Option<V> {
    let first = || args.first().and_then(|a| eval(a, row));
    match func {
        Func::IsPresent => Some(V::Bool(first().is_some())),
        Func::Coalesce => args.iter().find_map(|a| eval(a, row)),
        Func::Concat => Some(V::Str(
            args.iter()
                .filter_map(|a| eval(a, row))
                .map(|v| v.text())
                .collect(),
        )),
        Func::StrLen => Some(V::Int(i64::try_from(first()?.text().chars().count()).ok()?)),
        Func::ToLower => Some(V::Str(first()?.text().to_lowercase())),
        Func::ToUpper => Some(V::Str(first()?.text().to_uppercase())),
        Func::IsEmpty => Some(V::Bool(first().is_none_or(|v| v.text().is_empty()))),
        Func::IsBlank => Some(V::Bool(first().is_none_or(|v| v.text().trim().is_empty()))),
        Func::Abs => match first()? {
            V::Int(n) => n.checked_abs().map(V::Int),
            other => Some(V::Float(other.number()?.abs())),
        },
        Func::Floor => Some(number(first()?.number()?.floor())),
        Func::Ceil => Some(number(first()?.number()?.ceil())),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::logs::insights::ast::Command;
    use crate::logs::insights::parser::parse;

    struct Row(HashMap<&'static str, V>);

    impl Fields for Row {
        fn get(&self, name: &str) -> Option<V> {
            self.0.get(name).cloned()
        }
    }

    fn filter(text: &str) -> Expr {
        let query = parse(&format!("filter {text}")).expect("parses");
        match query.commands.into_iter().next() {
            Some(Command::Filter(expr)) => expr,
            other => panic!("not a filter: {other:?}"),
        }
    }

    #[test]
    fn check_filters() {
        let row = Row(HashMap::from([
            ("status", V::Int(503)),
            ("nanos", V::Int(1_776_929_864_011_990_383)),
            ("method", V::Str("GET".into())),
            ("url", V::Str("https://shop/cart?x=1".into())),
            ("ratio", V::Float(0.25)),
            ("text_number", V::Str("12".into())),
        ]));
        let check =
            |text: &str, expect: bool| assert_eq!(holds(&filter(text), &row), expect, "{text}");
        check("status >= 500 and status <= 599", true);
        check("status = 503 and method = \"GET\"", true);
        check("not (status = 200)", true);
        check("missing = 1", false);
        check("missing != 1", false);
        check("not (missing = 1)", true);
        check("not ispresent(missing) and ispresent(status)", true);
        check("nanos > 1776929864011990382", true);
        check("nanos > 1776929864011990383", false);
        check("url like \"/cart\"", true);
        check("url like /^https:\\/\\/shop/", true);
        check("url not like /^http:/", true);
        check("method in [\"PUT\", \"GET\"]", true);
        check("method not in [\"PUT\"]", true);
        check("coalesce(missing, status) = 503", true);
        check("ratio * 4 = 1", true);
        check("text_number > 5", true);
        check("status = \"503\"", true);
        check("strlen(method) = 3 or missing > 0", true);
        check("isempty(missing) and not isblank(method)", true);
        check("status % 100 = 3 and -status < 0", true);
    }
}
