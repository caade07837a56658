//! The console's refiners (status, method, URL, times, flags, service, user, annotation) as a
//! plain struct, turned into a filter expression. `refiners_from.rs` reads one back, so the raw
//! expression box and the refiners stay in sync.

use super::ast::{Expr, ServiceSelector, Test, Value};
use super::keywords::{AnyOp, BoolKeyword, NumKeyword, NumOp, StrKeyword, StrOp};

/// What the UI's refiner controls hold. Every field is optional; set fields are ANDed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refiners {
    pub http_status: Option<StatusRefiner>,
    /// Any of these methods (`http.method = "GET" OR …`); empty means any method.
    pub methods: Vec<String>,
    pub url_contains: Option<String>,
    /// Seconds, inclusive.
    pub response_time_min: Option<f64>,
    pub response_time_max: Option<f64>,
    pub duration_min: Option<f64>,
    pub duration_max: Option<f64>,
    /// `Some(true)`: the flag is set (`fault`); `Some(false)`: it is not (`fault = false`).
    pub ok: Option<bool>,
    pub error: Option<bool>,
    pub fault: Option<bool>,
    pub throttle: Option<bool>,
    /// Traces that reach this service: `service("name")` or `service(id(…))`.
    pub service: Option<ServiceRefiner>,
    pub user: Option<String>,
    pub annotation: Option<AnnotationRefiner>,
}

/// One status (`http.status = 503`) or a class (`5` → `http.status >= 500 AND http.status < 600`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusRefiner {
    Exact(u16),
    /// The hundreds digit, 1–5.
    Class(u8),
}

/// The service a trace must reach, by name or by `id(…)`.
pub type ServiceRefiner = ServiceSelector;

/// `annotation.KEY`, with an optional comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnotationRefiner {
    pub key: String,
    pub cond: Option<(AnyOp, Value)>,
}

