//! Evaluation of a filter expression (the `shared::filter` AST) against something with fields: a
//! trace at the top level, one service hit inside `service(){…}`/`edge(){…}`, a root-cause
//! service, entity or exception inside `rootcause.*{…}`. Each of those is a [`Subject`].
//!
//! Multi-valued string fields (a trace's users, resource ARNs) match when any value does, and
//! `!=` means "no value equals". A number keyword on a subject without that number is false,
//! whatever the operator.

use shared::filter::{AnyOp, BoolKeyword, Expr, NumKeyword, NumOp, StrKeyword, StrOp, Test, Value};

use super::digest::Annotation;

pub(crate) trait Subject {
    fn flag(&self, kw: BoolKeyword) -> bool;
    fn number(&self, kw: NumKeyword) -> Option<f64>;
    fn strings(&self, kw: StrKeyword) -> Vec<&str>;
    /// `annotation.KEY [op value]`: only traces have annotations.
    fn annotation(&self, _key: &str, _cond: Option<&(AnyOp, Value)>) -> bool {
        false
    }
    /// `service()`, `edge()`, `rootcause.*`: only traces answer them.
    fn complex(&self, _expr: &Expr) -> bool {
        false
    }
}

pub(crate) fn eval(expr: &Expr, subject: &dyn Subject) -> bool {
    match expr {
        Expr::Or(items) => items.iter().any(|e| eval(e, subject)),
        Expr::And(items) => items.iter().all(|e| eval(e, subject)),
        Expr::Not(inner) => !eval(inner, subject),
        Expr::Test(test) => eval_test(test, subject),
        complex => subject.complex(complex),
    }
}

fn eval_test(test: &Test, subject: &dyn Subject) -> bool {
    match test {
        Test::Bool { kw, value } => subject.flag(*kw) == *value,
        Test::Num { kw, op, value } => subject
            .number(*kw)
            .is_some_and(|n| compare_numbers(*op, n, *value)),
        Test::Str { kw, op } => strings_match(op.as_ref(), &subject.strings(*kw)),
        Test::Annotation { key, cond } => subject.annotation(key, cond.as_ref()),
    }
}

pub(crate) fn compare_numbers(op: NumOp, left: f64, right: f64) -> bool {
    match op {
        NumOp::Eq => left == right,
        NumOp::Ne => left != right,
        NumOp::Lt => left < right,
        NumOp::Le => left <= right,
        NumOp::Gt => left > right,
        NumOp::Ge => left >= right,
    }
}

pub(crate) fn compare_strings(op: StrOp, left: &str, right: &str) -> bool {
    match op {
        StrOp::Eq => left == right,
        StrOp::Ne => left != right,
        StrOp::Contains => left.contains(right),
        StrOp::BeginsWith => left.starts_with(right),
        StrOp::EndsWith => left.ends_with(right),
    }
}

/// A bare keyword tests that some value is set; `!=` that no value equals.
fn strings_match(op: Option<&(StrOp, String)>, values: &[&str]) -> bool {
    match op {
        None => values.iter().any(|v| !v.is_empty()),
        Some((StrOp::Ne, wanted)) => !values.iter().any(|v| v == wanted),
        Some((op, wanted)) => values.iter().any(|v| compare_strings(*op, v, wanted)),
    }
}

/// One annotation value against `annotation.KEY op value`; values of another type never match.
pub(crate) fn annotation_matches(actual: &Annotation, op: AnyOp, wanted: &Value) -> bool {
    match (actual, wanted) {
        (Annotation::Number(a), Value::Number(w)) => {
            op.as_num_op().is_some_and(|op| compare_numbers(op, *a, *w))
        }
        (Annotation::String(a), Value::String(w)) => {
            op.as_str_op().is_some_and(|op| compare_strings(op, a, w))
        }
        (Annotation::Bool(a), Value::Bool(w)) => match op {
            AnyOp::Eq => a == w,
            AnyOp::Ne => a != w,
            _ => false,
        },
        _ => false,
    }
}
