//! Reads refiners back from an expression, so editing the raw expression box updates the refiner
//! controls. Only the shapes `Refiners::to_expr` writes (in any order, with `!flag` accepted for
//! `flag = false`) are understood; anything else means the box holds more than the refiners can
//! show, and the UI keeps only the raw text.

use super::ast::{Expr, Test};
use super::keywords::{BoolKeyword, NumKeyword, NumOp, StrKeyword, StrOp};
use super::refiners::{AnnotationRefiner, Refiners, StatusRefiner};

impl Refiners {
    /// The refiners that `expr` is made of, or `None` if it holds anything they cannot express
    /// (including the same refiner twice).
    pub fn from_expr(expr: &Expr) -> Option<Refiners> {
        let terms = match expr {
            Expr::And(items) => items.as_slice(),
            single => std::slice::from_ref(single),
        };
        let mut refiners = Refiners::default();
        let mut status = Vec::new();
        for term in terms {
            if let Some((op, code)) = status_term(term) {
                status.push((op, code));
            } else if !refiners.absorb(term) {
                return None;
            }
        }
        refiners.http_status = status_refiner(&status)?;
        Some(refiners)
    }

    /// Stores `term` in its field; false if it fits none or the field is already set.
    fn absorb(&mut self, term: &Expr) -> bool {
        match term {
            Expr::Or(items) => self.set_methods(methods(items)),
            Expr::Not(inner) => match &**inner {
                Expr::Test(Test::Bool { kw, value }) => self.set_flag(*kw, !value),
                _ => false,
            },
            Expr::Service {
                selector: Some(selector),
                body: None,
            } => set(&mut self.service, Some(selector.clone())),
            Expr::Test(test) => self.absorb_test(test),
            _ => false,
        }
    }

    fn absorb_test(&mut self, test: &Test) -> bool {
        match test {
            Test::Bool { kw, value } => self.set_flag(*kw, *value),
            Test::Str {
                kw,
                op: Some((op, value)),
            } => {
                let value = Some(value.clone());
                match (kw, op) {
                    (StrKeyword::HttpMethod, StrOp::Eq) => {
                        self.set_methods(value.map(|method| vec![method]))
                    }
                    (StrKeyword::HttpUrl, StrOp::Contains) => set(&mut self.url_contains, value),
                    (StrKeyword::User, StrOp::Eq) => set(&mut self.user, value),
                    _ => false,
                }
            }
            Test::Num { kw, op, value } => {
                let slot = match (kw, op) {
                    (NumKeyword::ResponseTime, NumOp::Ge) => &mut self.response_time_min,
                    (NumKeyword::ResponseTime, NumOp::Le) => &mut self.response_time_max,
                    (NumKeyword::Duration, NumOp::Ge) => &mut self.duration_min,
                    (NumKeyword::Duration, NumOp::Le) => &mut self.duration_max,
                    _ => return false,
                };
                *value >= 0.0 && set(slot, Some(*value))
            }
            Test::Annotation { key, cond } => {
                let annotation = AnnotationRefiner {
                    key: key.clone(),
                    cond: cond.clone(),
                };
                set(&mut self.annotation, Some(annotation))
            }
            Test::Str { op: None, .. } => false,
        }
    }

    fn set_flag(&mut self, kw: BoolKeyword, value: bool) -> bool {
        let slot = match kw {
            BoolKeyword::Ok => &mut self.ok,
            BoolKeyword::Error => &mut self.error,
            BoolKeyword::Fault => &mut self.fault,
            BoolKeyword::Throttle => &mut self.throttle,
            _ => return false,
        };
        set(slot, Some(value))
    }

    fn set_methods(&mut self, methods: Option<Vec<String>>) -> bool {
        match methods {
            Some(methods) if self.methods.is_empty() && !methods.is_empty() => {
                self.methods = methods;
                true
            }
            _ => false,
        }
    }
}

/// Fills an empty `slot` with `value`; false when there is no value or the slot is taken.
fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    match value {
        Some(value) if slot.is_none() => {
            *slot = Some(value);
            true
        }
        _ => false,
    }
}

/// `http.method = "A" OR http.method = "B" …` as its methods.
fn methods(items: &[Expr]) -> Option<Vec<String>> {
    items
        .iter()
        .map(|item| match item {
            Expr::Test(Test::Str {
                kw: StrKeyword::HttpMethod,
                op: Some((StrOp::Eq, method)),
            }) => Some(method.clone()),
            _ => None,
        })
        .collect()
}

fn status_term(term: &Expr) -> Option<(NumOp, f64)> {
    match term {
        Expr::Test(Test::Num {
            kw: NumKeyword::HttpStatus,
            op,
            value,
        }) => Some((*op, *value)),
        _ => None,
    }
}

/// `= code` is an exact status; `>= c00` with `< (c+1)00` is a class.
fn status_refiner(terms: &[(NumOp, f64)]) -> Option<Option<StatusRefiner>> {
    let code = |value: f64| {
        (value.fract() == 0.0 && (100.0..=599.0).contains(&value)).then_some(value as u16)
    };
    match terms {
        [] => Some(None),
        [(NumOp::Eq, value)] => code(*value).map(|code| Some(StatusRefiner::Exact(code))),
        [(NumOp::Ge, low), (NumOp::Lt, high)] | [(NumOp::Lt, high), (NumOp::Ge, low)] => {
            let class = code(*low).filter(|low| low % 100 == 0)? / 100;
            (*high == f64::from(class * 100 + 100))
                .then_some(Some(StatusRefiner::Class(class as u8)))
        }
        _ => None,
    }
}