/// A refiner value that no filter expression can carry.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BuildError {
    #[error(
        "the {field} {value:?} contains a double quote, which a filter expression cannot hold (X-Ray documents no escape); remove it"
    )]
    Quote { field: &'static str, value: String },
    #[error("the {field} must be a finite number of seconds, 0 or more; got {value}")]
    Seconds { field: &'static str, value: f64 },
    #[error("HTTP status {0} is not between 100 and 599")]
    Status(u16),
    #[error("HTTP status class {0} is not 1–5 (for 1xx–5xx)")]
    StatusClass(u8),
    #[error("{0}")]
    Invalid(&'static str),
    #[error("an HTTP method cannot be empty")]
    EmptyMethod,
}

impl Refiners {
    /// The expression the refiners stand for, or `None` when none is set.
    ///
    /// # Errors
    /// A [`BuildError`] naming the first value that cannot be written as a filter expression.
    pub fn to_expr(&self) -> Result<Option<Expr>, BuildError> {
        let mut terms = Vec::new();
        if let Some(status) = self.http_status {
            terms.extend(status_terms(status)?);
        }
        let methods = self.methods.iter().map(|method| {
            if method.is_empty() {
                return Err(BuildError::EmptyMethod);
            }
            str_term(StrKeyword::HttpMethod, StrOp::Eq, "HTTP method", method)
        });
        terms.extend(Expr::or(methods.collect::<Result<Vec<_>, _>>()?));
        if let Some(url) = &self.url_contains {
            terms.push(str_term(StrKeyword::HttpUrl, StrOp::Contains, "URL", url)?);
        }
        let ranges = [
            (
                NumKeyword::ResponseTime,
                NumOp::Ge,
                "minimum response time",
                self.response_time_min,
            ),
            (
                NumKeyword::ResponseTime,
                NumOp::Le,
                "maximum response time",
                self.response_time_max,
            ),
            (
                NumKeyword::Duration,
                NumOp::Ge,
                "minimum duration",
                self.duration_min,
            ),
            (
                NumKeyword::Duration,
                NumOp::Le,
                "maximum duration",
                self.duration_max,
            ),
        ];
        for (kw, op, field, value) in ranges {
            if let Some(value) = value {
                if !value.is_finite() || value < 0.0 {
                    return Err(BuildError::Seconds { field, value });
                }
                terms.push(Expr::Test(Test::Num { kw, op, value }));
            }
        }
        let flags = [
            (BoolKeyword::Ok, self.ok),
            (BoolKeyword::Error, self.error),
            (BoolKeyword::Fault, self.fault),
            (BoolKeyword::Throttle, self.throttle),
        ];
        for (kw, value) in flags {
            terms.extend(value.map(|value| Expr::Test(Test::Bool { kw, value })));
        }
        if let Some(service) = &self.service {
            terms.push(service_term(service)?);
        }
        if let Some(user) = &self.user {
            terms.push(str_term(StrKeyword::User, StrOp::Eq, "user", user)?);
        }
        if let Some(annotation) = &self.annotation {
            terms.push(annotation_term(annotation)?);
        }
        Ok(Expr::and(terms))
    }
}

fn status_terms(status: StatusRefiner) -> Result<Vec<Expr>, BuildError> {
    let test = |op, value: u16| {
        Expr::Test(Test::Num {
            kw: NumKeyword::HttpStatus,
            op,
            value: value.into(),
        })
    };
    match status {
        StatusRefiner::Exact(code) if (100..=599).contains(&code) => {
            Ok(vec![test(NumOp::Eq, code)])
        }
        StatusRefiner::Exact(code) => Err(BuildError::Status(code)),
        StatusRefiner::Class(class) if (1..=5).contains(&class) => {
            let low = u16::from(class) * 100;
            Ok(vec![test(NumOp::Ge, low), test(NumOp::Lt, low + 100)])
        }
        StatusRefiner::Class(class) => Err(BuildError::StatusClass(class)),
    }
}

fn str_term(
    kw: StrKeyword,
    op: StrOp,
    field: &'static str,
    value: &str,
) -> Result<Expr, BuildError> {
    let value = quotable(field, value)?;
    Ok(Expr::Test(Test::Str {
        kw,
        op: Some((op, value)),
    }))
}

fn service_term(service: &ServiceRefiner) -> Result<Expr, BuildError> {
    match service {
        ServiceSelector::Name(name) => {
            quotable("service name", name)?;
        }
        ServiceSelector::Id(id) => {
            let fields = [&id.name, &id.kind, &id.account_id];
            if fields.iter().all(|field| field.is_none()) {
                return Err(BuildError::Invalid(
                    "a service id needs a name, a type or an account id",
                ));
            }
            for value in fields.into_iter().flatten() {
                quotable("service id", value)?;
            }
        }
    }
    Ok(Expr::Service {
        selector: Some(service.clone()),
        body: None,
    })
}

fn annotation_term(annotation: &AnnotationRefiner) -> Result<Expr, BuildError> {
    let key = &annotation.key;
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(BuildError::Invalid(
            "an annotation key is letters, digits and '_' only",
        ));
    }
    if let Some((op, value)) = &annotation.cond {
        if let Value::String(text) = value {
            quotable("annotation value", text)?;
        }
        let fits = match value {
            Value::Number(number) => number.is_finite() && op.as_num_op().is_some(),
            Value::String(_) => op.as_str_op().is_some(),
            Value::Bool(_) => matches!(op, AnyOp::Eq | AnyOp::Ne),
        };
        if !fits {
            return Err(BuildError::Invalid(
                "the annotation operator does not fit its value (<, >… take a finite number, \
                 CONTAINS… a string, true/false only = or !=)",
            ));
        }
    }
    Ok(Expr::Test(Test::Annotation {
        key: key.clone(),
        cond: annotation.cond.clone(),
    }))
}

/// `value` itself, if it can be written between double quotes.
fn quotable(field: &'static str, value: &str) -> Result<String, BuildError> {
    if value.contains('"') {
        return Err(BuildError::Quote {
            field,
            value: value.to_owned(),
        });
    }
    Ok(value.to_owned())
}
